import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetryPayloadSchema } from '../../../common/wire/telemetry';
import { verifyAuditChain } from '../store/auditLog';
import { readCounters } from '../store/deviceCounters';
import { Outbox } from '../store/outbox';
import { openTempStore } from '../store/testing/tempStore';
import { transactionIds } from '../store/transactionId';
import { TelemetryRecorder } from './recorder';
import type { SessionEndedFact } from './sessionTally';

/**
 * Each fact the kiosk reports is one audit entry, any counter it moves and
 * one outbox event, in one transaction: a failure of any of the three leaves
 * none of them.
 */

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function setup() {
  const s = await openTempStore();
  dispose = s.dispose;
  let now = 1_700_000_000_000;
  const outbox = new Outbox(s.store, s.dataKey, { newTxId: transactionIds('KIOSK-TEST', { now: () => now }), now: () => now });
  let recorded = 0;
  const recorder = new TelemetryRecorder({
    store: s.store,
    enqueue: (tx, event) => outbox.enqueue(tx, event),
    now: () => now,
    dataKey: s.dataKey,
    log: pino({ level: 'silent' }),
    onRecorded: () => void (recorded += 1),
  });
  const events = async () => (await outbox.due({ maxEvents: 1000, maxBytes: 1e9 })).map((e) => ({ kind: e.kind, payload: telemetryPayloadSchema.parse(e.payload) }));
  const audit = () => s.store.read((tx) => tx.all(z.object({ seq: z.number(), action: z.string(), hash: z.string() }), 'SELECT seq, action, hash FROM audit_log ORDER BY seq'));
  const counters = () => s.store.read((tx) => readCounters(tx));
  /** A statement on `table` that SQLite refuses, as a full disk or a broken file would. */
  const breakInserts = (table: string) => s.store.raw((c) => c.run(`CREATE TRIGGER broken_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`));
  return { ...s, outbox, recorder, events, audit, counters, breakInserts, tick: (ms: number) => (now += ms), recorded: () => recorded };
}

const sessionFact: SessionEndedFact = {
  type: 'session.ended',
  mode: 'government',
  service: 'activate',
  result: 'completed',
  endReason: 'completed',
  step: 'activate.activated.finished',
  errorCode: null,
  durationMs: 93_000,
  language: 'en',
  languagesUsed: ['ar', 'en'],
  accessibility: ['largeText'],
  journeys: 1,
  visitor: null,
};

