import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../central/store/connection';
import { OutboxSender } from '../../electron/core/sync/outboxSender';
import { centralOutbox, enrolledKiosk, startTestCentral } from '../../electron/core/sync/testing/centralFixture';
import { compare, median, paired } from './support/stats';
import type { BenchFigure } from './types';

/**
 * Outbox drain, kiosk → reference central on loopback over mTLS (how fast a kiosk catches up after an outage), and
 * the outbox's own enqueue, each against bare inserts of the same rows into SQLite with the same settings (WAL,
 * synchronous=FULL: both sides are fsync-bound by design, so the disk's own pace is the baseline).
 */

/** Pairs: a pair's ratio spreads 3.2–6.3 on this kind of machine, and the median of 11 moved 3.7–4.5 between runs. */
const ROUNDS = 41;
const BACKLOG = 1_000;
const BATCH = 100;
const SINGLE = 100;
const payload = { device: 'printer', counter: 'receipts', note: 'x'.repeat(200) };

/** A bare table in a database opened as the kiosk's and central's are. */
async function bareTable(dir: string) {
  const connection = await Connection.open(join(dir, 'bare.sqlite'));
  await connection.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL);');
  let next = 0;
  /** `count` rows, `perTransaction` at a time (BEGIN IMMEDIATE … COMMIT); the milliseconds it took. */
  const insert = async (count: number, perTransaction: number): Promise<number> => {
    const started = performance.now();
    for (let done = 0; done < count; done += perTransaction) {
      await connection.run('BEGIN IMMEDIATE');
      for (let j = 0; j < perTransaction; j++) await connection.run('INSERT INTO rows (id, payload) VALUES (?, ?)', [`r${next++}`, JSON.stringify({ ...payload, i: next })]);
      await connection.run('COMMIT');
    }
    return performance.now() - started;
  };
  return { insert, close: () => connection.close() };
}

export default async function outboxBench(): Promise<BenchFigure[]> {
  const { central, close } = await startTestCentral();
  const kiosk = await enrolledKiosk(central);
  const dir = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
  const bare = await bareTable(dir);
  let sent = 0;
  let batches = 0;
  try {
    const sender = new OutboxSender({ outbox: kiosk.outbox, central: kiosk.client, now: Date.now, random: Math.random, backoff: { baseMs: 100, capMs: 1_000, jitter: 'full' } });
    const drain = async (): Promise<number> => {
      // The backlog as an outage leaves it, written in transactions of BATCH events.
      for (let i = 0; i < BACKLOG; i += BATCH) {
        await kiosk.store.write(function* (tx) {
          for (let j = 0; j < BATCH; j++) yield* kiosk.outbox.enqueue(tx, { kind: 'telemetry', payload: { ...payload, i: sent + i + j } });
        });
      }
      const started = performance.now();
      const report = await sender.drain();
      const ms = performance.now() - started;
      if (report.delivered !== BACKLOG) throw new Error(`drained ${report.delivered} of ${BACKLOG}`);
      sent += BACKLOG;
      batches = report.batches;
      return ms;
    };
    const drained = await paired(ROUNDS, 1, drain, () => bare.insert(BACKLOG, BATCH));
    const stored = await centralOutbox(central, kiosk.identity.kioskId);
    if (stored.size !== sent) throw new Error(`central stored ${stored.size} events, the kiosk sent ${sent}`);

    const enqueue = async (): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < SINGLE; i++) await kiosk.outbox.add({ kind: 'telemetry', payload: { ...payload, i } });
      return performance.now() - started;
    };
    const enqueued = await paired(ROUNDS, 1, enqueue, () => bare.insert(SINGLE, 1));
    return [
      compare(drained, {
        name: `outbox drain of ${BACKLOG} events (kiosk → central, loopback mTLS)`,
        unit: 'ms',
        baselineName: `bare INSERT of the same ${BACKLOG} rows, ${BATCH} a transaction, WAL + synchronous=FULL`,
        budget: { max: 12 },
        note: `events of ~260 B in ${batches} batches; ${Math.round(BACKLOG / (median(drained.subject) / 1000))} events/s`,
        digits: 1,
      }),
      compare(enqueued, {
        name: `outbox enqueue, ${SINGLE} events one transaction each`,
        unit: 'ms',
        baselineName: `bare INSERT of ${SINGLE} rows, one transaction each, same settings`,
        budget: { max: 4 },
        note: 'sealed payload, BEGIN IMMEDIATE … COMMIT per event',
        digits: 1,
      }),
    ];
  } finally {
    await bare.close();
    await rm(dir, { recursive: true, force: true });
    await kiosk.dispose();
    await close();
  }
}
