import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { evaluateMatcher } from '../../central/biometrics/evaluate';
import { syntheticMatcher } from '../../central/biometrics/matcher';
import { TestKiosk } from '../../central/testing/kioskClient';
import { generatePopulation } from '../../common/demo/population';
import { stop } from '../support/process';
import { cpuMs } from './support/cpu';
import { closePools, flatOut, heldAgainstAnswered, load, loadSideBySide, type LoadResult, type Target } from './support/load';
import { compare, median, paired, percentile } from './support/stats';
import type { BenchFigure } from './types';

/**
 * The reference central under kiosk load, against a bare Fastify route answering `{}` over the same mTLS (the
 * framework's own limit on this machine; for the p99, after a spin as long as central's extra CPU a request), each in
 * its own process, driven by the same undici pool from this one, side by side (their requests interleaved). 10,000
 * kiosks at one heartbeat per 30 s is 333 req/s: p99 at that rate and the server's CPU time per request at it;
 * throughput flat out (reported); and the highest rate central holds without a queue building up (a step search that
 * only reports a rate it held), against the most it answered asked for more in the same minute (support/load.ts
 * heldAgainstAnswered). The suite and the servers it starts run on one CPU (run.mjs's pinnedSuites: central's SQLite worker handing results to its main thread across
 * two idle vCPUs cost it 15 % more CPU a request than beside stress-ng; the one-thread bare route paid nothing).
 * Then the matcher: time per 1:1 comparison (reported) and FRR/FAR (judged: they do not depend on the machine).
 */

/** A step search's step is held when no queue builds up over it: p99 within this (the 50 ms goal is judged above, as a ratio). */
const HELD_P99_MS = 250;
const TARGET_RATE = 333;
const ROUNDS = 5;
/**
 * A round's p99 is its 10th slowest of ~1,000, so it says whether a stall fell in that round. Taken in turns (central's
 * round, then the spinning route's), the rounds' ratios ran 0.07–27 in one run and their median read 1.41 → 1.70 and
 * 1.19 → 1.43 quiet → beside stress-ng in two pairs: central's slow rounds come at their own times (the first ~15 s
 * after its start, its code being compiled at 1.5× the CPU a request; ~100 s after it, V8's memory reducer, a
 * mark-compact of 26 ms marking and a 32 ms pause on the suite's one CPU), and a healthy round's p99 itself moved 2×
 * from round to round on both sides. Side by side (support/load.ts loadSideBySide) both see the same moments: the
 * rounds' ratios ran 0.66–2.8 and their median of 21 read 1.48 → 1.36. The p99 of all rounds' requests together is
 * printed, not judged: a slow round's 1 % carries it (74 ms against 3.6 quiet and 49 against 6.4 beside stress-ng in
 * one pair, 8 against 5 and 25 against 5 in another). 41 rounds: with 21, the rounds' ratios ran 0.58–2.19 and their
 * median read 1.279 → 1.224, 1.269 → 1.269 and 1.441 → 1.052 quiet → beside stress-ng in pairs N, O and P.
 */
const P99_ROUNDS = 41;

const firstLineSchema = z.object({ url: z.string().url(), caCert: z.string().optional(), enrollmentCode: z.string().optional() });

