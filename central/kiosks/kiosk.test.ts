import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatAnswerSchema, kioskCentralConfigSchema, kioskCertificateSchema, outboxAnswerSchema } from '../../common/wire/kiosk';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const heartbeat = (queueDepth = 0) => ({
  appState: 'available',
  devices: [
    { device: 'fingerprint', status: 'online' },
    { device: 'printer', status: 'hardwareError', detail: 'paper out' },
  ],
  versions: { app: '0.1.0', config: 'unknown' },
  queueDepth,
  clock: new Date().toISOString(),
});

describe('kiosk lifecycle over mTLS', () => {
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

  it('enrolment gives a certificate for the kiosk id, issued by the CA it returns', async () => {
    expect(kiosk.kioskId).toMatch(/^KIOSK-[0-9A-F]{8}$/);
    const { X509Certificate } = await import('node:crypto');
    const certificate = new X509Certificate(kiosk.certificatePem);
    expect(certificate.subject).toContain(`CN=${kiosk.kioskId}`);
    expect(certificate.checkIssued(new X509Certificate(central.caCertPem))).toBe(true);
  });

  it('a heartbeat is recorded and answered with pending commands until they are acknowledged', async () => {
    const quiet = await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat(3) });
    expect(quiet.status).toBe(200);
    const parsed = heartbeatAnswerSchema.parse(quiet.body);
    expect(parsed.commands).toEqual([]);
    await central.context.kioskStatus.flush();
    const [row] = await central.rows('SELECT app_state, queue_depth FROM kiosks WHERE kiosk_id = ?', [kiosk.kioskId]);
    expect(row).toEqual({ app_state: 'available', queue_depth: 3 });

    const command = await central.queueCommand(kiosk.kioskId, 'outOfService', 'cleaning');
    const reload = await central.queueCommand(kiosk.kioskId, 'reloadUi');
    const withCommands = heartbeatAnswerSchema.parse((await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat() })).body);
    expect(withCommands.commands.map((c) => c.type)).toEqual(['outOfService', 'reloadUi']);
    expect(withCommands.commands[0]).toMatchObject({ type: 'outOfService', reason: 'cleaning' });

    const ack = await kiosk.call(`/v1/kiosks/commands/${command?.id ?? ''}/ack`, { body: { outcome: 'done' } });
    expect(ack.status).toBe(200);
    const again = await kiosk.call(`/v1/kiosks/commands/${command?.id ?? ''}/ack`, { body: { outcome: 'failed' } });
    expect(again.body).toEqual(ack.body);
    const after = heartbeatAnswerSchema.parse((await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat() })).body);
    expect(after.commands.map((c) => c.id)).toEqual([reload?.id]);
  });

  it('a heartbeat’s device list carries the printer’s life counters, kept with its status; a counter that is not a count is refused', async () => {
    const devices = [
      { device: 'cardSlot', status: 'online' },
      { device: 'printer', status: 'hardwareError', counters: { receiptsPrinted: 41, paperOutEvents: 2 } },
    ];
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: { ...heartbeat(), devices } })).status).toBe(200);
    await central.context.kioskStatus.flush();
    const [row] = await central.rows('SELECT status_json FROM kiosks WHERE kiosk_id = ?', [kiosk.kioskId]);
    expect(JSON.parse(String(row?.status_json)).devices).toEqual(devices);

    for (const counters of [{ receiptsPrinted: -1 }, { receiptsPrinted: 1.5 }, { 'receipts printed': 1 }]) {
      const refused = await kiosk.call('/v1/kiosks/heartbeat', { body: { ...heartbeat(), devices: [{ device: 'printer', status: 'online', counters }] } });
      expect(refused.status, JSON.stringify(counters)).toBe(400);
    }
  });

  it('refuses to acknowledge a command that is not this kiosk’s', async () => {
    const other = await kiosk.call('/v1/kiosks/commands/CMD-000000000000/ack', { body: { outcome: 'done' } });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ code: 'command_not_found' });
  });

  it('config answers with an ETag and 304 while it has not changed; the heartbeat carries its version', async () => {
    const first = await kiosk.call('/v1/kiosks/config');
    expect(first.status).toBe(200);
    const config = kioskCentralConfigSchema.parse(first.body);
    expect(config.rules.otpLength).toBe(4);
    const etag = String(first.headers.etag);
    expect((await kiosk.call('/v1/kiosks/config', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const beat = heartbeatAnswerSchema.parse((await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat() })).body);
    expect(beat.configVersion).toBe(config.configVersion);

    central.context.kioskConfig.update((body) => ({ ...body, outOfService: true }));
    const changed = await kiosk.call('/v1/kiosks/config', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(kioskCentralConfigSchema.parse(changed.body).configVersion).not.toBe(config.configVersion);
  });

  it('outbox delivery is idempotent on (kiosk, txId) for ever, with per-event verdicts', async () => {
    const event = { txId: 'tx-outbox-0001', kind: 'audit', occurredAt: new Date().toISOString(), payload: { action: 'cardRetained' } };
    const first = outboxAnswerSchema.parse((await kiosk.call('/v1/kiosks/outbox', { body: { events: [event] } })).body);
    expect(first.results).toEqual([{ txId: 'tx-outbox-0001', status: 'accepted' }]);
    const batch = [
      event,
      { ...event, txId: 'tx-outbox-0002', kind: 'gossip' },
      { ...event, payload: { action: 'somethingElse' } },
      { ...event, txId: 'tx-outbox-0003', payload: { blob: 'x'.repeat(20_000) } },
      { ...event, txId: 'tx-outbox-0004', kind: 'telemetry' },
    ];
    const second = outboxAnswerSchema.parse((await kiosk.call('/v1/kiosks/outbox', { body: { events: batch } })).body);
    expect(second.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['duplicate', 'unknown_kind', 'tx_id_reused', 'payload_too_large', 'accepted']);
    const stored = await central.rows('SELECT tx_id FROM outbox_events WHERE kiosk_id = ? ORDER BY tx_id', [kiosk.kioskId]);
    expect(stored.map((r) => r.tx_id)).toEqual(['tx-outbox-0001', 'tx-outbox-0004']);
  });

  it('renewal over mTLS issues a new certificate for the same kiosk, and the new one works', async () => {
    const renewed = await kiosk.call('/v1/kiosks/renew', { body: { csrPem: await kiosk.csrPem() } });
    expect(renewed.status).toBe(200);
    const body = kioskCertificateSchema.parse(renewed.body);
    expect(body.kioskId).toBe(kiosk.kioskId);
    expect(body.certificatePem).not.toBe(kiosk.certificatePem);
    await kiosk.client.useCredentials({ certificatePem: body.certificatePem, keyPem: kiosk.keyPem });
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: heartbeat() })).status).toBe(200);
  });

  it('renewal refuses a request that is not a P-256 CSR', async () => {
    const answer = await kiosk.call('/v1/kiosks/renew', { body: { csrPem: `-----BEGIN CERTIFICATE REQUEST-----\n${'A'.repeat(80)}\n-----END CERTIFICATE REQUEST-----` } });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'csr_invalid' });
  });
});
