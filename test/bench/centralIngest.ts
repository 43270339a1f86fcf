import { OutboxSender } from '../../electron/core/sync/outboxSender';
import { centralOutbox, enrolledKiosk, startTestCentral } from '../../electron/core/sync/testing/centralFixture';
import type { RunningCentral } from '../../central/server';
import { startPostgresCluster } from '../../central/testing/postgres';
import { compare, median, paired } from './support/stats';
import type { BenchFigure } from './types';

/**
 * Central's outbox ingest on PostgreSQL against the same on SQLite, same run (issue 19): kiosks drain a backlog of
 * telemetry events over loopback mTLS through the real route, once into a central on a PostgreSQL database and once
 * into a central on its SQLite file, in alternating pairs. Both durable as production runs them: SQLite WAL with
 * synchronous=FULL, PostgreSQL with fsync and synchronous commit on (its defaults; the test clusters turn them off),
 * each on this machine's disk. The kiosk side, TLS and HTTP are the same on both, so the ratio understates the
 * engines' own difference; the figure is what a kiosk (or a fleet) catching up after an outage sees.
 * `npm run bench` runs this suite on one CPU, PostgreSQL's processes with it (run.mjs says why): unpinned, the SQLite
 * side ran 2.5× faster with the other vCPU busy than idle and the ratios moved with the weather.
 */

const ROUNDS = 7;
const BACKLOG = 1_000;
const BATCH = 100;
const FLEET = 4;
const payload = { device: 'printer', counter: 'receipts', note: 'x'.repeat(200) };

type Kiosk = Awaited<ReturnType<typeof enrolledKiosk>>;

interface Side {
  readonly central: RunningCentral;
  readonly kiosks: readonly Kiosk[];
  readonly senders: readonly OutboxSender[];
  /** Events each kiosk has sent so far (kiosk 0 drains in every round, the others in the fleet's). */
  readonly sent: number[];
}

async function side(central: RunningCentral): Promise<Side> {
  const kiosks: Kiosk[] = [];
  for (let i = 0; i < FLEET; i++) kiosks.push(await enrolledKiosk(central));
  const senders = kiosks.map((kiosk) => new OutboxSender({ outbox: kiosk.outbox, central: kiosk.client, now: Date.now, random: Math.random, backoff: { baseMs: 100, capMs: 1_000, jitter: 'full' } }));
  return { central, kiosks, senders, sent: kiosks.map(() => 0) };
}

/** `count` kiosks each drain a backlog of BACKLOG events at once (written as an outage leaves it, untimed); events/s. */
async function drain(s: Side, count: number): Promise<number> {
  for (const [index, kiosk] of s.kiosks.slice(0, count).entries()) {
    const first = s.sent[index] ?? 0;
    for (let i = 0; i < BACKLOG; i += BATCH) {
      await kiosk.store.write(function* (tx) {
        for (let j = 0; j < BATCH; j++) yield* kiosk.outbox.enqueue(tx, { kind: 'telemetry', payload: { ...payload, i: first + i + j } });
      });
    }
    s.sent[index] = first + BACKLOG;
  }
  const started = performance.now();
  const reports = await Promise.all(s.senders.slice(0, count).map((sender) => sender.drain()));
  const seconds = (performance.now() - started) / 1000;
  for (const report of reports) if (report.delivered !== BACKLOG) throw new Error(`drained ${report.delivered} of ${BACKLOG} (${report.stoppedBy ?? 'no reason'})`);
  return (BACKLOG * count) / seconds;
}

/** Every event every kiosk sent is in central exactly once (a fast wrong answer is no figure). */
async function checkStored(s: Side): Promise<void> {
  for (const [index, kiosk] of s.kiosks.entries()) {
    const stored = await centralOutbox(s.central, kiosk.identity.kioskId);
    const sent = s.sent[index];
    if (stored.size !== sent || [...stored.values()].some((row) => row.count !== 1)) throw new Error(`central stored ${stored.size} events of ${sent} sent`);
  }
}

export default async function centralIngestBench(): Promise<BenchFigure[]> {
  const cluster = await startPostgresCluster({ durable: true });
  const onPostgres = await startTestCentral({ database: await cluster.createDatabase('bench') });
  const onSqlite = await startTestCentral();
  const sides: Side[] = [];
  try {
    const postgres = await side(onPostgres.central);
    sides.push(postgres);
    const sqlite = await side(onSqlite.central);
    sides.push(sqlite);
    const one = await paired(ROUNDS, 1, () => drain(postgres, 1), () => drain(sqlite, 1));
    const fleet = await paired(ROUNDS, 1, () => drain(postgres, FLEET), () => drain(sqlite, FLEET));
    await checkStored(postgres);
    await checkStored(sqlite);
    const eventsPerSecond = (runs: number[]) => Math.round(median(runs));
    return [
      compare(one, {
        name: `outbox ingest on PostgreSQL, one kiosk draining ${BACKLOG} events`,
        unit: 'events/s',
        baselineName: 'the same drain into a central on SQLite (WAL, synchronous=FULL)',
        // Within 2.5× of SQLite: ten runs on one CPU read 0.485–0.556, quiet and beside stress-ng alike (a budget of
        // 0.5 sat inside that and went over in both runs of one pair).
        budget: { min: 0.4 },
        note: `${BATCH} events a batch, one SERIALIZABLE transaction each; PostgreSQL ${eventsPerSecond(one.subject)} vs SQLite ${eventsPerSecond(one.baseline)} events/s`,
        digits: 0,
      }),
      compare(fleet, {
        name: `outbox ingest on PostgreSQL, ${FLEET} kiosks draining ${BACKLOG} events each at once`,
        unit: 'events/s',
        baselineName: `the same ${FLEET} drains into a central on SQLite (one writer)`,
        // On one CPU the four kiosks' side-by-side transactions share it and PostgreSQL's concurrency cannot pay
        // (pinned: 0.43–0.48 in four runs quiet and beside stress-ng, rounds down to 0.39; unpinned it was 1.5–1.65
        // quiet and 0.6 loaded): within 3× of SQLite here.
        budget: { min: 0.33 },
        note: `concurrent batches: SQLite queues them on its one writer, PostgreSQL runs them side by side (retrying serialization failures); PostgreSQL ${eventsPerSecond(fleet.subject)} vs SQLite ${eventsPerSecond(fleet.baseline)} events/s`,
        digits: 0,
      }),
    ];
  } finally {
    for (const kiosk of sides.flatMap((s) => s.kiosks)) await kiosk.dispose();
    await onSqlite.close();
    await onPostgres.close();
    await cluster.stop();
  }
}