/** A server in its own process that prints its address as JSON on its first stdout line. */
async function startProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited ${code} before it printed its address`)));
  });
  return { stop: () => stop(child), cpuMs: () => cpuMs(child.pid ?? 0), ...firstLineSchema.parse(JSON.parse(first)) };
}

async function heartbeatFigures(dataDir: string): Promise<BenchFigure[]> {
  const central = await startProcess(['central/main.ts', '--port', '0', '--data-dir', dataDir, '--profile', 'demo']);
  const bare = await startProcess(['test/bench/support/bareFastify.ts', dataDir]);
  const targets: Target[] = [];
  try {
    if (!central.caCert || !central.enrollmentCode) throw new Error('central printed no CA or enrolment code');
    const ca = await readFile(central.caCert, 'utf8');
    const kiosk = await TestKiosk.create(central.url, ca);
    const enrolled = await kiosk.enrol(central.enrollmentCode);
    if (enrolled.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
    await kiosk.close();
    const body = JSON.stringify({
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
    const tls = { ca, cert: kiosk.certificatePem, key: kiosk.keyPem };
    const ours: Target = { url: `${central.url}/v1/kiosks/heartbeat`, tls, body };
    const theirs: Target = { url: `${bare.url}/v1/kiosks/heartbeat`, tls, body };
    targets.push(ours, theirs);
    const checked = (r: LoadResult, what: string): LoadResult => {
      if (r.failed > 0) throw new Error(`${what}: ${r.failed} requests failed`);
      return r;
    };
    // Warm-up: TLS sessions, JIT, SQLite page cache.
    await load(ours, 2, 200);
    await load(theirs, 2, 200);

    // Flat out: the rate each answers with 20 connections (reported; it sets the rate below and where the step
    // search starts).
    const rates = { central: [] as number[], bare: [] as number[] };
    await paired(
      ROUNDS,
      0,
      async () => rates.central.push(checked(await flatOut(ours, 3), 'central').rate),
      async () => rates.bare.push(checked(await flatOut(theirs, 3), 'bare route').rate),
    );
    // 333 req/s, unless central cannot do three times that flat out on this machine in this weather: then a third of
    // what it did, so the figure is a latency and not a queue (the rate used is printed).
    const rate = Math.min(TARGET_RATE, Math.round(median(rates.central) / 3));
    // The p99's baseline does as much work a request as central: the bare route after spending central's extra CPU a
    // request (over the bare route's, from two calibration rounds at this rate) in a spin. Against the bare `{}` the
    // ratio read 1.27–1.40 quiet and 1.61–1.68 beside stress-ng in two pairs of three: a request five times as long
    // meets more of the machine's stalls and waits behind more of its neighbours, so the ratio measured the weather.
    const sideBySide = async (baseline: Target, what: string) => {
      const before = { central: central.cpuMs(), bare: bare.cpuMs() };
      const [c, b] = await loadSideBySide([ours, baseline], 3, rate);
      const used = { central: central.cpuMs() - before.central, bare: bare.cpuMs() - before.bare };
      const answered = { central: checked(c!, 'central'), baseline: checked(b!, what) };
      return { ...answered, used, perRequest: { central: used.central / answered.central.total, bare: used.bare / answered.baseline.total } };
    };
    const calibration: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { perRequest } = await sideBySide(theirs, 'bare route');
      calibration.push(perRequest.central - perRequest.bare);
    }
    // The spin then follows central's extra CPU a request as measured in the rounds so far (all their CPU over all their
    // requests, each side): two calibration rounds set it at 438 µs in one run whose rounds then measured 705, and the
    // baseline doing less work than central read a ratio of 1.76 quiet against 1.32 beside stress-ng (pair L).
    /** The spins used, in µs, in order: the calibration's, then one after each CPU turn. */
    const spins = [Math.max(0, Math.round(median(calibration) * 1000))];
    const spinUrl = () => `${bare.url}/spin/${spins.at(-1)}/v1/kiosks/heartbeat`;
    const spun: Target = { url: spinUrl(), tls, body };
    targets.push(spun);
    await load(spun, 2, rate);
    // Each round two turns, the order alternating, so a load that rises or falls through the run weighs on both alike;
    // in each, central and a baseline side by side, each at the rate, their requests interleaved: the same moments of
    // the machine. With the bare `{}`, the CPU a request (the framework's own cost; both at the same rate, so neither
    // gains from batching that the other cannot: flat out, the bare route's requests share each wake-up and write; CPU
    // time is what the machine's other load does not add to); with the spinning route, the p99.
    const p99 = { subject: [] as number[], baseline: [] as number[] };
    /** Every request's latency in those rounds, central's and the spinning route's (their p99 over all rounds is reported). */
    const latencies = { subject: [] as number[], baseline: [] as number[] };
    const cpu = { subject: [] as number[], baseline: [] as number[] };
    /** CPU time and requests summed over all rounds, each side: the CPU a request is their quotient. */
    const cpuTotal = { subject: { ms: 0, requests: 0 }, baseline: { ms: 0, requests: 0 } };
    const overallPerRequest = () => ({ subject: cpuTotal.subject.ms / cpuTotal.subject.requests, baseline: cpuTotal.baseline.ms / cpuTotal.baseline.requests });
    const achievedRates: number[] = [];
    const turns = [
      async () => {
        const { central: c, baseline: b, used, perRequest } = await sideBySide(theirs, 'bare route');
        cpu.subject.push(perRequest.central);
        cpu.baseline.push(perRequest.bare);
        cpuTotal.subject.ms += used.central;
        cpuTotal.subject.requests += c.total;
        cpuTotal.baseline.ms += used.bare;
        cpuTotal.baseline.requests += b.total;
        const overall = overallPerRequest();
        spins.push(Math.max(0, Math.round((overall.subject - overall.baseline) * 1000)));
        spun.url = spinUrl();
      },
      async () => {
        const { central: c, baseline: b } = await sideBySide(spun, 'spinning bare route');
        p99.subject.push(c.p99);
        p99.baseline.push(b.p99);
        latencies.subject.push(...c.latencies);
        latencies.baseline.push(...b.latencies);
        achievedRates.push(c.rate);
      },
    ];
    for (let i = 0; i < P99_ROUNDS; i += 1) for (let j = 0; j < turns.length; j += 1) await turns[(i + j) % turns.length]!();
    const flatOutCentral = median(rates.central);
    const heldCentral = await heldAgainstAnswered(ours, Math.round(flatOutCentral / 2), HELD_P99_MS, 2);
    const achieved = Math.min(...achievedRates);
    return [
      compare(p99, {
        name: `heartbeat p99 at ${TARGET_RATE} req/s (10,000 kiosks / 30 s, mTLS), or a third of central's flat-out rate if lower`,
        unit: 'ms',
        baselineName: `bare Fastify route answering {} over the same mTLS after ${spins.at(-1)} µs of CPU (central's extra CPU a request, as measured in the rounds so far: ${Math.min(...spins)}–${Math.max(...spins)} through the run), same load`,
        // A server doing the same work a request: central's own tail (its database thread, its garbage) above it.
        budget: { max: 3 },
        note: `at ${rate} req/s, open-loop, evenly spaced, latency from when each was due; central answered ≥ ${Math.round(achieved)} req/s in every round; ${P99_ROUNDS} rounds of 3 s side by side with the spinning route, the median of the rounds' ratios; over all of them together (reported, not judged), central's p99 ${percentile(latencies.subject, 99).toFixed(1)} ms, the spinning route's ${percentile(latencies.baseline, 99).toFixed(1)} ms`,
      }),
      compare(cpu, {
        // All rounds' CPU over all their requests, each side, both side by side (the rounds' own figures give the
        // spread). Taken in turns, the median of the rounds' ratios read 4.10 → 4.10, 4.79 → 4.49 and 3.59 → 4.49 quiet
        // → beside stress-ng in three pairs, the bare route's 0.12–0.72 ms a request a round; side by side it ran
        // 0.15–0.44 and the ratio read 3.69 → 3.63.
        overall: overallPerRequest(),
        name: 'heartbeat server CPU per request at the same rate (mTLS, keep-alive)',
        unit: 'ms',
        baselineName: 'bare Fastify route answering {}, same load generator',
        budget: { max: 8 },
        note: `at ${rate} req/s, ${P99_ROUNDS} rounds of 3 s side by side with the bare route, all threads (schedstat), all rounds' CPU over all their requests (the rounds' own figures give the spread); flat out with 20 connections (reported, not judged): central ${Math.round(median(rates.central))} req/s, bare route ${Math.round(median(rates.bare))} req/s (medians)`,
        digits: 3,
      }),
      compare(
        { subject: heldCentral.held, baseline: heldCentral.answered },
        {
          name: `heartbeat: highest rate held (≥ 95 % answered, none failed, p99 ≤ ${HELD_P99_MS} ms: no queue building)`,
          unit: 'req/s',
          baselineName: 'the most central answered asked for more, in the same search and one step at 1.5× the rate it held (same open-loop generator, same minute): how near its throughput it keeps its latency; three searches',
          budget: { min: 0.5 },
          note: `${heldCentral.log.join('; ')}; flat out with 20 connections before them ${Math.round(flatOutCentral)} req/s (reported). Not set against the bare route's held rate: on two cores that one is the load generator's limit, not the server's (it halved under stress-ng --cpu 1 while central's did not); the framework's limit is judged as CPU per request above`,
          digits: 0,
        },
      ),
    ];
  } finally {
    await closePools(...targets);
    await central.stop();
    await bare.stop();
  }
}

export default async function centralBench(): Promise<BenchFigure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-central-'));
  const figures: BenchFigure[] = [];
  try {
    figures.push(...(await heartbeatFigures(dataDir)));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }

  const evaluation = evaluateMatcher(syntheticMatcher(30), generatePopulation(), { capturesPerFinger: 2, impostorComparisons: 10_000 });
  figures.push(
    { name: 'matcher: time per 1:1 comparison', value: evaluation.msPerMatch, unit: 'ms', note: 'reported, not judged (no baseline)' },
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
