import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueKioskCertificateFor } from '../kiosks/enrolment';
import { openCertificateAuthority } from '../pki/authority';
import { issueCertificate } from '../pki/issue';
import { generateKeyPair, privateKeyToPem } from '../pki/x509';
import { CentralClient, TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const beat = { appState: 'available', devices: [], versions: { app: '0.1.0' }, queueDepth: 0, clock: new Date().toISOString() };

describe('mutual TLS and enrolment', () => {
  let central: TestCentral;
  let strangerDir: string;

  beforeAll(async () => {
    central = await startTestCentral();
    strangerDir = await mkdtemp(join(tmpdir(), 'stranger-ca-'));
  });
  afterAll(async () => {
    await central.stop();
    await rm(strangerDir, { recursive: true, force: true });
  });

  it('serves a certificate from the central CA for 127.0.0.1 and localhost', async () => {
    const peer = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: central.port, servername: 'localhost', ca: central.caCertPem }, () => {
        const raw = socket.getPeerCertificate().raw;
        socket.end();
        resolve(new X509Certificate(raw));
      });
      socket.on('error', reject);
    });
    expect(peer.checkIssued(new X509Certificate(central.caCertPem))).toBe(true);
    expect(peer.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(peer.subjectAltName).toContain('DNS:localhost');
    expect(peer.checkHost('localhost')).toBe('localhost');
  });

  it('refuses every kiosk route but enrolment without a client certificate', async () => {
    const anonymous = new CentralClient(central.url, central.caCertPem);
    const before = await central.snapshot();
    for (const [path, body] of [['/v1/kiosks/heartbeat', beat], ['/v1/kiosks/outbox', { events: [] }], ['/v1/citizens/sign-in', { login: 'Faisal1042', password: 'x' }]] as const) {
      const answer = await anonymous.call(path, { body });
      expect(answer.status).toBe(401);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'client_certificate_required', status: 401 });
    }
    expect((await anonymous.call('/v1/kiosks/config')).body).toMatchObject({ code: 'client_certificate_required' });
    expect(await central.snapshot()).toBe(before);
    await anonymous.close();
  });

  it('refuses a certificate from another CA, even one naming an enrolled kiosk', async () => {
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    const stranger = await openCertificateAuthority(strangerDir, 'Stranger CA');
    const keys = await generateKeyPair();
    const forged = await issueCertificate(stranger, keys.publicKey, { role: 'kiosk', kioskId: kiosk.kioskId }, { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) });
    const client = new CentralClient(central.url, central.caCertPem, { certificatePem: forged.certificatePem, keyPem: await privateKeyToPem(keys.privateKey) });
    const answer = await client.call('/v1/kiosks/heartbeat', { body: beat });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'client_certificate_untrusted' });
    await client.close();
    await kiosk.close();
  });

  it('refuses an expired certificate from our own CA', async () => {
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    const expired = await issueKioskCertificateFor(central.context, kiosk.kioskId, kiosk.keys.publicKey, {
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    await kiosk.client.useCredentials({ certificatePem: expired, keyPem: kiosk.keyPem });
    const answer = await kiosk.call('/v1/kiosks/heartbeat', { body: beat });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'client_certificate_expired' });
    await kiosk.close();
  });

  it('refuses a revoked kiosk, and a certificate our CA signed for a kiosk that never enrolled', async () => {
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: beat })).status).toBe(200);
    expect(await central.revokeKiosk(kiosk.kioskId)).toBe(1);
    const revoked = await kiosk.call('/v1/kiosks/heartbeat', { body: beat });
    expect(revoked.status).toBe(403);
    expect(revoked.body).toMatchObject({ code: 'certificate_revoked' });

    const keys = await generateKeyPair();
    const ghost = await issueCertificate(central.context.ca, keys.publicKey, { role: 'kiosk', kioskId: 'KIOSK-0BADF00D' }, { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) });
    const client = new CentralClient(central.url, central.caCertPem, { certificatePem: ghost.certificatePem, keyPem: await privateKeyToPem(keys.privateKey) });
    const unknown = await client.call('/v1/kiosks/heartbeat', { body: beat });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toMatchObject({ code: 'kiosk_unknown' });
    await client.close();
    await kiosk.close();
  });

  it('an enrolment code works once; a second kiosk with the same code is refused and nothing is recorded', async () => {
    const code = await central.issueEnrolmentCode();
    const first = await TestKiosk.create(central.url, central.caCertPem);
    const second = await TestKiosk.create(central.url, central.caCertPem);
    expect((await first.enrol(code.toLowerCase())).status).toBe(201);
    // Heartbeats of earlier specs are written in the background: settle them so the snapshot sees only this refusal.
    await central.context.kioskStatus.flush();
    const before = await central.snapshot();
    const again = await second.enrol(code);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'enrolment_code_invalid' });
    expect(await central.snapshot()).toBe(before);
    await first.close();
    await second.close();
  });

  it('refuses an unknown or expired enrolment code and a CSR that is not proof of a P-256 key', async () => {
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol('AAAA-BBBB-CCCC-DDDD')).body).toMatchObject({ code: 'enrolment_code_invalid' });
    const code = await central.issueEnrolmentCode();
    // The subject changed after signing: parseable, but the signature no longer proves the key.
    const der = Buffer.from((await kiosk.csrPem()).replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('kiosk'));
    der[at] = 'K'.charCodeAt(0);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
    const bad = await kiosk.call('/v1/kiosks/enrol', { body: { enrolmentCode: code, csrPem: tampered } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'csr_invalid' });
    central.clock.advance(25 * 3_600_000);
    const late = await kiosk.enrol(code);
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ code: 'enrolment_code_invalid' });
    await kiosk.close();
  });
});
