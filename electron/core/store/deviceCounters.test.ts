import { afterEach, expect, it } from 'vitest';
import { DeviceCounterBook, readCounters, retainCard } from './deviceCounters';
import { openTempStore } from './testing/tempStore';

let disposeAll: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposeAll) await dispose();
  disposeAll = [];
});

it('each counted event is one +1 in device_counters, seen at once by values() and kept for the next run', async () => {
  const opened = await openTempStore();
  disposeAll.push(() => opened.dispose());
  let now = 1_000;
  const book = await DeviceCounterBook.open(opened.store, () => now);
  expect(book.values()).toEqual({});

  await book.count('printer', 'receiptsPrinted');
  now = 2_000;
  await Promise.all([book.count('printer', 'receiptsPrinted'), book.count('printer', 'paperOutEvents')]);
  expect(book.values()).toEqual({ printer: { receiptsPrinted: 2, paperOutEvents: 1 } });
  expect(await opened.store.read((tx) => readCounters(tx))).toEqual([
    { device: 'printer', counter: 'paperOutEvents', value: 1 },
    { device: 'printer', counter: 'receiptsPrinted', value: 2 },
  ]);

  // The next start reads the life counts back.
  const reopened = await DeviceCounterBook.open(opened.store, () => now);
  await reopened.count('printer', 'paperOutEvents');
  expect(reopened.values()).toEqual({ printer: { receiptsPrinted: 2, paperOutEvents: 2 } });
});

it('a count the store could not write is not counted in memory either', async () => {
  const opened = await openTempStore();
  disposeAll.push(() => opened.dispose());
  const book = await DeviceCounterBook.open(opened.store, () => 0);
  await book.count('printer', 'receiptsPrinted');
  const warnings: unknown[] = [];
  const logged = await DeviceCounterBook.open(opened.store, () => 0, { warn: (fields: unknown) => warnings.push(fields) } as never);
  await opened.store.close();
  const failed = await book.count('printer', 'receiptsPrinted');
  expect(failed.ok ? null : failed.error.type).toBe('storeFailed');
  expect(book.values()).toEqual({ printer: { receiptsPrinted: 1 } });
  // The failure is a value and a log line, never a rejection.
  expect((await logged.count('printer', 'receiptsPrinted')).ok).toBe(false);
  expect((await logged.reload()).ok).toBe(false);
  expect(warnings).toMatchObject([
    { event: 'counters.notWritten', device: 'printer', counter: 'receiptsPrinted' },
    { event: 'counters.notRead' },
  ]);
});

it('follows a device: each event it reports is counted, and a retained card counted elsewhere is read back', async () => {
  const opened = await openTempStore();
  disposeAll.push(() => opened.dispose());
  const book = await DeviceCounterBook.open(opened.store, () => 5);
  const listeners: ((counter: 'inserted' | 'readErrors') => void)[] = [];
  const stop = book.follow('cardSlot', { onCount: (listener: (counter: 'inserted' | 'readErrors') => void) => (listeners.push(listener), () => listeners.splice(0)) });
  for (const listener of listeners) listener('inserted');
  await expect.poll(() => book.values()).toEqual({ cardSlot: { inserted: 1 } });
  stop();
  expect(listeners).toEqual([]);

  // The retained card is counted in another transaction (the telemetry fact's); the book reads it back once it settles.
  const retained = opened.store.write((tx) => retainCard(tx, 'cardSlot', 6));
  expect((await book.readBackAfter(retained)).ok).toBe(true);
  expect(book.values()).toEqual({ cardSlot: { inserted: 1, retainBin: 1, retained: 1 } });
  expect(await opened.store.write((tx) => retainCard(tx, 'cardSlot', 7))).toBe(2);

  // A write that threw is not a rejection either: the counts are read back all the same.
  expect((await book.readBackAfter(Promise.reject(new Error('disk full')))).ok).toBe(true);
  expect(book.values()).toEqual({ cardSlot: { inserted: 1, retainBin: 2, retained: 2 } });
});