describe('the telemetry recorder', () => {
  it('writes one audit entry and one outbox event per fact, the event carrying its audit entry’s link', async () => {
    const k = await setup();
    expect((await k.recorder.sessionEnded(sessionFact)).ok).toBe(true);
    expect((await k.recorder.cardRetained('cardSlot', 'notTaken')).ok).toBe(true);
    expect((await k.recorder.fingerprintMatchFailed('session-1', { quality: 71, attemptsRemaining: 2, exhausted: false })).ok).toBe(true);

    const events = await k.events();
    const audit = await k.audit();
    expect(events.map((e) => e.payload.type)).toEqual(['session.ended', 'card.retained', 'fingerprint.matchFailed']);
    expect(audit.map((a) => a.action)).toEqual(['telemetry.session.ended', 'telemetry.card.retained', 'telemetry.fingerprint.matchFailed']);
    for (const [i, event] of events.entries()) {
      expect(event.kind).toBe('telemetry');
      expect(event.payload.audit).toEqual({ seq: audit[i]?.seq, hash: audit[i]?.hash });
    }
    expect(events[0]?.payload).toMatchObject({ ...sessionFact, languagesUsed: ['ar', 'en'] });
    expect(events[1]?.payload).toMatchObject({ device: 'cardSlot', reason: 'notTaken', binCount: 1 });
    expect(events[2]?.payload).toMatchObject({ quality: 71, failuresThisSession: 1, attemptsRemaining: 2, exhausted: false });
    expect(await k.store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true, entries: 3 });
    expect(k.recorded()).toBe(3);
  });

  it('a retained card moves the retain-bin counter in the same transaction, and says how full the bin is', async () => {
    const k = await setup();
    await k.recorder.cardRetained('cardSlot', 'notTaken');
    await k.recorder.cardRetained('cardSlot', 'leftBehind');
    await k.recorder.cardRetained('atmCardReader', 'pinTriesExhausted');
    expect((await k.events()).map((e) => e.payload)).toMatchObject([{ binCount: 1 }, { binCount: 2, reason: 'leftBehind' }, { device: 'atmCardReader', binCount: 1 }]);
    expect(await k.counters()).toEqual([
      { device: 'atmCardReader', counter: 'retainBin', value: 1 },
      { device: 'atmCardReader', counter: 'retained', value: 1 },
      { device: 'cardSlot', counter: 'retainBin', value: 2 },
      { device: 'cardSlot', counter: 'retained', value: 2 },
    ]);
  });

  it('when the audit entry cannot be written, no event and no counter change either', async () => {
    const k = await setup();
    await k.recorder.cardRetained('cardSlot', 'notTaken');
    await k.breakInserts('audit_log');
    const failed = await k.recorder.cardRetained('cardSlot', 'notTaken');
    expect(failed).toMatchObject({ ok: false, error: { type: 'storeFailed', detail: expect.stringContaining('disk I/O error') } });
    expect(await k.events()).toHaveLength(1);
    expect((await k.counters()).find((c) => c.counter === 'retainBin')?.value).toBe(1);
    expect((await k.recorder.sessionEnded(sessionFact)).ok).toBe(false);
    expect(await k.events()).toHaveLength(1);
    expect(k.recorded()).toBe(1);
  });

  it('when the counter cannot move, no audit entry and no event', async () => {
    const k = await setup();
    await k.breakInserts('device_counters');
    expect((await k.recorder.cardRetained('cardSlot', 'leftBehind')).ok).toBe(false);
    expect(await k.events()).toEqual([]);
    expect(await k.audit()).toEqual([]);
  });

  it('when the outbox event cannot be written, the audit entry and the counter roll back with it', async () => {
    const k = await setup();
    await k.breakInserts('outbox');
    expect((await k.recorder.cardRetained('cardSlot', 'notTaken')).ok).toBe(false);
    expect((await k.recorder.sessionEnded(sessionFact)).ok).toBe(false);
    expect(await k.audit()).toEqual([]);
    expect(await k.counters()).toEqual([]);
    expect(k.recorded()).toBe(0);
  });

  it('refuses (and rolls back) a fact central would refuse: the schema is checked inside the transaction', async () => {
    const k = await setup();
    // A username where a step name belongs: not a step, so nothing of it is written.
    const bad = await k.recorder.sessionEnded({ ...sessionFact, step: 'Faisal1042 +966548986580' });
    expect(bad.ok).toBe(false);
    expect(await k.audit()).toEqual([]);
    expect(await k.events()).toEqual([]);
  });

  it('counts failed matches per session, and forgets them when the session ends', async () => {
    const k = await setup();
    await k.recorder.fingerprintMatchFailed('s-1', { quality: 60, attemptsRemaining: 2, exhausted: false });
    await k.recorder.fingerprintMatchFailed('s-2', { quality: 55, attemptsRemaining: 2, exhausted: false });
    await k.recorder.fingerprintMatchFailed('s-1', { quality: 62, attemptsRemaining: 0, exhausted: true });
    k.recorder.forgetSession('s-1');
    await k.recorder.fingerprintMatchFailed('s-1', { quality: 80, attemptsRemaining: 2, exhausted: false });
    expect((await k.events()).map((e) => e.payload)).toMatchObject([{ failuresThisSession: 1 }, { failuresThisSession: 1 }, { failuresThisSession: 2, exhausted: true }, { failuresThisSession: 1 }]);
  });

  it('reports a fault only for a device that has worked, once per fault, and its recovery with the time it was down', async () => {
    const k = await setup();
    // Start-up: offline until the first handshake is no fault.
    expect(k.recorder.deviceStatus('fingerprint', 'offline')).toBeNull();
    expect(k.recorder.deviceStatus('fingerprint', 'online')).toBeNull();
    expect(k.recorder.deviceStatus('fingerprint', 'busy')).toBeNull();
    await k.recorder.deviceStatus('fingerprint', 'offline');
    expect(k.recorder.deviceStatus('fingerprint', 'hardwareError'), 'still the same fault').toBeNull();
    k.tick(4_500);
    await k.recorder.deviceStatus('fingerprint', 'online');
    expect(k.recorder.deviceStatus('printer', 'noDevice'), 'never worked: not fitted').toBeNull();
    expect((await k.events()).map((e) => e.payload)).toMatchObject([
      { type: 'device.fault', device: 'fingerprint', status: 'offline' },
      { type: 'device.recovered', device: 'fingerprint', faultStatus: 'offline', downMs: 4_500 },
    ]);
  });

  it('hashes an ID to the same visitor at this kiosk, to another at a kiosk with another key, and never to the ID', async () => {
    const k = await setup();
    const other = await openTempStore();
    try {
      const elsewhere = new TelemetryRecorder({ store: other.store, enqueue: () => undefined as never, now: Date.now, dataKey: other.dataKey, log: pino({ level: 'silent' }) });
      const a = k.recorder.visitor('1000000008');
      expect(a).toMatch(/^[0-9a-f]{32}$/);
      expect(k.recorder.visitor('1000000008')).toBe(a);
      expect(k.recorder.visitor('1225028834')).not.toBe(a);
      expect(elsewhere.visitor('1000000008')).not.toBe(a);
      expect(a).not.toContain('0008');
    } finally {
      await other.dispose();
    }
  });
});
