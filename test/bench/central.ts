import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { evaluateMatcher } from '../../central/biometrics/evaluate';
import { syntheticMatcher } from '../../central/biometrics/matcher';
import { TestKiosk } from '../../central/testing/kioskClient';
import { generatePopulation } from '../../common/demo/population';
import type { BenchFigure } from './types';

/**
 * The reference central under kiosk load, and its fingerprint matcher.
 *
 * The server runs in its own process (as in production) so the load generator
 * does not share its event loop; autocannon drives heartbeats over mTLS on
 * loopback. 10,000 kiosks at one heartbeat per 30 s is 333 req/s: hold that
 * and report p99, then step the rate up to find the highest rate held with
 * p99 within budget. Then the matcher: time per 1:1 comparison and FRR/FAR.
 */

const P99_BUDGET_MS = 50;
const TARGET_RATE = 333;

/** autocannon ships no types; this is the part we use, and its result is parsed with zod. */
type Autocannon = (options: Record<string, unknown>) => Promise<unknown>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const resultSchema = z.object({
  requests: z.object({ average: z.number(), total: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  duration: z.number(),
});

const firstLineSchema = z.object({ url: z.string().url(), caCert: z.string(), enrollmentCode: z.string() });

async function startCentralProcess(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', '--port', '0', '--data-dir', dataDir, '--profile', 'demo'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`central exited ${code} before it printed its address`)));
  });
  return { child, ...firstLineSchema.parse(JSON.parse(first)) };
}

export default async function centralBench(): Promise<BenchFigure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-central-'));
  const central = await startCentralProcess(dataDir);
  const figures: BenchFigure[] = [];
  try {
    const caCertPem = await readFile(central.caCert, 'utf8');
    const kiosk = await TestKiosk.create(central.url, caCertPem);
    const enrolled = await kiosk.enrol(central.enrollmentCode);
    if (enrolled.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
    await kiosk.close();

    const heartbeat = JSON.stringify({
      appState: 'available',
      devices: [
        { device: 'fingerprint', status: 'online' },
        { device: 'cardSlot', status: 'online' },
        { device: 'printer', status: 'online' },
      ],
      versions: { app: '0.1.0', config: '1' },
      queueDepth: 0,
      clock: new Date().toISOString(),
    });
    const run = async (rate: number, seconds: number) =>
      resultSchema.parse(
        await autocannon({
          url: `${central.url}/v1/kiosks/heartbeat`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: heartbeat,
          connections: 20,
          overallRate: rate,
          duration: seconds,
          tlsOptions: { ca: caCertPem, cert: kiosk.certificatePem, key: kiosk.keyPem },
        }),
      );

    await run(200, 2); // warm-up: TLS sessions, JIT, SQLite page cache
    const held = await run(TARGET_RATE, 10);
    figures.push({
      name: `heartbeat p99 at ${TARGET_RATE} req/s (10,000 kiosks / 30 s, mTLS)`,
      value: held.latency.p99,
      unit: 'ms',
      budget: { max: P99_BUDGET_MS },
      note: `${held.requests.total} requests in ${held.duration} s, p50 ${held.latency.p50} ms, max ${held.latency.max} ms, non-2xx ${held.non2xx}, errors ${held.errors}`,
    });
    figures.push({
      name: `heartbeat rate achieved when asked for ${TARGET_RATE} req/s`,
      value: held.requests.average,
      unit: 'req/s',
      budget: { min: TARGET_RATE * 0.95 },
    });

    // Step up until p99 leaves the budget or the server cannot keep the asked rate. A step that misses is tried
    // once more before it counts: one p99 over 4 s moves with a single GC pause on a shared 2-core machine.
    let sustained = TARGET_RATE;
    let last = '';
    for (const rate of [500, 750, 1000, 1500, 2000, 3000, 4000]) {
      let kept = false;
      for (let attempt = 1; attempt <= 2 && !kept; attempt += 1) {
        const step = await run(rate, 4);
        last = `${rate} req/s asked (try ${attempt}): ${Math.round(step.requests.average)} done, p99 ${step.latency.p99} ms, non-2xx ${step.non2xx}, errors ${step.errors}`;
        kept = step.requests.average >= rate * 0.95 && step.latency.p99 <= P99_BUDGET_MS && step.non2xx === 0 && step.errors === 0;
      }
      if (!kept) break;
      sustained = rate;
    }
    figures.push({ name: `heartbeat: highest rate held with p99 ≤ ${P99_BUDGET_MS} ms`, value: sustained, unit: 'req/s', budget: { min: TARGET_RATE }, note: `last step: ${last}` });
  } finally {
    central.child.kill('SIGTERM');
    await new Promise((resolve) => central.child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }

  const evaluation = evaluateMatcher(syntheticMatcher(30), generatePopulation(), { capturesPerFinger: 2, impostorComparisons: 10_000 });
  figures.push(
    { name: 'matcher: time per 1:1 comparison', value: evaluation.msPerMatch, unit: 'ms', budget: { max: 5 } },
    {
      name: 'matcher: false reject rate (genuine captures)',
      value: evaluation.frr * 100,
      unit: '%',
      budget: { max: 1 },
      note: `${evaluation.falseRejections}/${evaluation.genuineComparisons}, lowest genuine score ${evaluation.lowestGenuineScore} (threshold 30)`,
    },
    {
      name: 'matcher: false accept rate (impostor comparisons)',
      value: evaluation.far * 100,
      unit: '%',
      budget: { max: 0.01 },
      note: `${evaluation.falseAccepts}/${evaluation.impostorComparisons}, highest impostor score ${evaluation.highestImpostorScore}`,
    },
  );
  return figures;
}
