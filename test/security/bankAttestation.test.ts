import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_TRUSTED_BANKS } from '../../common/demo/bank';
import type { LabPerson } from '../../common/demo/population';
import { PRODUCTION_RATE_LIMITS } from '../../central/http/rateLimit';
import { TestBank } from '../../central/testing/bank';
import { startTestCentral } from '../../central/testing/harness';
import { bankCardHolders } from '../../central/testing/people';
import { productionCentral, type Target } from './central';
import { problemCode, type RawAnswer } from './rawClient';

/**
 * Issue 12, the bank's signed attestation against a production central that
 * trusts one test bank key per bank (production trusts no bank by default
 * and refuses the published demo key): a forged, foreign-keyed, expired,
 * early, mis-addressed, unknown-bank or replayed attestation is refused with
 * its own code, and the accounts, the SMS log and everything else stay as
 * they were.
 */

const [victim, holder] = bankCardHolders();
if (!victim?.bankCard || !holder?.bankCard) throw new Error('lab people with bank cards missing');
const banks = new Map<string, TestBank>();
for (const who of [victim, holder]) {
  const code = who.bankCard?.bankCode ?? '';
  if (!banks.has(code)) banks.set(code, TestBank.create(code));
}
const bankOf = (who: LabPerson): TestBank => {
  const bank = banks.get(who.bankCard?.bankCode ?? '');
  if (!bank) throw new Error('unreachable');
  return bank;
};
const trustedBanks = [...banks.values()].map((bank) => bank.trusted);

const post = (target: Target, path: string, attestation: string, key = `tx-${randomUUID()}`): Promise<RawAnswer> =>
  target.enrolled.send('POST', path, { body: JSON.stringify({ attestation }), headers: { 'idempotency-key': key } });
const activate = (target: Target, attestation: string, key?: string) => post(target, '/v1/citizens/activations/bank', attestation, key);

const attest = (target: Target, who: LabPerson, overrides: Partial<Parameters<TestBank['sign']>[0]> = {}, bank = bankOf(who)) =>
  bank.sign({ idNumber: who.idNumber, panLast4: who.bankCard?.pan.slice(-4) ?? '', now: target.central.clock.now(), ...overrides });

/** Everything central keeps but the idempotency records (each refusal's answer is kept for its retry). */
const everything = (target: Target) => target.central.snapshot(['idempotency']);
const accountOf = async (target: Target, who: LabPerson) => (await target.central.rows('SELECT state, bank_ref FROM accounts WHERE id_number = ?', [who.idNumber]))[0];
const smsTo = async (target: Target, who: LabPerson) => (await target.central.rows('SELECT COUNT(*) AS n FROM sms_log WHERE to_mobile = ?', [who.mobile]))[0]?.n;

function resigned(compact: string, changes: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = compact.split('.');
  const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('bank attestations against a production central (trusting one test key per bank)', () => {
  // Fourteen probes name one ID: the per-target limit (below, at its production value) is raised here so each probe meets the attestation checks.
  const target = productionCentral({ registry: true, start: { trustedBanks, rateLimits: { ...PRODUCTION_RATE_LIMITS, perTarget: { max: 100, windowSeconds: 900 } } } });
  const now = () => Math.floor(target.central.clock.now() / 1000);

  const refusals: [string, () => Promise<string>, number, string][] = [
    ['a forged signature: the claims swapped for another ID after signing', async () => resigned(await attest(target, holder), { sub: victim.idNumber }), 422, 'bank_attestation_invalid'],
    ['the right kid signed with the wrong key', () => attest(target, victim, {}, bankOf(victim).impostor()), 422, 'bank_attestation_invalid'],
    ['the published demo bank key (production never trusts it)', () => attest(target, victim, {}, TestBank.demo(victim.bankCard?.bankCode ?? '')), 422, 'bank_attestation_invalid'],
    ['an unknown bank', () => attest(target, victim, {}, TestBank.create('ZZBANK')), 422, 'bank_attestation_invalid'],
    ['the wrong audience', () => attest(target, victim, { aud: 'another-relying-party' }), 422, 'bank_attestation_invalid'],
    ['an expired attestation', () => attest(target, victim, { iat: now() - 400 }), 422, 'bank_attestation_expired'],
    ['an attestation from the future', () => attest(target, victim, { iat: now() + 120 }), 422, 'bank_attestation_expired'],
  ];

  it.each(refusals)('refuses %s, and nothing changes', async (_what, make, status, code) => {
    const attestation = await make();
    const before = { all: await everything(target), account: await accountOf(target, victim), sms: await smsTo(target, victim) };
    for (const path of ['/v1/citizens/activations/bank/preview', '/v1/citizens/activations/bank']) {
      const answer = await post(target, path, attestation);
      expect(answer.status, path).toBe(status);
      expect(problemCode(answer), path).toBe(code);
    }
    expect(await accountOf(target, victim)).toEqual(before.account);
    expect(await smsTo(target, victim)).toBe(before.sms);
    expect(await everything(target)).toBe(before.all);
  });

  it('accepts the trusted bank’s attestation once: a replay is refused and changes nothing; the completion sends one SMS', async () => {
    const attestation = await attest(target, holder);
    const key = `tx-${randomUUID()}`;
    const accepted = await activate(target, attestation, key);
    expect(accepted.status).toBe(202);
    expect(await accountOf(target, holder)).toMatchObject({ state: 'pending_bank' });
    // A lost answer, retried with the same key: the same answer, nothing more.
    expect((await activate(target, attestation, key)).text).toBe(accepted.text);

    const before = { all: await everything(target), sms: await smsTo(target, holder) };
    const replay = await activate(target, attestation);
    expect(replay.status).toBe(409);
    expect(problemCode(replay)).toBe('bank_attestation_replayed');
    expect(await everything(target)).toBe(before.all);

    expect(await target.central.completeBankActivations()).toBe(1);
    expect(await accountOf(target, holder)).toMatchObject({ state: 'active' });
    expect(await smsTo(target, holder)).toBe(Number(before.sms) + 1);
    expect(await target.central.completeBankActivations()).toBe(0);
    expect(problemCode(await activate(target, attestation))).toBe('bank_attestation_replayed');
  });
});

describe('attestations count toward the per-target limit of the ID they name (production limits)', () => {
  const target = productionCentral({ registry: true, start: { trustedBanks } });
  it(`at most ${PRODUCTION_RATE_LIMITS.perTarget.max} about one ID, forged or not, then 429 rate_limited; another ID is still served`, async () => {
    const forged = resigned(await attest(target, holder), { sub: victim.idNumber });
    const statuses: number[] = [];
    for (let i = 0; i < PRODUCTION_RATE_LIMITS.perTarget.max; i += 1) statuses.push((await activate(target, forged)).status);
    expect(statuses).toEqual(Array.from({ length: PRODUCTION_RATE_LIMITS.perTarget.max }, () => 422));
    expect(problemCode(await activate(target, forged))).toBe('rate_limited');
    expect((await post(target, '/v1/citizens/activations/bank/preview', await attest(target, holder))).status).toBe(200);
  });
});

describe('production and the demo bank', () => {
  it('refuses to start with the published demo bank key in its trust list', async () => {
    await expect(startTestCentral({ profile: 'production', trustedBanks: [...DEMO_TRUSTED_BANKS] })).rejects.toThrow(/refuses the demo bank key/);
  });
});
