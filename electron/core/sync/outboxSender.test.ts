import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../../central/server';
import { Outbox } from '../store/outbox';
import { OutboxSender } from './outboxSender';
import type { DrainReport } from './outboxSender';
import { centralOutbox, enrolledKiosk, startTestCentral } from './testing/centralFixture';

let central: RunningCentral;
let closeCentral: () => Promise<void>;
beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral());
});
afterAll(async () => closeCentral());
afterEach(() => void central.setFault({ mode: 'none' }));

let disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers) await d();
  disposers = [];
});

async function kiosk() {
  const k = await enrolledKiosk(central, { timeoutMs: 3_000 });
  disposers.push(k.dispose);
  const sender = new OutboxSender({ outbox: k.outbox, central: k.client, now: Date.now, random: Math.random, backoff: { baseMs: 1, capMs: 5, jitter: 'full' } });
  /** Drains until the outbox is empty, ignoring backoff (the spec stands in for time passing); bounded. */
  async function drainAll(maxRounds = 200): Promise<DrainReport[]> {
    const reports: DrainReport[] = [];
    for (let i = 0; i < maxRounds; i++) {
      await k.outbox.makeAllDue();
      reports.push(await sender.drain());
      if ((await k.outbox.stats()).pending === 0) return reports;
    }
    throw new Error('the outbox did not drain');
  }
  return { ...k, sender, drainAll };
}

async function fill(outbox: Outbox, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await outbox.add({ kind: i % 2 ? 'audit' : 'telemetry', payload: { i, note: `event ${i}` } }));
  return ids;
}

