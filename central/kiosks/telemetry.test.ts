import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxAnswerSchema } from '../../common/wire/kiosk';
import { fleetViewSchema, kioskLogSchema, logUploadAnswerSchema } from '../../common/wire/telemetry';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/** Central's side of fleet telemetry: what it accepts, how it checks the audit head, log uploads, the fleet view. */

const hash = (n: number) => createHash('sha256').update(`link ${n}`).digest('hex');
let txCounter = 0;
const event = (payload: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({ txId: `tx-telemetry-${String(++txCounter).padStart(4, '0')}`, kind: 'telemetry', occurredAt, payload });
const retained = (seq: number, binCount: number) => ({ type: 'card.retained', device: 'cardSlot', reason: 'notTaken', binCount, audit: { seq, hash: hash(seq) } });
const heartbeat = (head?: { seq: number; hash: string }) => ({
  appState: 'available',
  devices: [{ device: 'cardSlot', status: 'online' }],
  versions: { app: '0.1.0' },
  queueDepth: 0,
  clock: new Date().toISOString(),
  ...(head ? { auditHead: head } : {}),
});

describe('fleet telemetry at central', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol(await central.issueEnrolmentCode())).status).toBe(201);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  const deliver = async (events: unknown[]) => outboxAnswerSchema.parse((await kiosk.call('/v1/kiosks/outbox', { body: { events } })).body).results;
  const fleet = async () => {
    const answer = await kiosk.call('/dev/fleet');
    expect(answer.status).toBe(200);
    const mine = fleetViewSchema.parse(answer.body).kiosks.find((k) => k.kioskId === kiosk.kioskId);
    if (!mine) throw new Error('kiosk missing from the fleet view');
    return mine;
  };

  it('refuses a telemetry payload of a known type that breaks its schema (payload_invalid), and stores other telemetry as it is', async () => {
    const results = await deliver([
      event(retained(1, 1)),
      event({ ...retained(2, 2), idNumber: '1000000008' }),
      event({ type: 'card.retained', device: 'cardSlot', reason: 'stolen', binCount: 1, audit: { seq: 3, hash: hash(3) } }),
      event({ seq: 7, pad: 'synthetic load' }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['accepted', 'payload_invalid', 'payload_invalid', 'accepted']);
    const links = await central.rows('SELECT seq FROM audit_links WHERE kiosk_id = ?', [kiosk.kioskId]);
    expect(links).toEqual([{ seq: 1 }]);
    expect((await fleet()).retainBin.count).toBe(1);
  });

  it('flags a head at a known sequence number with another hash as rewritten; the flag stays', async () => {
    await deliver([event(retained(4, 2)), event(retained(5, 3))]);
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 5, hash: hash(5) }) })).status).toBe(200);
    expect((await fleet()).audit).toMatchObject({ head: { seq: 5 }, ingestedSeq: 5, problem: null });
    await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 5, hash: hash(55) }) });
    expect((await fleet()).audit).toMatchObject({ problem: 'rewritten', problemAt: expect.any(String) });
    await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 6, hash: hash(6) }) });
    expect((await fleet()).audit.problem, 'a later honest-looking head does not clear it').toBe('rewritten');
  });

  it('a head that lags an event delivered after the last heartbeat is not flagged; still lagging at the next heartbeat, it is', async () => {
    const other = await TestKiosk.create(central.url, central.caCertPem);
    try {
      expect((await other.enrol(await central.issueEnrolmentCode())).status).toBe(201);
      const mine = async () => fleetViewSchema.parse((await other.call('/dev/fleet')).body).kiosks.find((k) => k.kioskId === other.kioskId);
      await other.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 10, hash: hash(10) }) });
      // An event from after the heartbeat was built arrives first: the next heartbeat may still carry the old head.
      await other.call('/v1/kiosks/outbox', { body: { events: [event(retained(11, 1))] } });
      await other.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 10, hash: hash(10) }) });
      expect((await mine())?.audit.problem).toBeNull();
      // The heartbeat after that was built once central had the event: still behind it, the entry was cut off.
      await other.call('/v1/kiosks/heartbeat', { body: heartbeat({ seq: 10, hash: hash(10) }) });
      expect((await mine())?.audit).toMatchObject({ problem: 'truncated', head: { seq: 10 }, ingestedSeq: 11 });
    } finally {
      await other.close();
    }
  });

  it('stores log parts (a part sent again replaces itself) and joins them, complete once the last part is in', async () => {
    const part = (n: number, last: boolean, text: string) => kiosk.call('/v1/kiosks/logs', { body: { uploadId: 'upload-0001', part: n, last, text } });
    expect(logUploadAnswerSchema.parse((await part(0, false, '{"a":1}\n')).body)).toEqual({ uploadId: 'upload-0001', part: 0, stored: true });
    expect(kioskLogSchema.parse((await kiosk.call(`/dev/kiosks/${kiosk.kioskId}/logs`)).body)).toMatchObject({ complete: false, text: '{"a":1}\n' });
    await part(0, false, '{"a":1}\n');
    await part(1, true, '{"b":2}\n');
    expect(kioskLogSchema.parse((await kiosk.call(`/dev/kiosks/${kiosk.kioskId}/logs`)).body)).toMatchObject({ uploadId: 'upload-0001', complete: true, text: '{"a":1}\n{"b":2}\n' });
    expect((await fleet()).lastLogUpload).toMatchObject({ uploadId: 'upload-0001', bytes: 16 });
    const tooBig = await kiosk.call('/v1/kiosks/logs', { body: { uploadId: 'upload-0002', part: 0, last: true, text: 'x'.repeat(48_001) } });
    expect(tooBig.status).toBe(400);
  });

  it('counts today’s sessions by service and result, and a fault stays open until its device recovers', async () => {
    const audit = (seq: number) => ({ seq, hash: hash(seq) });
    const session = (seq: number, service: string | null, result: string) => ({
      type: 'session.ended',
      mode: 'government',
      service,
      result,
      endReason: 'completed',
      step: null,
      errorCode: null,
      durationMs: 1000,
      language: 'ar',
      languagesUsed: ['ar'],
      accessibility: [],
      journeys: service ? 1 : 0,
      visitor: null,
      audit: audit(seq),
    });
    const results = await deliver([
      event(session(20, 'activate', 'completed')),
      event(session(21, 'activate', 'completed')),
      event(session(22, 'signIn', 'abandoned')),
      event(session(23, null, 'noService')),
      event(session(24, 'activate', 'completed'), '2020-01-01T10:00:00.000Z'),
      event({ type: 'device.fault', device: 'printer', status: 'hardwareError', audit: audit(25) }),
      event({ type: 'device.fault', device: 'fingerprint', status: 'offline', audit: audit(26) }),
      event({ type: 'device.recovered', device: 'fingerprint', faultStatus: 'offline', downMs: 5000, audit: audit(27) }),
    ]);
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    const view = await fleet();
    expect(view.sessionsToday).toEqual([
      { service: null, result: 'noService', count: 1 },
      { service: 'activate', result: 'completed', count: 2 },
      { service: 'signIn', result: 'abandoned', count: 1 },
    ]);
    expect(view.openFaults).toEqual([{ device: 'printer', status: 'hardwareError', since: expect.any(String) }]);
    const page = await kiosk.call('/dev');
    expect(String(page.body)).toContain('printer: hardwareError since');
  });
});

describe('the fleet view under the production profile', () => {
  it('is not there (404), nor are uploaded logs', async () => {
    const central = await startTestCentral({ profile: 'production' });
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    try {
      expect((await kiosk.call('/dev/fleet')).status).toBe(404);
      expect((await kiosk.call('/dev/kiosks/KIOSK-00000000/logs')).status).toBe(404);
    } finally {
      await kiosk.close();
      await central.stop();
    }
  });
});
