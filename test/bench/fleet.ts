import { cpus } from 'node:os';
import { type RunningFleet, startFleet } from '../../central/testing/fleet';
import { startPostgresCluster } from '../../central/testing/postgres';
import { TestKiosk } from '../../central/testing/kioskClient';
import { closePools, flatOut, highestHeld, load, type Target } from './support/load';
import { compare, median } from './support/stats';
import type { BenchFigure } from './types';

/**
 * Central as a fleet (issue 19): 1, 2 and 4 stateless instances on one
 * PostgreSQL database behind HAProxy (TCP, the kiosks' mTLS passed through),
 * each with the highest heartbeat rate it holds at p99 ≤ 50 ms, against the
 * same fleet's flat-out rate in the same run (20 connections, the same load
 * generator): how near its throughput the fleet keeps its latency. (The
 * baseline was once a bare Fastify route's held rate; on two cores
 * that rate is the load generator's limit, not the server's, and it halved
 * under `stress-ng --cpu 1` while the fleet's did not.) On this 2-core machine
 * the instances, HAProxy, PostgreSQL and the load generator share two cores,
 * so more instances cannot add throughput here; the scaling figures say what
 * they do add. A size is measured only where the machine has a core for each
 * instance: beyond that the figure measures the scheduler's queue (four
 * instances on two cores, reported and not judged, moved 1.3–1.8× between two
 * runs of one machine), so on two cores the fleets are of 1 and 2.
 */
const P99_MS = 50;
const SIZES = [1, 2, 4].filter((size) => size <= cpus().length);
const STEP_SECONDS = 2;

type Held = Awaited<ReturnType<typeof highestHeld>>;

/** The heartbeat the central bench sends (three devices online), as kiosks send it every 30 s. */
const heartbeat = JSON.stringify({
  appState: 'available',
  devices: ['fingerprint', 'cardSlot', 'printer'].map((device) => ({ device, status: 'online' })),
  versions: { app: '0.1.0', config: '1' },
  queueDepth: 0,
  clock: new Date().toISOString(),
});

async function kioskTls(fleet: RunningFleet): Promise<Target['tls']> {
  const kiosk = await TestKiosk.create(fleet.url, fleet.caCertPem);
  const enrolled = await kiosk.enrol(fleet.enrolmentCode);
  if (enrolled.status !== 201) throw new Error(`enrolment through HAProxy failed: ${JSON.stringify(enrolled.body)}`);
  await kiosk.close();
  return { ca: fleet.caCertPem, cert: kiosk.certificatePem, key: kiosk.keyPem };
}

export default async function fleetBench(): Promise<BenchFigure[]> {
  const cluster = await startPostgresCluster();
  const figures: BenchFigure[] = [];
  const held = new Map<number, number>();
  const results: { size: number; fleet: Held; searched: number[]; flatOut: number[] }[] = [];
  try {
    for (const size of SIZES) {
      const fleet = await startFleet({ instances: size, database: await cluster.createDatabase(`bench_fleet_${size}`) });
      const targets: Target[] = [];
      try {
        const tls = await kioskTls(fleet);
        const ours: Target = { url: `${fleet.url}/v1/kiosks/heartbeat`, tls, body: heartbeat };
        targets.push(ours);
        // Warm-up: the pool's 20 mTLS connections through HAProxy, each instance's database pool, JIT. After 2 s at
        // 100 req/s alone the first flat-out run read half the later ones (one instance: 1,318 then 2,608–3,062 req/s,
        // p50 13.0 then 6.5–7.4 ms), so the warm-up ends with a flat-out run of its own, not counted.
        await load(ours, 2, 100);
        await flatOut(ours, 3);
        // The baseline: the median of three flat-out runs, one just before the searches (half of it is where the first
        // starts) and two just after them, so the searches' own warming (a later flat-out run read up to 10 % more) falls
        // on both sides.
        const before = await flatOut(ours, 3);
        // The held rate: the median of three searches (one search, beside stress-ng, read 0.76 and 0.91 of flat out in
        // two runs: near the edge a 2 s step's p99 is a few slow requests; three read 2,832–3,079 req/s quiet and
        // 1,535–1,629 loaded). The later two start just under the first's rate, so they climb less.
        const first = await highestHeld(ours, Math.max(50, Math.round(before.rate / 2)), P99_MS, STEP_SECONDS);
        const searches = [first];
        for (let i = 0; i < 2; i += 1) searches.push(await highestHeld(ours, Math.max(50, Math.round(first.rate * 0.8)), P99_MS, STEP_SECONDS));
        const fleetHeld = [...searches].sort((a, b) => a.rate - b.rate)[1]!;
        const runs = [before, await flatOut(ours, 3), await flatOut(ours, 3)];
        const failed = runs.reduce((sum, run) => sum + run.failed, 0);
        if (failed > 0) throw new Error(`${failed} heartbeats failed flat out`);
        held.set(size, fleetHeld.rate);
        results.push({ size, fleet: fleetHeld, searched: searches.map((search) => search.rate), flatOut: runs.map((run) => run.rate) });
      } finally {
        await closePools(...targets);
        await fleet.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  // Each fleet size against its own flat-out rate, measured around its searches, in the same weather.
  for (const { size, fleet, searched, flatOut: flat } of results) {
    const plural = size > 1 ? 's' : '';
    figures.push(
      compare({ subject: [fleet.rate], baseline: flat }, {
        overall: { subject: fleet.rate, baseline: median(flat) },
        name: `heartbeat rate held at p99 ≤ ${P99_MS} ms: ${size} central instance${plural} on PostgreSQL behind HAProxy`,
        unit: 'req/s',
        baselineName: 'the same fleet flat out (20 connections, 3 s, same load generator; median of one run before its searches and two after)',
        budget: { min: 0.3 },
        note: `the median of three searches (${searched.join(', ')} req/s); its last steps: ${fleet.log.slice(-2).join('; ')}`,
        digits: 0,
      }),
    );
  }
  const one = held.get(1) ?? 0;
  for (const size of SIZES.slice(1)) {
    figures.push({
      name: `heartbeat scaling: ${size} instances ÷ 1 instance (rate held at p99 ≤ ${P99_MS} ms)`,
      value: one > 0 ? (held.get(size) ?? 0) / one : 0,
      unit: '×',
      note: `reported, not judged: ${cpus().length} cores shared by the instances, HAProxy, PostgreSQL and the load generator`,
    });
  }
  return figures;
}
