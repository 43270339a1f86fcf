import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Outbox } from './outbox';
import { openTempStore } from './testing/tempStore';
import { transactionIds } from './transactionId';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function setup() {
  const s = await openTempStore();
  dispose = s.dispose;
  let now = 1_000;
  const outbox = new Outbox(s.store, s.dataKey, { newTxId: transactionIds('KIOSK-TEST', { now: () => now }), now: () => now });
  return { ...s, outbox, tick: (ms: number) => (now += ms), now: () => now };
}

const payloadRow = z.object({ payload: z.instanceof(Buffer) });

describe('the outbox', () => {
  it('commits an event with the state change it records, and drops it with a rollback', async () => {
    const { store, outbox } = await setup();
    await store.write(function* (tx) {
      yield* tx.run("INSERT INTO device_counters VALUES ('printer', 'receipts', 1, 0)");
      yield* outbox.enqueue(tx, { kind: 'receipt', payload: { receiptNo: 1 } });
    });
    await expect(
      store.write(function* (tx) {
        yield* tx.run("UPDATE device_counters SET value = 2 WHERE device = 'printer'");
        yield* outbox.enqueue(tx, { kind: 'receipt', payload: { receiptNo: 2 } });
        throw new Error('printing failed');
      }),
    ).rejects.toThrow();
    expect((await outbox.due({ maxEvents: 10, maxBytes: 1e6 })).map((e) => e.payload)).toEqual([{ receiptNo: 1 }]);
  });

  it('keeps payloads sealed at rest (no plaintext in the database)', async () => {
    const { store, outbox } = await setup();
    await outbox.add({ kind: 'audit', payload: { idNumber: '1000000008', mobile: '+966512345678' } });
    const row = await store.read((tx) => tx.get(payloadRow, 'SELECT payload FROM outbox'));
    expect(row?.payload.includes('1000000008')).toBe(false);
    expect(row?.payload.includes('966512345678')).toBe(false);
  });

  it('hands out due events oldest first within the count and byte limits', async () => {
    const { outbox } = await setup();
    for (let i = 0; i < 10; i++) await outbox.add({ kind: 'telemetry', payload: { i, pad: 'x'.repeat(1000) } });
    expect((await outbox.due({ maxEvents: 4, maxBytes: 1e6 })).map((e) => e.payload['i'])).toEqual([0, 1, 2, 3]);
    const byBytes = await outbox.due({ maxEvents: 100, maxBytes: 3_500 });
    expect(byBytes.map((e) => e.payload['i'])).toEqual([0, 1, 2]);
    // One event is always sent, however small the limit, or a big one would block the queue.
    expect(await outbox.due({ maxEvents: 100, maxBytes: 10 })).toHaveLength(1);
  });

  it('skips events in flight and events waiting out a backoff', async () => {
    const { outbox, now } = await setup();
    const a = await outbox.add({ kind: 'telemetry', payload: { n: 1 } });
    const b = await outbox.add({ kind: 'telemetry', payload: { n: 2 } });
    await outbox.settle([{ txId: b, status: 'retry', error: 'http 503', nextAttemptAt: now() + 60_000 }]);
    expect(await outbox.due({ maxEvents: 10, maxBytes: 1e6, exclude: new Set([a]) })).toEqual([]);
    await outbox.makeAllDue();
    expect((await outbox.due({ maxEvents: 10, maxBytes: 1e6 })).map((e) => [e.txId, e.attempts])).toEqual([
      [a, 0],
      [b, 1],
    ]);
  });

  it('purges acknowledged events and dead-letters rejected ones', async () => {
    const { outbox } = await setup();
    const [a, b, c] = [await outbox.add({ kind: 'audit', payload: {} }), await outbox.add({ kind: 'audit', payload: {} }), await outbox.add({ kind: 'bogus', payload: {} })];
    await outbox.settle([
      { txId: a, status: 'accepted' },
      { txId: b, status: 'duplicate' },
      { txId: c, status: 'rejected', code: 'unknown_kind', detail: 'no such kind' },
    ]);
    expect(await outbox.stats()).toMatchObject({ pending: 0, deadLetters: 1 });
    expect(await outbox.deadLetters()).toMatchObject([{ txId: c, kind: 'bogus', code: 'unknown_kind', attempts: 1 }]);
  });

  it('dead-letters a row whose sealed payload was altered on disk instead of sending it', async () => {
    const { store, outbox } = await setup();
    const txId = await outbox.add({ kind: 'audit', payload: { n: 1 } });
    await store.write((tx) => tx.run('UPDATE outbox SET payload = ? WHERE tx_id = ?', [Buffer.from([1, ...new Array<number>(40).fill(7)]), txId]));
    expect(await outbox.due({ maxEvents: 10, maxBytes: 1e6 })).toEqual([]);
    expect(await outbox.deadLetters()).toMatchObject([{ txId, code: 'local.payloadTampered' }]);
  });

  it('refuses the same txId twice', async () => {
    const { outbox } = await setup();
    await outbox.add({ kind: 'audit', payload: {}, txId: 'KIOSK-TEST-fixed-000001' });
    await expect(outbox.add({ kind: 'audit', payload: {}, txId: 'KIOSK-TEST-fixed-000001' })).rejects.toThrow(/UNIQUE/);
  });
});
