import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralClient } from './centralClient';
import { callCitizen } from './citizenCalls';
import type { CitizenCallPolicy } from './citizenCalls';
import { startHttpsDouble } from './testing/httpsDouble';
import type { DoubleRequest } from './testing/httpsDouble';
import { createTestCa } from './testing/testPki';
import { newKeyAndRequest } from './kioskKey';

const quick: CitizenCallPolicy = { attempts: 3, timeoutMs: 2_000, backoff: { baseMs: 250, capMs: 1_000, jitter: 'none' }, pause: async () => undefined };
/** A fingerprint password reset, as the journey sends it. */
const reset = { verificationToken: 'v'.repeat(43), newPassword: 'Zx9fresh7Pass', newPasswordConfirmation: 'Zx9fresh7Pass' };
const codeSent = (challengeId: string) => ({
  challengeId,
  codeSentTo: '05X XXX X123',
  codeLength: 4,
  expiresAt: '2030-01-01T00:05:00.000Z',
  resendAfter: '2030-01-01T00:01:00.000Z',
  expiresInSeconds: 300,
  resendAfterSeconds: 60,
});
const challengeId = `CH-${'0'.repeat(23)}1`;
const registration = {
  idNumber: '1000000008',
  mobile: '0551234567',
  username: 'Faisal1042',
  password: 'Zx9fresh7Pass',
  passwordConfirmation: 'Zx9fresh7Pass',
  email: 'f@example.com',
  emailConfirmation: 'f@example.com',
  language: 'ar' as const,
  termsAccepted: true,
};

let ca: Awaited<ReturnType<typeof createTestCa>>;
let client: CentralClient;
let foreignClient: CentralClient;
let double: Awaited<ReturnType<typeof startHttpsDouble>>;
const seen: DoubleRequest[] = [];
/** The double's idempotency memory: key → the answer it gave when it applied the action. */
const applied = new Map<string, { status: number; body: unknown }>();
let dropNext = 0;
let effects = 0;

beforeAll(async () => {
  ca = await createTestCa();
  const server = await ca.issue('127.0.0.1', { server: true });
  double = await startHttpsDouble({ caPem: ca.caPem, certificatePem: server.certificatePem, keyPem: server.keyPem! }, (request) => {
    seen.push(request);
    const key = String(request.headers['idempotency-key'] ?? '');
    if (request.path === '/v1/citizens/password-resets/fingerprint') {
      const before = applied.get(key);
      if (before) return before;
      effects += 1;
      const answer = { status: 202, body: codeSent(`CH-${effects}`) };
      applied.set(key, answer);
      // The effect is committed; the answer is lost on the way back.
      if (dropNext > 0) {
        dropNext -= 1;
        return 'drop';
      }
      return answer;
    }
    if (request.path === '/v1/citizens/sign-in') {
      return { status: 401, body: { type: 'urn:kiosk-central:problem:credentials_invalid', title: 'Wrong', status: 401, detail: 'wrong login or password', code: 'credentials_invalid', attemptsRemaining: 4 } };
    }
    if (request.path === '/v1/citizens/registrations') return { status: 503, body: { type: 'x', title: 'down', status: 503, detail: 'down', code: 'service_unavailable' } };
    if (request.path === `/v1/citizens/registrations/${challengeId}/confirm`) {
      return { status: 201, body: { accountState: 'registered', username: 'Faisal1042', maskedMobile: '05X XXX X123', idNumberLast4: '0008' } };
    }
    // A session was asked for; what comes back is not one.
    if (request.path === '/v1/citizens/sign-in/fingerprint') return { status: 200, body: codeSent('CH-0') };
    return { status: 404, body: { type: 'x', title: 'nf', status: 404, detail: 'nf', code: 'not_found' } };
  });
  const { privateKeyPem, csrPem } = await newKeyAndRequest('KIOSK-TEST');
  const kioskCert = await ca.issueFromCsr(csrPem, 'KIOSK-0000CAFE');
  client = new CentralClient({ baseUrl: double.url, tls: { caPem: [ca.caPem], clientCertificatePem: kioskCert.certificatePem, clientKeyPem: privateKeyPem } });
  const other = await createTestCa('Somebody else');
  foreignClient = new CentralClient({ baseUrl: double.url, tls: { caPem: [other.caPem], clientCertificatePem: kioskCert.certificatePem, clientKeyPem: privateKeyPem } });
});

