import type { BenchFigure } from './types';
import { OutboxSender } from '../../electron/core/sync/outboxSender';
import { centralOutbox, enrolledKiosk, startTestCentral } from '../../electron/core/sync/testing/centralFixture';

/**
 * Outbox drain rate, kiosk → reference central on loopback over mTLS: how fast
 * a kiosk catches up after a long outage. Both sides use SQLite with
 * synchronous=FULL, so this is fsync-bound by design.
 */
export default async function outboxBench(): Promise<BenchFigure[]> {
  const events = 5_000;
  const { central, close } = await startTestCentral();
  const kiosk = await enrolledKiosk(central);
  try {
    const payload = { device: 'printer', counter: 'receipts', note: 'x'.repeat(200) };
    const enqueueStart = performance.now();
    // The backlog as an outage leaves it: events written one transaction at a time.
    for (let i = 0; i < 1_000; i++) await kiosk.outbox.add({ kind: 'telemetry', payload: { ...payload, i } });
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
    for (let i = 1_000; i < events; i += 100) {
      await kiosk.store.write(function* (tx) {
        for (let j = i; j < i + 100; j++) yield* kiosk.outbox.enqueue(tx, { kind: 'telemetry', payload: { ...payload, i: j } });
      });
    }

    const sender = new OutboxSender({ outbox: kiosk.outbox, central: kiosk.client, now: Date.now, random: Math.random, backoff: { baseMs: 100, capMs: 1_000, jitter: 'full' } });
    const start = performance.now();
    const report = await sender.drain();
    const seconds = (performance.now() - start) / 1000;
    const stored = await centralOutbox(central, kiosk.identity.kioskId);
    if (report.delivered !== events || stored.size !== events) throw new Error(`drained ${report.delivered}, central stored ${stored.size}, expected ${events}`);
    return [
      {
        name: 'outbox drain rate (kiosk → central, loopback mTLS)',
        value: Math.round(events / seconds),
        unit: 'events/s',
        budget: { min: 500 },
        note: `${events} events of ~260 B in ${report.batches} batches, ${seconds.toFixed(2)} s`,
      },
      {
        name: 'outbox enqueue rate (one event per transaction)',
        value: Math.round(1_000 / enqueueSeconds),
        unit: 'events/s',
        note: 'BEGIN IMMEDIATE … COMMIT with synchronous=FULL per event',
      },
    ];
  } finally {
    await kiosk.dispose();
    await close();
  }
}
