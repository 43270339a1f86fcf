import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenSessionSchema, codeSentSchema } from '../../common/wire/citizen';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { POPULATION, verifyByFingerprint } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const [faisal, , registered, pendingBank, locked, resident] = POPULATION.people;
if (!faisal || !registered || !pendingBank || !locked || !resident) throw new Error('featured lab people missing');

describe('sign-in (RULES.md "Sign in", "Codes, attempts, lockouts")', () => {
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

  const signIn = (login: string, password: string) => kiosk.call('/v1/citizens/sign-in', { body: { login, password } });

  it('username or ID number + password → SMS code → session (with the ID masked)', async () => {
    for (const login of [faisal.account?.username ?? '', faisal.idNumber]) {
      const started = await signIn(login, DEMO_PASSWORD);
      expect(started.status).toBe(202);
      const { challengeId } = codeSentSchema.parse(started.body);
      const confirmed = await kiosk.call(`/v1/citizens/sign-in/${challengeId}/confirm`, { body: { code: await central.lastCode(faisal.mobile) } });
      expect(confirmed.status).toBe(200);
      const session = citizenSessionSchema.parse(confirmed.body);
      expect(session.mustChangePassword).toBe(false);
      // Whatever the login, the ID masked as the portal shows it, for the session's receipts.
      expect(session.idNumberMasked).toBe(`******${faisal.idNumber.slice(-4)}`);
      expect((await kiosk.call('/v1/citizens/me', { bearer: session.sessionToken })).body).toMatchObject({ username: 'Faisal1042', accountState: 'active' });
      expect((await kiosk.call('/v1/citizens/me/sign-out', { method: 'POST', bearer: session.sessionToken })).status).toBe(200);
      expect((await kiosk.call('/v1/citizens/me', { bearer: session.sessionToken })).body).toMatchObject({ code: 'session_invalid' });
    }
  });

  it('usernames are case-sensitive; unknown logins get the same answer as wrong passwords', async () => {
    expect((await signIn('faisal1042', DEMO_PASSWORD)).body).toMatchObject({ code: 'credentials_invalid' });
    expect((await signIn('Nobody2030', DEMO_PASSWORD)).body).toMatchObject({ code: 'credentials_invalid' });
  });

  it('an account not yet active cannot sign in', async () => {
    expect((await signIn(registered.idNumber, DEMO_PASSWORD)).body).toMatchObject({ code: 'account_not_active' });
    expect((await signIn(pendingBank.idNumber, DEMO_PASSWORD)).body).toMatchObject({ code: 'account_not_active' });
  });

  it('the seeded locked account is locked; a password reset by fingerprint unlocks it', async () => {
    expect((await signIn(locked.idNumber, DEMO_PASSWORD)).body).toMatchObject({ code: 'account_locked' });
    const token = await verifyByFingerprint(kiosk, locked);
    const started = await kiosk.call('/v1/citizens/password-resets/fingerprint', { body: { verificationToken: token, newPassword: 'Fresh2031pass', newPasswordConfirmation: 'Fresh2031pass' } });
    expect(started.status).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    const done = await kiosk.call(`/v1/citizens/password-resets/${challengeId}/confirm`, { body: { code: await central.lastCode(locked.mobile) } });
    expect(done.body).toEqual({ message: { ar: 'تم تحديث كلمة المرور بنجاح', en: 'Password updated successfully' } });
    expect((await signIn(locked.idNumber, DEMO_PASSWORD)).body).toMatchObject({ code: 'credentials_invalid' });
    expect((await signIn(locked.idNumber, 'Fresh2031pass')).status).toBe(202);
  });
  it('five failed passwords lock the account for 30 minutes, with the remaining time in the problem', async () => {
    const login = resident.account?.username ?? '';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const answer = await signIn(login, 'Wrong2030pass');
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'credentials_invalid', attemptsRemaining: 5 - attempt });
    }
    const fifth = await signIn(login, 'Wrong2030pass');
    expect(fifth.status).toBe(423);
    const problem = fifth.body as { code: string; lockedUntil: string; lockedForSeconds: number; retryAfterSeconds: number };
    expect(problem.code).toBe('account_locked');
    expect(problem.retryAfterSeconds).toBeGreaterThan(29 * 60);
    expect(problem.retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
    expect(Date.parse(problem.lockedUntil) - central.clock.now()).toBeGreaterThan(29 * 60_000);
    // The time left as a duration too, consistent with lockedUntil on central's clock.
    expect(problem.lockedForSeconds).toBe(30 * 60);
    expect(Math.abs(Date.parse(problem.lockedUntil) - central.clock.now() - problem.lockedForSeconds * 1000)).toBeLessThan(2000);
    expect((await signIn(login, DEMO_PASSWORD)).body).toMatchObject({ code: 'account_locked' });
    central.clock.advance(20 * 60_000);
    const later = (await signIn(login, DEMO_PASSWORD)).body as { lockedUntil: string; lockedForSeconds: number; retryAfterSeconds: number };
    expect(later.retryAfterSeconds).toBeLessThanOrEqual(10 * 60);
    expect(later.lockedForSeconds).toBeGreaterThan(9 * 60);
    expect(later.lockedForSeconds).toBeLessThanOrEqual(10 * 60);
    expect(later.lockedUntil).toBe(problem.lockedUntil);
    central.clock.advance(10 * 60_000 + 1000);
    expect((await signIn(login, DEMO_PASSWORD)).status).toBe(202);
  });

});
