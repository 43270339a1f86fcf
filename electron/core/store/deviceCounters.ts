import { z } from 'zod';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../log';
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

const binRow = z.object({ value: z.number().int() });

/** A card kept by the reader, inside the transaction that reports it: the bin's count and the life count +1; answers the bin's count. */
export function* retainCard(tx: Tx, device: string, now: number): TxWork<number> {
  yield* incrementCounter(tx, device, 'retainBin', 1, now);
  yield* incrementCounter(tx, device, 'retained', 1, now);
  const bin = yield* tx.get(binRow, "SELECT value FROM device_counters WHERE device = ? AND counter = 'retainBin'", [device]);
  return bin?.value ?? 1;
}

const counterRow = z.object({ device: z.string(), counter: z.string(), value: z.number().int() });

export function* readCounters(tx: Tx): TxWork<{ device: string; counter: string; value: number }[]> {
  return yield* tx.all(counterRow, 'SELECT device, counter, value FROM device_counters ORDER BY device, counter');
}

/** device → counter → life count. */
export type CounterValues = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** The store could not write (or read back) a count: the count in memory stays as it was. */
interface CounterError {
  readonly type: 'storeFailed';
  readonly detail: string;
}

/** A device that reports its counted events (the printer, the card slot). */
interface CountingDevice<C extends string> {
  onCount(listener: (counter: C) => void): () => void;
}

/**
 * The device counters as the heartbeat reads them (at once, without a
 * query), kept in step with `device_counters`: each counted event is one
 * write of +1, and the copy in memory follows the write that committed.
 * Every change goes through the book (`follow`, `count`, `readBackAfter`),
 * and a write that fails is a typed error, logged here: never a rejection.
 */
export class DeviceCounterBook {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #log: Pick<Logger, 'warn'> | undefined;
  readonly #values = new Map<string, Map<string, number>>();

  private constructor(store: Store, now: () => number, log: Pick<Logger, 'warn'> | undefined) {
    this.#store = store;
    this.#now = now;
    this.#log = log;
  }

  /** The counts kept so far (from earlier runs too). */
  static async open(store: Store, now: () => number, log?: Pick<Logger, 'warn'>): Promise<DeviceCounterBook> {
    const book = new DeviceCounterBook(store, now, log);
    for (const row of await store.read((tx) => readCounters(tx))) book.#set(row.device, row.counter, row.value);
    return book;
  }

  /** Counts each event the device reports, as `count` does; returns the unsubscribe. */
  follow<C extends string>(device: string, source: CountingDevice<C>): () => void {
    return source.onCount((counter) => void this.count(device, counter));
  }

  /** One event: +1, written once. If the store could not write it, the count in memory stays as it was. */
  async count(device: string, counter: string): Promise<Result<void, CounterError>> {
    try {
      await this.#store.write((tx) => incrementCounter(tx, device, counter, 1, this.#now()));
    } catch (error) {
      return this.#failed('counters.notWritten', 'device counter not written', error, { device, counter });
    }
    this.#set(device, counter, (this.#values.get(device)?.get(counter) ?? 0) + 1);
    return ok();
  }

  /**
   * A write that moved counters in a transaction of its own (a retained
   * card, counted with its telemetry fact by `retainCard`): once it has
   * settled, the counts are read back, so the heartbeat reports what the
   * table holds. Never rejects: a write that threw is logged here.
   */
  async readBackAfter(write: Promise<unknown>): Promise<Result<void, CounterError>> {
    try {
      await write;
    } catch (error) {
      this.#failed('counters.writeFailed', 'a write that moves device counters failed', error, {});
    }
    return this.reload();
  }

  /** Reads the counts again after a write that did not go through the book (the retain bin emptied). */
  async reload(): Promise<Result<void, CounterError>> {
    let rows: { device: string; counter: string; value: number }[];
    try {
      rows = await this.#store.read((tx) => readCounters(tx));
    } catch (error) {
      return this.#failed('counters.notRead', 'device counters not read back', error, {});
    }
    this.#values.clear();
    for (const row of rows) this.#set(row.device, row.counter, row.value);
    return ok();
  }

  /** What has been counted, by device. */
  values(): CounterValues {
    return Object.fromEntries([...this.#values].map(([device, counters]) => [device, Object.fromEntries(counters)]));
  }

  #failed(event: string, message: string, error: unknown, fields: Record<string, string>): Result<never, CounterError> {
    this.#log?.warn({ event, ...fields, err: error }, message);
    return err({ type: 'storeFailed', detail: error instanceof Error ? error.message : String(error) });
  }

  #set(device: string, counter: string, value: number): void {
    const counters = this.#values.get(device) ?? new Map<string, number>();
    counters.set(counter, value);
    this.#values.set(device, counters);
  }
}
