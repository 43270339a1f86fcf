import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../common/result';
import type { Json } from '../store/canonicalJson';
import type * as payloadCipher from '../store/payloadCipher';
import { Outbox } from '../store/outbox';
import { openTempStore } from '../store/testing/tempStore';
import { transactionIds } from '../store/transactionId';
import type { OutboxEventBody } from './centralClient';
import { OutboxSender } from './outboxSender';

/**
 * The core's clock as the drain spends it: opening one sealed payload costs a
 * quarter of a millisecond of it and nothing else moves it, so how long a
 * renderer's call waits behind the drain is counted in payloads opened, the
 * same on every machine, and does not depend on how often the code under test
 * reads the clock.
 */
const clock = vi.hoisted(() => ({ ms: 0, perOpen: 0.25 }));
vi.mock('../store/payloadCipher', async (importOriginal) => {
  const real = await importOriginal<typeof payloadCipher>();
  return {
    ...real,
    open: (...args: Parameters<typeof real.open>) => {
      clock.ms += clock.perOpen;
      return real.open(...args);
    },
  };
});

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A session's telemetry of the usual size (≈ 400 bytes sealed), so a request carries the full 100. */
function sessionEnded(i: number): { [key: string]: Json } {
  return {
    type: 'session.ended',
    service: 'signIn',
    result: 'completed',
    durationMs: 20_000 + i,
    language: i % 3 ? 'ar' : 'en',
    visitor: i.toString(16).padStart(32, '0'),
    audit: { seq: i, hash: (i * 7).toString(16).padStart(64, '0') },
  };
}

describe('a drain shares the event loop with the renderer', () => {
  it('a renderer call made while a 10,000-event backlog drains waits behind one turn budget of opening, never a whole batch; every event reaches central once, in order', async () => {
    const s = await openTempStore();
    dispose = s.dispose;
    const budgetMs = 2;
    const outbox = new Outbox(s.store, s.dataKey, {
      newTxId: transactionIds('KIOSK-TEST'),
      now: Date.now,
      turns: { budgetMs, now: () => clock.ms, yieldTurn: nextTurn },
    });
    const enqueued = await s.store.write(function* (tx) {
      const ids: string[] = [];
      for (let i = 0; i < 10_000; i++) ids.push(yield* outbox.enqueue(tx, { kind: 'telemetry', payload: sessionEnded(i) }));
      return ids;
    });
    // central answering at once (no I/O to wait on): only the drain's own turns let the renderer in.
    const received: string[] = [];
    const central = {
      deliverOutbox: async (events: OutboxEventBody[]) => {
        received.push(...events.map((e) => e.txId));
        return ok({ results: events.map((e) => ({ txId: e.txId, status: 'accepted' as const })) });
      },
    };
    const sender = new OutboxSender({ outbox, central, now: Date.now, random: Math.random, backoff: { baseMs: 1, capMs: 5, jitter: 'full' } });

    // The renderer asks for a snapshot, and again as soon as it is answered (as a macrotask, like a socket's message).
    const waits: number[] = [];
    let asking = true;
    const ask = (): void => {
      const askedAt = clock.ms;
      setImmediate(() => {
        waits.push(clock.ms - askedAt);
        if (asking) ask();
      });
    };
    ask();
    const report = await sender.drain();
    asking = false;

    expect(report).toMatchObject({ delivered: 10_000, deadLettered: 0, batches: 100, stoppedBy: null });
    expect(received).toEqual(enqueued);
    expect(await outbox.stats()).toMatchObject({ pending: 0, deadLetters: 0 });
    // 10,000 payloads opened cost 2,500 ms of the core's clock; the renderer was answered all through it.
    expect(clock.ms).toBeGreaterThanOrEqual(2_500);
    expect(waits.length).toBeGreaterThan((10_000 * clock.perOpen) / (budgetMs + clock.perOpen));
    // A whole batch opened in one turn would keep it waiting 100 × 0.25 = 25 ms; one turn is the budget plus the payload that crossed it.
    expect(waits.reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(budgetMs + clock.perOpen);
  }, 60_000);
});
