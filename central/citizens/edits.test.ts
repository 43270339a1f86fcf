import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { codeSentSchema, profileSchema } from '../../common/wire/citizen';
import { POPULATION } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const active = POPULATION.people.filter((p) => p.account?.state === 'active' && p.account.password === DEMO_PASSWORD && p.mobile);
const [forEmail, forPassword, forMobile, forAddress] = active;
if (!forEmail || !forPassword || !forMobile || !forAddress) throw new Error('lab people missing');

/** Edit user information, signed in (RULES.md): codes to the registered mobile, the rules, the OTP lockout, retries. */
describe('edit user information at central', () => {
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

  const smsCount = async (mobile: string) => Number((await central.rows('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [mobile]))[0]?.n);
  const profile = async (bearer: string) => profileSchema.parse((await kiosk.call('/v1/citizens/me', { bearer })).body);

  it('e-mail: typed twice, then a code to the registered mobile; nothing changes before the code; a retry sends no second code', async () => {
    const bearer = await signIn(central, kiosk, forEmail);
    const change = (email: string, emailConfirmation = email, idempotencyKey?: string) =>
      kiosk.call('/v1/citizens/me/email', { bearer, body: { email, emailConfirmation }, ...(idempotencyKey ? { idempotencyKey } : {}) });
    expect((await change('f@example.sa', 'g@example.sa')).body).toMatchObject({ code: 'email_mismatch' });
    expect((await change('f@x')).body).toMatchObject({ code: 'email_invalid' });
    const before = await smsCount(forEmail.mobile);
    const first = await change('new.mail@example.sa', 'NEW.mail@example.sa', 'tx-email-change-1');
    const again = await change('new.mail@example.sa', 'NEW.mail@example.sa', 'tx-email-change-1');
    expect(first.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await smsCount(forEmail.mobile)).toBe(before + 1);
    expect((await profile(bearer)).email).not.toBe('new.mail@example.sa');
    const { challengeId } = codeSentSchema.parse(first.body);
    const confirmed = await kiosk.call(`/v1/citizens/me/email/${challengeId}/confirm`, { bearer, body: { code: await central.lastCode(forEmail.mobile) } });
    expect(confirmed.status).toBe(200);
    expect((await profile(bearer)).email).toBe('new.mail@example.sa');
  });

  it('password: the wrong current one, the rules, the same as now, then the code; the old password no longer signs in', async () => {
    const bearer = await signIn(central, kiosk, forPassword);
    const change = (currentPassword: string, newPassword: string, newPasswordConfirmation = newPassword) =>
      kiosk.call('/v1/citizens/me/password', { bearer, body: { currentPassword, newPassword, newPasswordConfirmation } });
    expect((await change('Wrong2030pass', 'Next2031pass')).body).toMatchObject({ code: 'password_current_wrong' });
    expect((await change(DEMO_PASSWORD, 'short')).body).toMatchObject({ code: 'password_invalid', violations: expect.arrayContaining(['tooShort']) });
    expect((await change(DEMO_PASSWORD, 'Next2031pass', 'Next2031pasS')).body).toMatchObject({ code: 'password_mismatch' });
    expect((await change(DEMO_PASSWORD, DEMO_PASSWORD)).body).toMatchObject({ code: 'password_unchanged' });
    const started = await change(DEMO_PASSWORD, 'Next2031pass');
    expect(started.status).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    const code = await central.lastCode(forPassword.mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    const confirm = (entered: string) => kiosk.call(`/v1/citizens/me/password/${challengeId}/confirm`, { bearer, body: { code: entered } });
    expect((await confirm(wrong)).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 2 });
    expect((await confirm(code)).body).toMatchObject({ message: { en: 'Password updated successfully' } });
    expect((await kiosk.call('/v1/citizens/sign-in', { body: { login: forPassword.idNumber, password: DEMO_PASSWORD } })).body).toMatchObject({ code: 'credentials_invalid' });
    expect((await kiosk.call('/v1/citizens/sign-in', { body: { login: forPassword.idNumber, password: 'Next2031pass' } })).status).toBe(202);
  });

  it('a code entered wrong three times is void (the OTP lockout); another session cannot confirm this one’s change', async () => {
    const bearer = await signIn(central, kiosk, forEmail);
    const other = await signIn(central, kiosk, forAddress);
    const started = codeSentSchema.parse((await kiosk.call('/v1/citizens/me/email', { bearer, body: { email: 'x@example.sa', emailConfirmation: 'x@example.sa' } })).body);
    const code = await central.lastCode(forEmail.mobile);
    const path = `/v1/citizens/me/email/${started.challengeId}/confirm`;
    expect((await kiosk.call(path, { bearer: other, body: { code } })).body).toMatchObject({ code: 'challenge_not_found' });
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await kiosk.call(path, { bearer, body: { code: wrong } })).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 2 });
    expect((await kiosk.call(path, { bearer, body: { code: wrong } })).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 1 });
    expect((await kiosk.call(path, { bearer, body: { code: wrong } })).body).toMatchObject({ code: 'otp_voided', attemptsRemaining: 0 });
    expect((await kiosk.call(path, { bearer, body: { code } })).body).toMatchObject({ code: 'otp_voided' });
    expect((await profile(bearer)).email).not.toBe('x@example.sa');
  });

  it('mobile: a code to the registered number, then one to the new number; the number moves only after both', async () => {
    const bearer = await signIn(central, kiosk, forMobile);
    expect((await kiosk.call('/v1/citizens/me/mobile', { bearer, body: { newMobile: forMobile.mobile } })).body).toMatchObject({ code: 'mobile_unchanged' });
    expect((await kiosk.call('/v1/citizens/me/mobile', { bearer, body: { newMobile: '12345' } })).body).toMatchObject({ code: 'mobile_invalid' });
    const newMobile = '+966551239876';
    const first = codeSentSchema.parse((await kiosk.call('/v1/citizens/me/mobile', { bearer, body: { newMobile: '0551239876' } })).body);
    expect(first.codeSentTo.slice(-3)).toBe(forMobile.mobile.slice(-3));
    // The new number's code does not confirm the registered one's step.
    const second = await kiosk.call(`/v1/citizens/me/mobile/${first.challengeId}/confirm-current`, { bearer, body: { code: await central.lastCode(forMobile.mobile) } });
    expect(second.status).toBe(202);
    const toNew = codeSentSchema.parse(second.body);
    expect(toNew.codeSentTo).toBe('05X XXX X876');
    expect((await profile(bearer)).maskedMobile).not.toBe('05X XXX X876');
    const done = await kiosk.call(`/v1/citizens/me/mobile/${toNew.challengeId}/confirm`, { bearer, body: { code: await central.lastCode(newMobile) } });
    expect(done.body).toEqual({ maskedMobile: '05X XXX X876' });
    expect((await profile(bearer)).maskedMobile).toBe('05X XXX X876');
  });

  it('address: each part that breaks the published format is named; a good one is stored with its unit', async () => {
    const bearer = await signIn(central, kiosk, forAddress);
    const good = { buildingNumber: '1234', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '12345', additionalNumber: '6789', unit: '12' };
    const refused = await kiosk.call('/v1/citizens/me/address', { bearer, body: { ...good, buildingNumber: '123', postalCode: '1234a', city: '' } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'address_invalid', violations: ['buildingNumber.wrongLength', 'city.empty', 'postalCode.notDigits'] });
    const { additionalNumber: _left, ...withoutAdditional } = good;
    expect((await kiosk.call('/v1/citizens/me/address', { bearer, body: withoutAdditional })).body).toMatchObject({ violations: ['additionalNumber.empty'] });
    const saved = await kiosk.call('/v1/citizens/me/address', { bearer, body: { ...good, buildingNumber: '١٢٣٤' } });
    expect(saved.status).toBe(200);
    expect((await profile(bearer)).address).toEqual(good);
  });
});
