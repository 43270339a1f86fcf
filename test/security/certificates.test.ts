import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../common/wire/routes';
import { issueKioskCertificateFor } from '../../central/kiosks/enrolment';
import { openCertificateAuthority } from '../../central/pki/authority';
import { issueCertificate } from '../../central/pki/issue';
import { generateKeyPair, privateKeyToPem } from '../../central/pki/x509';
import { productionCentral } from './central';
import { concretePath, problemCode, RawClient } from './rawClient';

/** Every kiosk and citizen route, with each kind of bad client certificate: the certificate refusal, before anything else. */
const guarded = Object.values(routes).filter((route) => route.config.access === 'kiosk' || route.config.access === 'citizen');

describe('client certificates against a production central', () => {
  const target = productionCentral();
  const clients: Record<string, RawClient> = {};
  let strangerDir: string;

  beforeAll(async () => {
    strangerDir = await mkdtemp(join(tmpdir(), 'stranger-ca-'));
    const { central, kiosk } = target;
    const stranger = await openCertificateAuthority(strangerDir, 'Stranger CA');
    const keys = await generateKeyPair();
    const forged = await issueCertificate(stranger, keys.publicKey, { role: 'kiosk', kioskId: kiosk.kioskId }, { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) });
    clients.foreign = new RawClient({ port: central.port, caCertPem: central.caCertPem, cert: forged.certificatePem, key: await privateKeyToPem(keys.privateKey) });
    const expired = await issueKioskCertificateFor(central.context, kiosk.kioskId, kiosk.keys.publicKey, {
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    clients.expired = new RawClient({ port: central.port, caCertPem: central.caCertPem, cert: expired, key: kiosk.keyPem });
    clients.none = target.anonymous;
  });
  afterAll(async () => {
    clients.foreign?.close();
    clients.expired?.close();
    await rm(strangerDir, { recursive: true, force: true });
  });

  const cases = [
    ['no certificate', 'none', 'client_certificate_required'],
    ['a certificate from a foreign CA naming the enrolled kiosk', 'foreign', 'client_certificate_untrusted'],
    ['an expired certificate from the central CA', 'expired', 'client_certificate_expired'],
  ] as const;

  it.each(cases)('with %s every kiosk and citizen route answers 401 %s and changes nothing', async (_what, client, code) => {
    const before = await target.central.snapshot();
    const wrong: string[] = [];
    for (const route of guarded) {
      const answer = await clients[client]!.send(route.method, concretePath(route.url), route.method === 'POST' ? { body: '{}', headers: { 'idempotency-key': 'tx-certificate-probe' } } : {});
      if (answer.status !== 401 || problemCode(answer) !== code) wrong.push(`${route.method} ${route.url} → ${answer.status} ${problemCode(answer) ?? ''}`);
    }
    expect(wrong).toEqual([]);
    expect(await target.central.snapshot()).toBe(before);
  });
});
