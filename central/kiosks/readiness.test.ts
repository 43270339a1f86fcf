import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxAnswerSchema } from '../../common/wire/kiosk';
import { fleetViewSchema } from '../../common/wire/telemetry';
import { KIOSK_LOG_UPLOADS_KEPT } from './telemetry';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/** Central's side of the readiness report (issue 13, item 3) and of the technician's diagnostics actions; log uploads stay bounded. */

const hash = (n: number) => createHash('sha256').update(`readiness ${n}`).digest('hex');
let txCounter = 0;
const event = (payload: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({ txId: `tx-readiness-${String(++txCounter).padStart(4, '0')}`, kind: 'telemetry', occurredAt, payload });
const check = (name: string, result: string, automatic = true) => ({ name, result, automatic, code: result === 'fail' ? 'unplugged' : null, detail: `${name} ${result}`, lastAt: null });
const report = (seq: number, overall: string, checks: unknown[]) => ({
  type: 'readiness.report',
  reportId: `report-${String(seq).padStart(4, '0')}`,
  overall,
  trigger: 'onDemand',
  wallMs: 120,
  printed: null,
  checks,
  audit: { seq, hash: hash(seq) },
});

describe('readiness reports at central', () => {
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
  const mine = async () => {
    const kiosks = fleetViewSchema.parse((await kiosk.call('/dev/fleet')).body).kiosks;
    const found = kiosks.find((k) => k.kioskId === kiosk.kioskId);
    if (!found) throw new Error('kiosk missing from the fleet view');
    return found;
  };

  it('a kiosk that never sent a report shows none', async () => {
    expect((await mine()).readiness).toBeNull();
  });

  it('ingests reports and shows the newest per kiosk, with the automatic checks that failed or warned (manual ones are not counted)', async () => {
    const results = await deliver([
      event(report(1, 'fail', [check('fingerprint.module', 'fail'), check('printer.paper', 'pass')]), '2026-01-01T10:00:00.000Z'),
      event(report(2, 'warn', [check('fingerprint.module', 'pass'), check('cardSlot.retainBin', 'warn'), check('cardSlot.readTest', 'manual', false)]), '2026-01-01T11:00:00.000Z'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect((await mine()).readiness).toEqual({ reportId: 'report-0002', at: '2026-01-01T11:00:00.000Z', overall: 'warn', failed: [], warned: ['cardSlot.retainBin'] });
    const page = await kiosk.call('/dev');
    expect(String(page.body)).toContain('cardSlot.retainBin');
  });

  it('refuses a report that breaks the schema (an unknown result, a person’s data beside it) and keeps the newest good one', async () => {
    const results = await deliver([
      event(report(3, 'fail', [check('fingerprint.module', 'broken')])),
      event({ ...report(4, 'pass', []), idNumber: '1000000008' }),
      event(report(5, 'pass', [{ ...check('fingerprint.module', 'pass'), facts: { name: 'Faisal' } }])),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['payload_invalid', 'payload_invalid', 'payload_invalid']);
    expect((await mine()).readiness?.reportId).toBe('report-0002');
  });

  it('ingests a technician’s diagnostics action (bin emptied with the count it had, a dead letter retried by kind and code)', async () => {
    const action = (seq: number, extra: Record<string, unknown>) => ({ type: 'diagnostics.action', result: 'pass', code: null, quality: null, count: null, deadLetter: null, audit: { seq, hash: hash(seq) }, ...extra });
    const results = await deliver([
      event(action(6, { action: 'cardSlot.binEmptied', count: 12 })),
      event(action(7, { action: 'deadLetter.retry', deadLetter: { kind: 'telemetry', code: 'payload_invalid' } })),
      event(action(8, { action: 'fingerprint.testCapture', quality: 101 })),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['accepted', 'accepted', 'payload_invalid']);
  });

  it(`keeps each kiosk's newest ${KIOSK_LOG_UPLOADS_KEPT} log uploads: an older one goes when a new one arrives`, async () => {
    for (let n = 1; n <= KIOSK_LOG_UPLOADS_KEPT + 2; n += 1) {
      const answer = await kiosk.call('/v1/kiosks/logs', { body: { uploadId: `upload-${String(n).padStart(4, '0')}`, part: 0, last: true, text: `{"n":${n}}\n` } });
      expect(answer.status).toBe(200);
    }
    const uploads = await central.rows('SELECT DISTINCT upload_id FROM kiosk_logs WHERE kiosk_id = ? ORDER BY upload_id', [kiosk.kioskId]);
    expect(uploads.map((u) => u.upload_id)).toEqual(['upload-0003', 'upload-0004', 'upload-0005', 'upload-0006', 'upload-0007']);
  });
});
