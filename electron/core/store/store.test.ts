import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTempStore } from './testing/tempStore';

const count = z.object({ n: z.number().int() });
let disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers) await d();
  disposers = [];
});

async function tempStore() {
  const s = await openTempStore();
  disposers.push(s.dispose);
  return s;
}

describe('the store', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and secure delete', async () => {
    const { store } = await tempStore();
    const pragmas = await store.read(function* (tx) {
      return {
        journal: yield* tx.get(z.object({ journal_mode: z.string() }), 'PRAGMA journal_mode'),
        sync: yield* tx.get(z.object({ synchronous: z.number() }), 'PRAGMA synchronous'),
        fk: yield* tx.get(z.object({ foreign_keys: z.number() }), 'PRAGMA foreign_keys'),
        secure: yield* tx.get(z.object({ secure_delete: z.number() }), 'PRAGMA secure_delete'),
      };
    });
    expect(pragmas).toEqual({ journal: { journal_mode: 'wal' }, sync: { synchronous: 2 }, fk: { foreign_keys: 1 }, secure: { secure_delete: 1 } });
  });

  it('rolls a transaction back when its work throws, and keeps serving', async () => {
    const { store } = await tempStore();
    await expect(
      store.write(function* (tx) {
        yield* tx.run("INSERT INTO device_counters VALUES ('printer', 'receipts', 1, 0)");
        throw new Error('the change this records failed');
      }),
    ).rejects.toThrow('the change this records failed');
    const rows = await store.read((tx) => tx.get(count, 'SELECT COUNT(*) AS n FROM device_counters'));
    expect(rows?.n).toBe(0);
  });

  it('rolls back when a statement fails half way', async () => {
    const { store } = await tempStore();
    await expect(
      store.write(function* (tx) {
        yield* tx.run("INSERT INTO device_counters VALUES ('printer', 'receipts', 1, 0)");
        yield* tx.run("INSERT INTO device_counters VALUES ('printer', 'receipts', 2, 0)"); // same primary key
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await store.read((tx) => tx.get(count, 'SELECT COUNT(*) AS n FROM device_counters')))?.n).toBe(0);
  });

  it('refuses a unit of work that yields anything but a statement (no awaiting inside a transaction)', async () => {
    const { store } = await tempStore();
    const sneaky = function* (): Generator<never, void, unknown> {
      yield Promise.resolve('a network call') as never;
    };
    await expect(store.write(sneaky)).rejects.toThrow(/only statements/);
  });

  it('runs concurrent writers one at a time, each atomically', async () => {
    const { store } = await tempStore();
    const writers = Array.from({ length: 20 }, (_, i) =>
      store.write(function* (tx) {
        const row = yield* tx.get(z.object({ value: z.number() }), "SELECT value FROM device_counters WHERE device = 'cardSlot'");
        yield* tx.run("INSERT OR REPLACE INTO device_counters VALUES ('cardSlot', 'reads', ?, ?)", [(row?.value ?? 0) + 1, i]);
      }),
    );
    await Promise.all(writers);
    const row = await store.read((tx) => tx.get(z.object({ value: z.number() }), "SELECT value FROM device_counters WHERE device = 'cardSlot'"));
    expect(row?.value).toBe(20);
  });

  it('validates rows with the schema it is given', async () => {
    const { store } = await tempStore();
    await store.write((tx) => tx.run("INSERT INTO device_counters VALUES ('printer', 'receipts', 1, 0)"));
    await expect(store.read((tx) => tx.get(z.object({ value: z.string() }), 'SELECT value FROM device_counters'))).rejects.toThrow();
  });

  it('refuses work after close', async () => {
    const s = await openTempStore();
    await s.dispose();
    await expect(s.store.read((tx) => tx.get(count, 'SELECT 1 AS n'))).rejects.toThrow(/closed/);
  });
});