afterAll(async () => {
  await client.close();
  await foreignClient.close();
  await double.close();
});

describe('online citizen calls', () => {
  it('present the kiosk certificate and the idempotency key', async () => {
    const r = await callCitizen(client, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000001' }, quick);
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toMatchObject({ clientCn: 'KIOSK-0000CAFE', headers: { 'idempotency-key': 'KIOSK-T-00000001' } });
  });

  it('carry the session’s language as Accept-Language, on every try; without one, none of the kiosk’s', async () => {
    const before = seen.length;
    dropNext = 1;
    const r = await callCitizen(client, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000011', language: 'en' }, quick);
    expect(r.ok).toBe(true);
    const tries = seen.slice(before);
    expect(tries).toHaveLength(2);
    for (const request of tries) expect(request.headers['accept-language']).toBe('en');
    await callCitizen(client, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000012', language: 'ar' }, quick);
    expect(seen.at(-1)?.headers['accept-language']).toBe('ar');
    // undici's fetch adds `*` on its own when none is given: central reads that as no language (the account's).
    await callCitizen(client, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000013' }, quick);
    expect(seen.at(-1)?.headers['accept-language']).not.toMatch(/^(ar|en)$/);
  });

  it('after a lost answer, ask again with the SAME key and get the original result (applied once)', async () => {
    const before = { effects, requests: seen.length };
    dropNext = 1;
    const r = await callCitizen(client, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000002' }, quick);
    expect(r).toEqual({ ok: true, value: codeSent(`CH-${before.effects + 1}`) });
    expect(effects - before.effects).toBe(1);
    const keys = seen.slice(before.requests).map((s) => s.headers['idempotency-key']);
    expect(keys).toEqual(['KIOSK-T-00000002', 'KIOSK-T-00000002']);
  });

  it('give up after the bounded attempts with centralUnavailable, never queued', async () => {
    const before = seen.length;
    const pauses: number[] = [];
    const r = await callCitizen(client, { route: 'startRegistration', body: registration, idempotencyKey: 'KIOSK-T-00000003' }, { ...quick, pause: async (ms) => void pauses.push(ms) });
    expect(r).toMatchObject({ ok: false, error: { type: 'centralUnavailable' } });
    expect(seen.length - before).toBe(3);
    // A person is waiting: short pauses, the same each time.
    expect(pauses).toEqual([250, 500]);
  });

  it('return central’s problem as a typed error without retrying', async () => {
    const before = seen.length;
    const r = await callCitizen(client, { route: 'signIn', body: { login: 'Abcdefg1', password: 'x' }, idempotencyKey: 'KIOSK-T-00000004' }, quick);
    expect(r).toMatchObject({ ok: false, error: { type: 'problem', status: 401, code: 'credentials_invalid', problem: { attemptsRemaining: 4 } } });
    expect(seen.length - before).toBe(1);
  });

  it('refuse a server whose certificate is not from the provisioned CA, at once', async () => {
    const before = seen.length;
    const r = await callCitizen(foreignClient, { route: 'startFingerprintPasswordReset', body: reset, idempotencyKey: 'KIOSK-T-00000005' }, quick);
    expect(r).toMatchObject({ ok: false, error: { type: 'centralUnavailable' } });
    expect(seen.length).toBe(before);
  });

  it('refuse an answer that does not match the route’s schema', async () => {
    const r = await callCitizen(client, { route: 'signInByFingerprint', body: { verificationToken: 'v'.repeat(43) }, idempotencyKey: 'KIOSK-T-00000006' }, quick);
    expect(r).toMatchObject({ ok: false, error: { type: 'invalidResponse' } });
  });

  it('fill the route’s path parameters and read its answer with the route’s schema', async () => {
    const r = await callCitizen(client, { route: 'confirmRegistration', params: { challengeId }, body: { code: '1234' }, idempotencyKey: 'KIOSK-T-00000007' }, quick);
    expect(r).toMatchObject({ ok: true, value: { accountState: 'registered', username: 'Faisal1042' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', path: `/v1/citizens/registrations/${challengeId}/confirm`, body: { code: '1234' } });
  });
});
