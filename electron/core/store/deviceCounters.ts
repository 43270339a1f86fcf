import { z } from 'zod';
import type { Tx, TxWork } from './statements';

/** Life counters (cards read, receipts printed, fingerprint captures) reported to central for maintenance planning. */
export function* incrementCounter(tx: Tx, device: string, counter: string, by: number, now: number): TxWork<void> {
  yield* tx.run(
    `INSERT INTO device_counters (device, counter, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device, counter) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at`,
    [device, counter, by, now],
  );
}

const counterRow = z.object({ device: z.string(), counter: z.string(), value: z.number().int() });

export function* readCounters(tx: Tx): TxWork<{ device: string; counter: string; value: number }[]> {
  return yield* tx.all(counterRow, 'SELECT device, counter, value FROM device_counters ORDER BY device, counter');
}
