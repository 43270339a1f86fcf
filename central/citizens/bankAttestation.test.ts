import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBank } from '../testing/bank';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { TestKiosk } from '../testing/kioskClient';
import { bankCardHolders, POPULATION } from '../testing/people';
import type { LabPerson } from '../../common/demo/population';

/**
 * Issue 12, central's side of the ATM activation: the bank's signed
 * attestation (compact JWS, EdDSA) is verified against the banks central
 * trusts; a forged, foreign, expired, early, mis-addressed or replayed one is
 * refused with its own code and changes nothing. Demo profile: the simulated
 * bank host's demo key is trusted.
 */

const [alice, bob, carol, dave] = bankCardHolders();
const noAccount = POPULATION.people.find((p) => p.bankCard !== null && p.account === null);
if (!alice || !bob || !carol || !dave || !noAccount) throw new Error('lab people with bank cards missing');

const cardOf = (who: LabPerson) => {
  if (!who.bankCard) throw new Error(`${who.idNumber} has no bank card`);
  return { bank: TestBank.demo(who.bankCard.bankCode), panLast4: who.bankCard.pan.slice(-4) };
};

describe('bank activation by signed attestation (demo profile)', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  const nowSeconds = () => Math.floor(central.clock.now() / 1000);
  const attest = (who: LabPerson, overrides: Partial<Parameters<TestBank['sign']>[0]> = {}, bank = cardOf(who).bank) =>
    bank.sign({ idNumber: who.idNumber, panLast4: cardOf(who).panLast4, now: central.clock.now(), ...overrides });
  const preview = (attestation: string, idempotencyKey?: string) => kiosk.call('/v1/citizens/activations/bank/preview', { body: { attestation }, idempotencyKey });
  const request = (attestation: string, idempotencyKey?: string) => kiosk.call('/v1/citizens/activations/bank', { body: { attestation }, idempotencyKey });
  const stateOf = async (who: LabPerson) => (await central.rows('SELECT state FROM accounts WHERE id_number = ?', [who.idNumber]))[0]?.state;
  /** Everything central stores but the idempotency records (a refusal's answer is kept for its retry). */
  const unchanged = () => central.snapshot(['idempotency']);

  it('preview leaves the attestation unused; the request spends it once; a retry with the same Idempotency-Key answers as the first did', async () => {
    const attestation = await attest(alice);
    for (let i = 0; i < 2; i += 1) {
      expect((await preview(attestation)).body).toMatchObject({ idNumberMasked: `******${alice.idNumber.slice(-4)}`, accountState: alice.account?.state });
    }
    const key = `tx-${randomUUID()}`;
    const first = await request(attestation, key);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accountState: 'pending_bank' });
    expect(await stateOf(alice)).toBe('pending_bank');

    const retry = await request(attestation, key);
    expect(retry).toMatchObject({ status: 202, body: first.body });

    const before = await unchanged();
    const replay = await request(attestation);
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ code: 'bank_attestation_replayed' });
    expect((await preview(attestation)).body).toMatchObject({ code: 'bank_attestation_replayed' });
    expect(await unchanged()).toBe(before);
    expect(await central.rows('SELECT COUNT(*) AS n FROM bank_attestations_used')).toEqual([{ n: 1 }]);
  });

  /** What is wrong, how it is made, and the answer: status, code and the check that refused it (in the detail). */
  it('five kiosks racing with one attestation: one is accepted, four are refused as replayed', async () => {
    const attestation = await attest(dave);
    const answers = await Promise.all(Array.from({ length: 5 }, () => request(attestation)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409, 409, 409, 409]);
    expect(await stateOf(dave)).toBe('pending_bank');
  });

  const refusals: [string, () => Promise<string>, number, string, string][] = [
    ['a forged signature (the claims changed after signing)', async () => forge(await attest(bob), { sub: carol.idNumber }), 422, 'bank_attestation_invalid', 'signature does not verify'],
    ['a signature that is not the bank’s (bytes flipped)', async () => flipSignature(await attest(bob)), 422, 'bank_attestation_invalid', 'signature does not verify'],
    ['the trusted kid signed with another key', () => attest(bob, {}, cardOf(bob).bank.impostor()), 422, 'bank_attestation_invalid', 'signature does not verify'],
    ['an unknown bank', () => attest(bob, {}, TestBank.create('ZZBANK')), 422, 'bank_attestation_invalid', 'no trusted bank key'],
    ['another bank’s name under this bank’s key', () => attest(bob, { iss: bob.bankCard?.bankCode === 'RJHI' ? 'SNB' : 'RJHI' }), 422, 'bank_attestation_invalid', 'iss unexpected'],
    ['the wrong audience', () => attest(bob, { aud: 'moi-portal' }), 422, 'bank_attestation_invalid', 'aud unexpected'],
    ['a lifetime longer than 300 s', () => attest(bob, { exp: nowSeconds() + 3600 }), 422, 'bank_attestation_invalid', 'claims malformed: exp'],
    ['a claim central does not know', () => attest(bob, { extraClaims: { amount: 1 } }), 422, 'bank_attestation_invalid', 'claims malformed: unrecognized_keys'],
    ['an unsigned token (alg none)', async () => unsigned(await attest(bob)), 422, 'bank_attestation_invalid', 'header is not'],
    ['an expired attestation (issued 331 s ago)', () => attest(bob, { iat: nowSeconds() - 331 }), 422, 'bank_attestation_expired', 'too old'],
    ['an attestation not valid yet (issued 60 s ahead)', () => attest(bob, { iat: nowSeconds() + 60 }), 422, 'bank_attestation_expired', 'not valid yet'],
    ['a card the bank links to someone else', () => attest(bob, { panLast4: bob.bankCard?.pan.slice(-4) === '0000' ? '0001' : '0000' }), 422, 'bank_attestation_invalid', 'no card linked'],
    ['a person with no account', () => attest(noAccount), 404, 'account_not_found', 'no account'],
  ];

  it.each(refusals)('refuses %s on preview and request, and changes nothing', async (_what, make, status, code, check) => {
    const attestation = await make();
    const before = await unchanged();
    for (const answer of [await preview(attestation), await request(attestation)]) {
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ code, detail: expect.stringContaining(check) as unknown });
    }
    expect(await unchanged()).toBe(before);
    expect(await stateOf(bob)).toBe(bob.account?.state);
  });

  it('refuses a body that is not one compact JWS before anything else', async () => {
    const before = await unchanged();
    for (const body of [{ attestation: 'not.a-jws' }, { attestation: `${'a'.repeat(2048)}.b.c` }, { attestation: await attest(bob), idNumber: bob.idNumber }, {}]) {
      const answer = await kiosk.call('/v1/citizens/activations/bank', { body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'invalid_request' });
    }
    expect(await unchanged()).toBe(before);
  });

  it('allows 30 s of clock skew between the bank and central, not more', async () => {
    const now = nowSeconds();
    expect((await preview(await attest(bob, { iat: now + 25 }))).status).toBe(200);
    expect((await preview(await attest(bob, { iat: now - 325 }))).status).toBe(200);
    expect((await preview(await attest(bob, { iat: now + 35 }))).body).toMatchObject({ code: 'bank_attestation_expired' });
    expect((await preview(await attest(bob, { iat: now - 335 }))).body).toMatchObject({ code: 'bank_attestation_expired' });
  });

  it('ages on central’s clock, and forgets a spent attestation once it has expired (it is refused as expired from then on)', async () => {
    const spent = async () => Number((await central.rows('SELECT COUNT(*) AS n FROM bank_attestations_used'))[0]?.n);
    const before = await spent();
    const attestation = await attest(carol);
    expect((await request(attestation)).status).toBe(202);
    expect(await spent()).toBe(before + 1);
    central.clock.advance(331_000);
    expect((await request(attestation)).body).toMatchObject({ code: 'bank_attestation_expired' });
    // The next spend purges every expired record and keeps its own.
    expect((await request(await attest(bob))).status).toBe(202);
    expect(await spent()).toBe(1);
    expect((await request(attestation)).body).toMatchObject({ code: 'bank_attestation_expired' });
  });
});

/** The same header and signature over other claims: what a forger without the key can make. */
function forge(compact: string, changes: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = compact.split('.');
  const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function flipSignature(compact: string): string {
  const [header = '', payload = '', signature = ''] = compact.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function unsigned(compact: string): string {
  const [header = '', payload = ''] = compact.split('.');
  const none = { ...(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>), alg: 'none' };
  return `${Buffer.from(JSON.stringify(none)).toString('base64url')}.${payload}.AAAA`;
}
