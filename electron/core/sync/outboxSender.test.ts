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

describe('the outbox sender shares the event loop', () => {
  it('a backlog drains in turns: whatever else waits (a renderer’s call) runs between every stage of every batch, and nothing is lost', async () => {
    // An outbox and a central that answer at once (no I/O to wait on): only the sender's own turns let others in.
    const pending = Array.from({ length: 1_000 }, (_, i) => ({ txId: `tx-${String(i).padStart(6, '0')}`, kind: 'telemetry', payload: { i }, attempts: 0, createdAt: 0, wireBytes: 100 }));
    const settled: string[] = [];
    const outbox = {
      due: async ({ maxEvents, exclude }: { maxEvents: number; exclude?: ReadonlySet<string> }) => pending.filter((e) => !exclude?.has(e.txId)).slice(0, maxEvents),
      settle: async (outcomes: { txId: string }[]) => {
        const done = new Set(outcomes.map((o) => o.txId));
        settled.push(...done);
        for (let i = pending.length - 1; i >= 0; i--) if (done.has(pending[i]!.txId)) pending.splice(i, 1);
      },
    } as unknown as Outbox;
    const central = {
      deliverOutbox: async (events: { txId: string }[]) => ({ ok: true as const, value: { results: events.map((e) => ({ txId: e.txId, status: 'accepted' as const })) } }),
    };
    const sender = new OutboxSender({ outbox, central: central as never, now: Date.now, random: Math.random, backoff: { baseMs: 1, capMs: 5, jitter: 'full' } });
    // Another task that wants a turn now and then: how many batches had settled each time it got one.
    const seen: number[] = [];
    let ticking = true;
    const tick = (): void => {
      seen.push(settled.length / 100);
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const report = await sender.drain();
    ticking = false;
    expect(report).toMatchObject({ delivered: 1_000, batches: 10, stoppedBy: null });
    expect(new Set(settled).size).toBe(1_000);
    // The other task ran before the first batch was settled, and between each batch and the next.
    expect(seen[0]).toBe(0);
    for (let b = 1; b < 10; b++) expect(seen, `a turn after batch ${b}`).toContain(b);
  });
});
