import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { citizenSessionSchema, codeSentSchema } from '../../common/wire/citizen';
import { POPULATION, verifyByFingerprint } from '../testing/people';
import { TestBank } from '../testing/bank';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const [faisal, noAccount, registered, pendingBank, , resident, , , registeredResident] = POPULATION.people;
if (!faisal || !noAccount || !registered || !pendingBank || !resident || !registeredResident) throw new Error('featured lab people missing');

describe('activation, recovery and mobile change', () => {
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

  const accountOf = async (idNumber: string) => (await central.rows('SELECT * FROM accounts WHERE id_number = ?', [idNumber]))[0];

  it('activates a registered account at a kiosk: fingerprint, terms, SMS code to the registered mobile', async () => {
    const token = await verifyByFingerprint(kiosk, registered);
    expect((await kiosk.call('/v1/citizens/activations', { body: { verificationToken: token, termsAccepted: false } })).body).toMatchObject({ code: 'terms_not_accepted' });
    const started = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: token, termsAccepted: true } });
    expect(started.status).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    const done = await kiosk.call(`/v1/citizens/activations/${challengeId}/confirm`, { body: { code: await central.lastCode(registered.mobile) } });
    expect(done.body).toMatchObject({ accountState: 'active' });
    expect(await accountOf(registered.idNumber)).toMatchObject({ state: 'active' });
    const again = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: await verifyByFingerprint(kiosk, registered), termsAccepted: true } });
    expect(again.body).toMatchObject({ code: 'account_already_active' });
    const none = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: await verifyByFingerprint(kiosk, noAccount), termsAccepted: true } });
    expect(none.body).toMatchObject({ code: 'account_not_found' });
  });

  it('activates through a bank: pending_bank now, active later with an SMS carrying a temporary password that must be changed', async () => {
    const who = pendingBank.bankCard ? pendingBank : registeredResident;
    const card = who.bankCard;
    if (!card) throw new Error('no featured person with a bank card');
    // The demo profile trusts the simulated bank host's published demo key.
    const bank = TestBank.demo(card.bankCode);
    const attest = async (panLast4: string) => ({ attestation: await bank.sign({ idNumber: who.idNumber, panLast4, now: central.clock.now() }) });
    expect((await kiosk.call('/v1/citizens/activations/bank/preview', { body: await attest('9999') })).body).toMatchObject({ code: 'bank_attestation_invalid' });
    const attested = await attest(card.pan.slice(-4));
    const preview = await kiosk.call('/v1/citizens/activations/bank/preview', { body: attested });
    expect(preview.body).toMatchObject({ idNumberMasked: `******${who.idNumber.slice(-4)}`, maskedMobile: `05X XXX X${who.mobile.slice(-3)}` });
    const requested = await kiosk.call('/v1/citizens/activations/bank', { body: attested });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ accountState: 'pending_bank' });
    expect(await accountOf(who.idNumber)).toMatchObject({ state: 'pending_bank' });

    expect(await central.completeBankActivations()).toBe(1);
    expect(await accountOf(who.idNumber)).toMatchObject({ state: 'active', must_change_password: 1 });
    const [sms] = await central.rows('SELECT text FROM sms_outbox WHERE to_mobile = ? ORDER BY id DESC LIMIT 1', [who.mobile]);
    const temporary = /Temporary password: ([A-Za-z0-9]+)|المؤقتة: ([A-Za-z0-9]+)/.exec(String(sms?.text));
    const password = temporary?.[1] ?? temporary?.[2] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{10}$/);

    const started = codeSentSchema.parse((await kiosk.call('/v1/citizens/sign-in', { body: { login: who.idNumber, password } })).body);
    const session = citizenSessionSchema.parse((await kiosk.call(`/v1/citizens/sign-in/${started.challengeId}/confirm`, { body: { code: await central.lastCode(who.mobile) } })).body);
    expect(session.mustChangePassword).toBe(true);
    expect((await kiosk.call('/v1/citizens/me/visas', { bearer: session.sessionToken })).body).toMatchObject({ code: 'password_change_required' });
    const change = await kiosk.call('/v1/citizens/me/password', { bearer: session.sessionToken, body: { currentPassword: password, newPassword: 'Mine2031pass', newPasswordConfirmation: 'Mine2031pass' } });
    expect(change.status).toBe(202);
    const changed = await kiosk.call(`/v1/citizens/me/password/${codeSentSchema.parse(change.body).challengeId}/confirm`, { bearer: session.sessionToken, body: { code: await central.lastCode(who.mobile) } });
    expect(changed.status).toBe(200);
    expect((await kiosk.call('/v1/citizens/me/visas', { bearer: session.sessionToken })).status).toBe(200);
  });

  it('resets a password the web way: ID + mobile + security answer + SMS code; wrong answers count', async () => {
    const lookup = await kiosk.call('/v1/citizens/password-resets/security-question/lookup', { body: { idNumber: faisal.idNumber, mobile: faisal.mobile } });
    expect(lookup.body).toMatchObject({ question: { en: faisal.account?.securityQuestion.en } });
    expect((await kiosk.call('/v1/citizens/password-resets/security-question/lookup', { body: { idNumber: faisal.idNumber, mobile: '0500000001' } })).body).toMatchObject({
      code: 'identity_mismatch',
    });
    const form = { idNumber: faisal.idNumber, mobile: faisal.mobile, answer: 'not it', newPassword: 'Other2031pass', newPasswordConfirmation: 'Other2031pass' };
    // The wrong mobile above counted too (silently): four tries were left, three are now.
    expect((await kiosk.call('/v1/citizens/password-resets/security-question', { body: form })).body).toMatchObject({ code: 'security_answer_wrong', attemptsRemaining: 3 });
    expect((await kiosk.call('/v1/citizens/password-resets/security-question', { body: { ...form, answer: faisal.account?.securityAnswer, newPassword: 'short', newPasswordConfirmation: 'short' } })).body).toMatchObject({
      code: 'password_invalid',
    });
    const started = await kiosk.call('/v1/citizens/password-resets/security-question', { body: { ...form, answer: ` ${(faisal.account?.securityAnswer ?? '').toUpperCase()} ` } });
    expect(started.status).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    expect((await kiosk.call(`/v1/citizens/password-resets/${challengeId}/confirm`, { body: { code: await central.lastCode(faisal.mobile) } })).status).toBe(200);
    expect((await kiosk.call('/v1/citizens/sign-in', { body: { login: faisal.idNumber, password: 'Other2031pass' } })).status).toBe(202);
    expect(await accountOf(faisal.idNumber)).toMatchObject({ failed_attempts: 0 });
  });

  it('recovers a username: masked on screen, in full by SMS — by fingerprint, or by ID + mobile + code', async () => {
    const byFinger = await kiosk.call('/v1/citizens/username-recoveries/fingerprint', { body: { verificationToken: await verifyByFingerprint(kiosk, faisal) } });
    expect(byFinger.body).toEqual({ maskedUsername: 'Fa*******2', sentTo: `05X XXX X${faisal.mobile.slice(-3)}` });
    const [sms] = await central.rows('SELECT text FROM sms_outbox WHERE to_mobile = ? ORDER BY id DESC LIMIT 1', [faisal.mobile]);
    expect(String(sms?.text)).toContain('Faisal1042');

    expect((await kiosk.call('/v1/citizens/username-recoveries/sms', { body: { idNumber: faisal.idNumber, mobile: '0500000001' } })).body).toMatchObject({ code: 'identity_mismatch' });
    const started = codeSentSchema.parse((await kiosk.call('/v1/citizens/username-recoveries/sms', { body: { idNumber: faisal.idNumber, mobile: faisal.mobile } })).body);
    const done = await kiosk.call(`/v1/citizens/username-recoveries/${started.challengeId}/confirm`, { body: { code: await central.lastCode(faisal.mobile) } });
    expect(done.body).toMatchObject({ maskedUsername: 'Fa*******2' });
  });

  it('moves a lost mobile number: fingerprint, code to the new number, and the number leaves the account that had it', async () => {
    const taken = resident.mobile;
    const token = await verifyByFingerprint(kiosk, faisal);
    expect((await kiosk.call('/v1/citizens/mobile-changes', { body: { verificationToken: token, newMobile: '12345' } })).body).toMatchObject({ code: 'mobile_invalid' });
    expect((await kiosk.call('/v1/citizens/mobile-changes', { body: { verificationToken: token, newMobile: faisal.mobile } })).body).toMatchObject({ code: 'mobile_unchanged' });
    const started = await kiosk.call('/v1/citizens/mobile-changes', { body: { verificationToken: token, newMobile: `0${taken.slice(4)}` } });
    expect(started.status).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    const done = await kiosk.call(`/v1/citizens/mobile-changes/${challengeId}/confirm`, { body: { code: await central.lastCode(taken) } });
    expect(done.body).toEqual({ maskedMobile: `05X XXX X${taken.slice(-3)}` });
    expect(await accountOf(faisal.idNumber)).toMatchObject({ mobile: taken });
    expect(await accountOf(resident.idNumber)).toMatchObject({ mobile: null });
    expect((await kiosk.call('/v1/citizens/sign-in', { body: { login: resident.idNumber, password: DEMO_PASSWORD } })).body).toMatchObject({ code: 'mobile_invalid' });
  });

  it('an ID tried with wrong mobiles locks like wrong passwords, and no answer tells an account from none', async () => {
    const used = new Set([faisal, noAccount, registered, pendingBank, resident, registeredResident].map((p) => p.idNumber));
    const target = POPULATION.people.find((p) => p.account?.state === 'active' && p.mobile && !used.has(p.idNumber));
    const nobody = POPULATION.people.find((p) => !p.account && !used.has(p.idNumber));
    if (!target || !nobody) throw new Error('population lacks an unused active account or a person without one');
    const probe = (idNumber: string, mobile: string) => kiosk.call('/v1/citizens/password-resets/security-question/lookup', { body: { idNumber, mobile } });
    const usernameProbe = (idNumber: string, mobile: string) => kiosk.call('/v1/citizens/username-recoveries/sms', { body: { idNumber, mobile } });
    const wrongMobile = target.mobile === '0500000001' ? '0500000002' : '0500000001';

    const onAccount = await probe(target.idNumber, wrongMobile);
    const onNobody = await probe(nobody.idNumber, wrongMobile);
    expect(onAccount.status).toBe(422);
    expect({ status: onNobody.status, body: onNobody.body }, 'same answer with or without an account').toEqual({ status: onAccount.status, body: onAccount.body });
    expect(await accountOf(target.idNumber)).toMatchObject({ failed_attempts: 1 });
    // A username-recovery probe counts as well, and answers the same.
    const byUsername = await usernameProbe(target.idNumber, wrongMobile);
    expect(byUsername.body).toEqual(onAccount.body);
    expect(await accountOf(target.idNumber)).toMatchObject({ failed_attempts: 2 });
    for (let i = 0; i < 3; i += 1) expect((await probe(target.idNumber, wrongMobile)).body).toEqual(onAccount.body);
    // The fifth wrong try locked the account; the person with the right mobile is told so at the answer step.
    const locked = await accountOf(target.idNumber);
    expect(Number(locked?.locked_until)).toBeGreaterThan(Date.now());
    const form = { idNumber: target.idNumber, mobile: target.mobile, answer: 'whatever', newPassword: 'Other2031pass', newPasswordConfirmation: 'Other2031pass' };
    expect((await kiosk.call('/v1/citizens/password-resets/security-question', { body: form })).body).toMatchObject({ code: 'account_locked' });
    // More probes do not lengthen a running lock.
    await probe(target.idNumber, wrongMobile);
    expect((await accountOf(target.idNumber))?.locked_until).toBe(locked?.locked_until);
  });
});
