import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSentSchema } from '../../common/wire/citizen';
import { POPULATION } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const [faisal, noAccount, , , , , noAccountResident, expiredId] = POPULATION.people;
if (!faisal || !noAccount || !noAccountResident || !expiredId) throw new Error('featured lab people missing');

const form = (overrides: Record<string, unknown> = {}) => ({
  idNumber: noAccount.idNumber,
  mobile: '0551234567',
  username: 'Newcomer2030',
  password: 'Strong2030pass',
  passwordConfirmation: 'Strong2030pass',
  email: 'newcomer@example.sa',
  emailConfirmation: 'newcomer@example.sa',
  language: 'ar',
  termsAccepted: true,
  securityQuestion: 'Favourite city?',
  securityAnswer: 'Abha',
  ...overrides,
});

describe('registration (RULES.md "Register")', () => {
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

  // A refusal is an answer like any other: it is kept for its idempotency key, and nothing else changes.
  const refusal = async (overrides: Record<string, unknown>) => {
    const before = await central.snapshot(['idempotency']);
    const answer = await kiosk.call('/v1/citizens/registrations', { body: form(overrides) });
    expect(await central.snapshot(['idempotency'])).toBe(before);
    return answer.body as { code: string; status: number; violations?: string[] };
  };

  it.each([
    [{ idNumber: '1000000000' }, 'id_number_invalid'],
    [{ idNumber: '3000000009' }, 'id_number_invalid'],
    [{ idNumber: '1999999996' }, 'person_not_found'],
    [{ idNumber: expiredId.idNumber }, 'id_expired'],
    [{ idNumber: faisal.idNumber }, 'account_exists'],
    [{ mobile: '0451234567' }, 'mobile_invalid'],
    [{ mobile: faisal.mobile }, 'mobile_in_use'],
    [{ username: 'newcomer2030' }, 'username_invalid'],
    [{ username: 'Newcomer' }, 'username_invalid'],
    [{ username: 'Faisal1042' }, 'username_taken'],
    [{ password: 'weakpass', passwordConfirmation: 'weakpass' }, 'password_invalid'],
    [{ password: 'Newcomer2030x', passwordConfirmation: 'Newcomer2030x' }, 'password_invalid'],
    [{ passwordConfirmation: 'Strong2030pasS' }, 'password_mismatch'],
    [{ email: 'not-an-email', emailConfirmation: 'not-an-email' }, 'email_invalid'],
    [{ emailConfirmation: 'other@example.sa' }, 'email_mismatch'],
    [{ termsAccepted: false }, 'terms_not_accepted'],
  ])('refuses %j with %s and changes nothing', async (overrides, code) => {
    expect((await refusal(overrides)).code).toBe(code);
  });

  it('names the broken username and password rules', async () => {
    expect((await refusal({ username: 'lower' })).violations).toEqual(['tooShort', 'firstNotUppercase', 'noDigit']);
    expect((await refusal({ password: 'aaaaaaaA1', passwordConfirmation: 'aaaaaaaA1' })).violations).toEqual(['repeatedCharacter']);
  });

  it('sends a 4-digit code to the mobile (any spelling, Eastern Arabic digits too) and creates the account on confirmation', async () => {
    const started = await kiosk.call('/v1/citizens/registrations', { body: form({ idNumber: '١' + noAccount.idNumber.slice(1), mobile: '+966 55 123 4567' }) });
    expect(started.status).toBe(202);
    const sent = codeSentSchema.parse(started.body);
    expect(sent.codeSentTo).toBe('05X XXX X567');
    expect(sent.codeLength).toBe(4);
    expect(await central.rows('SELECT 1 FROM accounts WHERE id_number = ?', [noAccount.idNumber])).toEqual([]);
    const code = await central.lastCode('+966551234567');
    expect(code).toMatch(/^[0-9]{4}$/);

    const confirmed = await kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ accountState: 'registered', username: 'Newcomer2030', idNumberLast4: noAccount.idNumber.slice(-4) });
    const [account] = await central.rows('SELECT state, mobile, password_hash FROM accounts WHERE id_number = ?', [noAccount.idNumber]);
    expect(account).toMatchObject({ state: 'registered', mobile: '+966551234567' });
    expect(String(account?.password_hash)).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(String(account?.password_hash)).not.toContain('Strong2030pass');

    const twice = await kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code } });
    expect(twice.body).toMatchObject({ code: 'challenge_not_found' });
    expect((await refusal({})).code).toBe('account_exists');
  });

  it('re-checks at confirmation: a mobile taken meanwhile is refused', async () => {
    const started = codeSentSchema.parse((await kiosk.call('/v1/citizens/registrations', { body: form({ idNumber: noAccountResident.idNumber, mobile: '0557654321', username: 'Resident2030' }) })).body);
    await central.db.transaction((tx) => tx.run("UPDATE accounts SET mobile = '+966557654321' WHERE id_number = ?", [faisal.idNumber]));
    const code = await central.lastCode('+966557654321');
    const confirmed = await kiosk.call(`/v1/citizens/registrations/${started.challengeId}/confirm`, { body: { code } });
    expect(confirmed.body).toMatchObject({ code: 'mobile_in_use' });
    await central.db.transaction((tx) => tx.run('UPDATE accounts SET mobile = ? WHERE id_number = ?', [faisal.mobile, faisal.idNumber]));
  });
});