describe('the outbox sender against the reference central', () => {
  it('delivers in batches of at most 100 and purges what central acknowledged', async () => {
    const k = await kiosk();
    const ids = await fill(k.outbox, 250);
    const [report] = await k.drainAll();
    expect(report).toMatchObject({ delivered: 250, batches: 3, stoppedBy: null });
    const stored = await centralOutbox(central, k.identity.kioskId);
    expect([...stored.keys()].sort()).toEqual([...ids].sort());
    expect(await k.outbox.stats()).toMatchObject({ pending: 0, deadLetters: 0 });
  });

  it('keeps everything while central is down and delivers it all after recovery', async () => {
    const k = await kiosk();
    central.setFault({ mode: 'down' });
    const ids = await fill(k.outbox, 30);
    const failed = await k.sender.drain();
    expect(failed.stoppedBy).toMatchObject({ type: 'unreachable' });
    const waiting = await k.outbox.stats();
    expect(waiting.pending).toBe(30);
    expect(waiting.nextAttemptAt).not.toBeNull();
    central.setFault({ mode: 'none' });
    await k.drainAll();
    const stored = await centralOutbox(central, k.identity.kioskId);
    expect(stored.size).toBe(30);
    expect(ids.every((id) => stored.get(id)?.count === 1)).toBe(true);
  });

  it('drains through 50% 5xx answers with nothing stored twice', async () => {
    const k = await kiosk();
    const ids = await fill(k.outbox, 300);
    // The first request surely fails, so the spec never passes without seeing a 5xx; then one in two.
    central.setFault({ mode: 'flaky5xx', rate: 1 });
    let serverErrors = 0;
    const flaky = new OutboxSender({
      outbox: k.outbox,
      central: {
        deliverOutbox: async (events) => {
          const r = await k.client.deliverOutbox(events);
          if (!r.ok && r.error.type === 'serverError') serverErrors += 1;
          central.setFault({ mode: 'flaky5xx', rate: 0.5 });
          return r;
        },
      },
      now: Date.now,
      random: Math.random,
      backoff: { baseMs: 1, capMs: 5, jitter: 'full' },
    });
    for (let round = 0; round < 200 && (await k.outbox.stats()).pending > 0; round++) {
      await k.outbox.makeAllDue();
      await flaky.drain();
    }
    expect(serverErrors).toBeGreaterThan(0);
    const stored = await centralOutbox(central, k.identity.kioskId);
    expect(stored.size).toBe(300);
    expect(ids.every((id) => stored.get(id)?.count === 1)).toBe(true);
  });

  it('resends a batch whose answer was lost after central committed it, and central says duplicate', async () => {
    const k = await kiosk();
    const ids = await fill(k.outbox, 5);
    central.setFault({ mode: 'dropAfterCommit' });
    const lost = await k.sender.drain();
    expect(lost.stoppedBy).toMatchObject({ type: 'unreachable' });
    expect((await centralOutbox(central, k.identity.kioskId)).size).toBe(5);
    central.setFault({ mode: 'none' });
    const answers: string[] = [];
    const spy = new OutboxSender({
      outbox: k.outbox,
      central: { deliverOutbox: async (events) => { const r = await k.client.deliverOutbox(events); if (r.ok) answers.push(...r.value.results.map((x) => x.status)); return r; } },
      now: Date.now,
      random: Math.random,
      backoff: { baseMs: 1, capMs: 5, jitter: 'full' },
    });
    await k.outbox.makeAllDue();
    expect(await spy.drain()).toMatchObject({ delivered: 5 });
    expect(answers).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const stored = await centralOutbox(central, k.identity.kioskId);
    expect(ids.every((id) => stored.get(id)?.count === 1)).toBe(true);
  });

  it('dead-letters permanent rejections and delivers the rest of the batch', async () => {
    const k = await kiosk();
    const big = new Outbox(k.store, k.dataKey, { newTxId: () => `KIOSK-TEST-BIG-${Date.now()}`, now: Date.now, maxPayloadBytes: 64 * 1024 });
    const good = await k.outbox.add({ kind: 'audit', payload: { ok: true } });
    const unknown = await k.outbox.add({ kind: 'selfie', payload: {} });
    const tooBig = await big.add({ kind: 'telemetry', payload: { blob: 'x'.repeat(20_000) } });
    await k.drainAll();
    const dead = await k.outbox.deadLetters();
    expect(dead.map((d) => [d.txId, d.code]).sort()).toEqual(
      [
        [unknown, 'unknown_kind'],
        [tooBig, 'payload_too_large'],
      ].sort(),
    );
    expect((await centralOutbox(central, k.identity.kioskId)).has(good)).toBe(true);
  });

  it('dead-letters a txId reused with different content', async () => {
    const k = await kiosk();
    await k.outbox.add({ kind: 'audit', payload: { v: 1 }, txId: 'KIOSK-TEST-REUSED-0001' });
    await k.drainAll();
    await k.outbox.add({ kind: 'audit', payload: { v: 2 }, txId: 'KIOSK-TEST-REUSED-0001' });
    await k.drainAll();
    expect(await k.outbox.deadLetters()).toMatchObject([{ txId: 'KIOSK-TEST-REUSED-0001', code: 'tx_id_reused' }]);
  });

  it('never has the same txId on the wire twice at once, however many drains are asked for', async () => {
    const k = await kiosk();
    await fill(k.outbox, 150);
    const onWire = new Set<string>();
    let overlap = false;
    const watched = new OutboxSender({
      outbox: k.outbox,
      central: {
        deliverOutbox: async (events) => {
          for (const e of events) {
            if (onWire.has(e.txId)) overlap = true;
            onWire.add(e.txId);
          }
          try {
            return await k.client.deliverOutbox(events);
          } finally {
            for (const e of events) onWire.delete(e.txId);
          }
        },
      },
      now: Date.now,
      random: Math.random,
      backoff: { baseMs: 1, capMs: 5, jitter: 'full' },
    });
    const reports = await Promise.all(Array.from({ length: 5 }, () => watched.drain()));
    expect(overlap).toBe(false);
    expect(new Set(reports).size).toBe(1); // they all joined one drain
    expect((await centralOutbox(central, k.identity.kioskId)).size).toBe(150);
  });
});
