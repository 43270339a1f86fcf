import { cpus } from 'node:os';
import { type RunningFleet, startFleet } from '../../central/testing/fleet';
import { startPostgresCluster } from '../../central/testing/postgres';
import { TestKiosk } from '../../central/testing/kioskClient';
import { closePools, flatOut, heldAgainstAnswered, load, type HeldAgainstAnswered, type Target } from './support/load';
import { compare, median } from './support/stats';
import type { BenchFigure } from './types';

/**
 * Central as a fleet (issue 19): 1, 2 and 4 stateless instances on one
 * PostgreSQL database behind HAProxy (TCP, the kiosks' mTLS passed through),
 * each with the highest heartbeat rate it holds with no queue building up (p99 ≤ 250 ms), against the
 * most the same fleet answered asked for more in the same minute (same
 * open-loop generator; support/load.ts heldAgainstAnswered): how near its
 * throughput the fleet keeps its latency. (The baseline was once a bare
 * Fastify route's held rate; on two cores that rate is the load generator's
 * limit, not the server's, and it halved under `stress-ng --cpu 1` while the
 * fleet's did not. Then the fleet's closed-loop flat-out rate, which swung
 * 432–1,022 req/s between runs on one loaded machine.) On this 2-core machine
 * the instances, HAProxy, PostgreSQL and the load generator share two cores,
 * so more instances cannot add throughput here; the scaling figures say what
 * they do add. A size is measured only where the machine has a core for each
 * instance: beyond that the figure measures the scheduler's queue (four
 * instances on two cores, reported and not judged, moved 1.3–1.8× between two
 * runs of one machine), so on two cores the fleets are of 1 and 2.
 */
/**
 * A step is held when no queue builds up over it: p99 within this, as in the central suite. The heartbeat's 50 ms goal
 * is judged there, as a ratio (p99 at 333 req/s against a bare route doing as much work). Held at p99 ≤ 50 ms, the
 * fleet's rate fell from 0.98–1.01 of what it answered quiet to 0.67–0.88 beside stress-ng in one pair: with one vCPU
 * left, two instances, HAProxy, PostgreSQL and the load generator pass 50 ms in their turns on it long before a queue
 * builds, so that threshold measured the machine.
 */
const P99_MS = 250;
const SIZES = [1, 2, 4].filter((size) => size <= cpus().length);
const STEP_SECONDS = 2;

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
  const results: { size: number; searches: HeldAgainstAnswered; flatOut: number }[] = [];
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
        // Where the searches start: half the fleet's flat-out rate (reported beside the figure).
        const before = await flatOut(ours, 3);
        if (before.failed > 0) throw new Error(`${before.failed} heartbeats failed flat out`);
        // The held rate against what the same fleet answered asked for more, search by search (three: one search, beside
        // stress-ng, read 0.76 and 0.91 of flat out in two runs; near the edge a 2 s step's p99 is a few slow requests).
        const searches = await heldAgainstAnswered(ours, Math.max(50, Math.round(before.rate / 2)), P99_MS, STEP_SECONDS);
        held.set(size, median(searches.held));
        results.push({ size, searches, flatOut: before.rate });
      } finally {
        await closePools(...targets);
        await fleet.stop();
      }
    }
  } finally {
    await cluster.stop();
  }
  // Each fleet size's held rates against what it answered asked for more, in the same minutes.
  for (const { size, searches, flatOut: flat } of results) {
    const plural = size > 1 ? 's' : '';
    figures.push(
      compare(
        { subject: searches.held, baseline: searches.answered },
        {
          name: `heartbeat rate held (p99 ≤ ${P99_MS} ms: no queue building): ${size} central instance${plural} on PostgreSQL behind HAProxy`,
          unit: 'req/s',
          baselineName: 'the most the same fleet answered asked for more, in the same search and one step at 1.5× the rate it held (same open-loop generator, same minute); three searches',
          budget: { min: 0.5 },
          note: `${searches.log.join('; ')}; flat out with 20 connections before them ${Math.round(flat)} req/s (reported)`,
          digits: 0,
        },
      ),
    );
  }
  const one = held.get(1) ?? 0;
  for (const size of SIZES.slice(1)) {
    figures.push({
      name: `heartbeat scaling: ${size} instances ÷ 1 instance (rate held, p99 ≤ ${P99_MS} ms)`,
      value: one > 0 ? (held.get(size) ?? 0) / one : 0,
      unit: '×',
      note: `reported, not judged: ${cpus().length} cores shared by the instances, HAProxy, PostgreSQL and the load generator`,
    });
  }
  return figures;
}
