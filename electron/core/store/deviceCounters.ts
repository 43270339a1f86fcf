import { z } from 'zod';
import type { Tx, TxWork } from './statements';
import type { Store } from './store';

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

/** device → counter → life count. */
export type CounterValues = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * The device counters as the heartbeat reads them (at once, without a
 * query), kept in step with `device_counters`: each counted event is one
 * write of +1, and the copy in memory follows the write that committed.
 */
export class DeviceCounterBook {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #values = new Map<string, Map<string, number>>();

  private constructor(store: Store, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  /** The counts kept so far (from earlier runs too). */
  static async open(store: Store, now: () => number): Promise<DeviceCounterBook> {
    const book = new DeviceCounterBook(store, now);
    for (const row of await store.read((tx) => readCounters(tx))) book.#set(row.device, row.counter, row.value);
    return book;
  }

  /** One event: +1, written once. Rejects if the store could not write it (the count in memory then stays as it was). */
  async count(device: string, counter: string): Promise<void> {
    await this.#store.write((tx) => incrementCounter(tx, device, counter, 1, this.#now()));
    this.#set(device, counter, (this.#values.get(device)?.get(counter) ?? 0) + 1);
  }

  /**
   * Reads the counts again after a write that did not go through `count`
   * (a retained card, counted in its telemetry transaction; the retain bin
   * emptied), so the heartbeat reports what the table holds.
   */
  async reload(): Promise<void> {
    const rows = await this.#store.read((tx) => readCounters(tx));
    this.#values.clear();
    for (const row of rows) this.#set(row.device, row.counter, row.value);
  }

  /** What has been counted, by device. */
  values(): CounterValues {
    return Object.fromEntries([...this.#values].map(([device, counters]) => [device, Object.fromEntries(counters)]));
  }

  #set(device: string, counter: string, value: number): void {
    const counters = this.#values.get(device) ?? new Map<string, number>();
    counters.set(counter, value);
    this.#values.set(device, counters);
  }
}
