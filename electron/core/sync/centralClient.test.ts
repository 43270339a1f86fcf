import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../../central/pki/issue';
import type { RunningCentral } from '../../../central/server';
import { CentralClient } from './centralClient';
import { enrol } from './enrolment';
import { tlsFor } from './identityKeeper';
import { newKeyAndRequest } from './kioskKey';
import { enrolKiosk, startTestCentral } from './testing/centralFixture';
import { createTestCa } from './testing/testPki';

let central: RunningCentral;
let close: () => Promise<void>;
const clients: CentralClient[] = [];
beforeAll(async () => {
  ({ central, close } = await startTestCentral());
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await close();
});

function clientWith(tls: ConstructorParameters<typeof CentralClient>[0]['tls']): CentralClient {
  const c = new CentralClient({ baseUrl: central.url, tls, timeoutMs: 5_000 });
  clients.push(c);
  return c;
}

const heartbeat = { appState: 'available' as const, devices: [], versions: { app: 'test' }, queueDepth: 0, clock: new Date().toISOString() };

describe('enrolment and mTLS with the reference central', () => {
  it('enrols with a one-time code and the kiosk’s own key, then talks mTLS', async () => {
    const identity = await enrolKiosk(central);
    expect(identity.kioskId).toMatch(/^KIOSK-[0-9A-F]{8}$/);
    expect(identity.notAfter).toBeGreaterThan(Date.now());
    const answer = await clientWith(tlsFor(identity)).heartbeat(heartbeat);
    expect(answer).toMatchObject({ ok: true, value: { commands: [] } });
  });

  it('refuses a used enrolment code', async () => {
    const code = await central.issueEnrolmentCode();
    const first = await enrol({ centralUrl: central.url, caPem: central.caCertPem, enrolmentCode: code, subjectHint: 'K', now: Date.now });
    expect(first.ok).toBe(true);
    const again = await enrol({ centralUrl: central.url, caPem: central.caCertPem, enrolmentCode: code, subjectHint: 'K', now: Date.now });
    expect(again).toMatchObject({ ok: false, error: { type: 'problem', status: 401, code: 'enrolment_code_invalid' } });
  });

  it('is refused without a certificate, with a foreign one, or with an expired one', async () => {
    const none = await clientWith({ caPem: [central.caCertPem] }).heartbeat(heartbeat);
    expect(none).toMatchObject({ ok: false, error: { type: 'problem', code: 'client_certificate_required' } });

    const foreignCa = await createTestCa('Not central');
    const { privateKeyPem, csrPem } = await newKeyAndRequest('K');
    const foreign = await foreignCa.issueFromCsr(csrPem, 'KIOSK-0000F00D');
    const fromElsewhere = await clientWith({ caPem: [central.caCertPem], clientCertificatePem: foreign.certificatePem, clientKeyPem: privateKeyPem }).heartbeat(heartbeat);
    expect(fromElsewhere.ok).toBe(false);
    if (!fromElsewhere.ok) expect(['client_certificate_untrusted', 'tls']).toContain(fromElsewhere.error.type === 'problem' ? fromElsewhere.error.code : fromElsewhere.error.type === 'unreachable' ? fromElsewhere.error.cause : fromElsewhere.error.type);
  });

  it('is refused with an expired certificate from central’s own CA', async () => {
    const identity = await enrolKiosk(central);
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const expired = await issueCertificate(central.context.ca, keys.publicKey, { role: 'kiosk', kioskId: identity.kioskId }, { notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    const keyPem = `-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----\n`;
    const answer = await clientWith({ caPem: [central.caCertPem], clientCertificatePem: expired.certificatePem, clientKeyPem: keyPem }).heartbeat(heartbeat);
    expect(answer).toMatchObject({ ok: false, error: { type: 'problem', status: 401, code: 'client_certificate_expired' } });
  });

  it('does not talk to a server whose certificate is not from the provisioned CA', async () => {
    const identity = await enrolKiosk(central);
    const otherCa = await createTestCa('Impostor');
    const answer = await clientWith({ ...tlsFor(identity), caPem: [otherCa.caPem] }).heartbeat(heartbeat);
    expect(answer).toMatchObject({ ok: false, error: { type: 'unreachable', cause: 'tls' } });
  });

  it('renews its certificate over mTLS and keeps working with the new one', async () => {
    const identity = await enrolKiosk(central);
    const client = clientWith(tlsFor(identity));
    const { privateKeyPem, csrPem } = await newKeyAndRequest(identity.kioskId);
    const renewed = await client.renew(csrPem);
    expect(renewed).toMatchObject({ ok: true, value: { kioskId: identity.kioskId } });
    if (!renewed.ok) return;
    client.useTls({ caPem: [central.caCertPem], clientCertificatePem: renewed.value.certificatePem, clientKeyPem: privateKeyPem });
    expect((await client.heartbeat(heartbeat)).ok).toBe(true);
  });

  it('gets config with an ETag and then 304', async () => {
    const client = clientWith(tlsFor(await enrolKiosk(central)));
    const first = await client.config(null);
    expect(first).toMatchObject({ ok: true, value: { status: 'changed' } });
    if (!first.ok || first.value.status !== 'changed') return;
    expect(first.value.etag).toBeTruthy();
    expect(await client.config(first.value.etag)).toEqual({ ok: true, value: { status: 'notModified' } });
  });

  it('receives queued commands in the heartbeat and acknowledges them', async () => {
    const identity = await enrolKiosk(central);
    const client = clientWith(tlsFor(identity));
    const queued = await central.queueCommand(identity.kioskId, 'reloadUi');
    const answer = await client.heartbeat(heartbeat);
    expect(answer.ok && answer.value.commands.map((c) => c.id)).toEqual([queued?.id]);
    expect(await client.acknowledgeCommand(queued!.id, 'done')).toMatchObject({ ok: true, value: { outcome: 'done' } });
    const after = await client.heartbeat(heartbeat);
    expect(after.ok && after.value.commands).toEqual([]);
  });

  it('maps a revoked certificate to a typed refusal', async () => {
    const identity = await enrolKiosk(central);
    await central.revokeKiosk(identity.kioskId);
    const answer = await clientWith(tlsFor(identity)).heartbeat(heartbeat);
    expect(answer).toMatchObject({ ok: false, error: { type: 'problem', status: 403, code: 'certificate_revoked' } });
  });
});
