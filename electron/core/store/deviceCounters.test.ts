import { afterEach, expect, it } from 'vitest';
import { DeviceCounterBook, readCounters } from './deviceCounters';
import { openTempStore } from './testing';

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
  await opened.store.close();
  await expect(book.count('printer', 'receiptsPrinted')).rejects.toThrow();
  expect(book.values()).toEqual({ printer: { receiptsPrinted: 1 } });
});