describe('SMS codes (RULES.md "Codes, attempts, lockouts")', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let other: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    other = await TestKiosk.create(central.url, central.caCertPem);
    await other.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await other.close();
    await central.stop();
  });

  const start = async (mobile: string) => codeSentSchema.parse((await kiosk.call('/v1/citizens/registrations', { body: form({ mobile, idNumber: noAccount.idNumber }) })).body);
  const wrongCode = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');

  it('three wrong entries void the code; attempts remaining are reported', async () => {
    const sent = await start('0551110001');
    const code = await central.lastCode('+966551110001');
    const confirm = (entered: string) => kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code: entered } });
    expect((await confirm(wrongCode(code))).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 2 });
    expect((await confirm(wrongCode(code))).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 1 });
    expect((await confirm(wrongCode(code))).body).toMatchObject({ code: 'otp_voided', attemptsRemaining: 0 });
    expect((await confirm(code)).body).toMatchObject({ code: 'otp_voided' });
  });

  it('a code expires after 300 s', async () => {
    const sent = await start('0551110002');
    const code = await central.lastCode('+966551110002');
    central.clock.advance(301_000);
    expect((await kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code } })).body).toMatchObject({ code: 'otp_expired' });
  });

  it('resend waits 60 s, and the new code voids the old one', async () => {
    const sent = await start('0551110003');
    const oldCode = await central.lastCode('+966551110003');
    const early = await kiosk.call(`/v1/citizens/challenges/${sent.challengeId}/resend`, { method: 'POST' });
    expect(early.status).toBe(429);
    expect(early.body).toMatchObject({ code: 'otp_resend_too_soon' });
    expect((early.body as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(50);
    central.clock.advance(61_000);
    expect((await kiosk.call(`/v1/citizens/challenges/${sent.challengeId}/resend`, { method: 'POST' })).status).toBe(202);
    const newCode = await central.lastCode('+966551110003');
    if (oldCode !== newCode) {
      expect((await kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code: oldCode } })).body).toMatchObject({ code: 'otp_wrong' });
    }
    expect((await kiosk.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code: newCode } })).status).toBe(201);
    await central.db.transaction((tx) => tx.run('DELETE FROM accounts WHERE id_number = ?', [noAccount.idNumber]));
  });

  it('at most 5 sends an hour per ID, across journeys; then the hour passes', async () => {
    central.clock.advance(3_600_000);
    for (let i = 0; i < 5; i += 1) expect((await kiosk.call('/v1/citizens/registrations', { body: form({ mobile: `055222000${i}` }) })).status).toBe(202);
    const sixth = await kiosk.call('/v1/citizens/registrations', { body: form({ mobile: '0552220009' }) });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ code: 'otp_send_limit' });
    central.clock.advance(3_600_000);
    expect((await kiosk.call('/v1/citizens/registrations', { body: form({ mobile: '0552220009' }) })).status).toBe(202);
  });

  it('a code sent says how long it lives and when a new one may be asked for, in seconds from the answer as well as in central time', async () => {
    central.clock.advance(3_600_000);
    const sent = await start('0551110005');
    expect(sent).toMatchObject({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const now = central.clock.now();
    expect(Math.abs(Date.parse(sent.expiresAt) - now - sent.expiresInSeconds * 1000)).toBeLessThan(2000);
    expect(Math.abs(Date.parse(sent.resendAfter) - now - sent.resendAfterSeconds * 1000)).toBeLessThan(2000);
    // A resend answers with a fresh code's full life, measured from the resend.
    central.clock.advance(61_000);
    const again = codeSentSchema.parse((await kiosk.call(`/v1/citizens/challenges/${sent.challengeId}/resend`, { method: 'POST' })).body);
    expect(again).toMatchObject({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    expect(Math.abs(Date.parse(again.expiresAt) - central.clock.now() - 300_000)).toBeLessThan(2000);
  });

  it('a challenge belongs to the kiosk that started it', async () => {
    central.clock.advance(3_600_000);
    const sent = await start('0551110004');
    const code = await central.lastCode('+966551110004');
    expect((await other.call(`/v1/citizens/registrations/${sent.challengeId}/confirm`, { body: { code } })).body).toMatchObject({ code: 'challenge_not_found' });
    expect((await kiosk.call(`/v1/citizens/activations/${sent.challengeId}/confirm`, { body: { code } })).body).toMatchObject({ code: 'challenge_not_found' });
  });
});
