import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { codeSentSchema } from '../../common/wire/citizen';
import { POPULATION } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { endLapsedChallenges } from './challenges';

const active = POPULATION.people.filter((p) => p.account?.state === 'active' && p.account.password === DEMO_PASSWORD && p.mobile);
const [confirmer, superseder, voider, lapser, guesser] = active;
if (!confirmer || !superseder || !voider || !lapser || !guesser) throw new Error('lab people missing');
// Latifa Alharbi (central/README.md): a citizen with no account, her ID valid.
const unregistered = POPULATION.people.find((p) => p.idNumber === '1225028834' && !p.account);

const HOUR = 3_600_000;
const TTL = 300_000;

/**
 * Edits at central: what a pending change carries (a new password's hash,
 * an e-mail, a registration's hashes) leaves challenges.payload_json in the
 * transaction that ends the change; and a wrong current password counts
 * towards the account's lock like a failed sign-in (RULES.md lockouts).
 */
describe('pending changes at central', () => {
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

  const payloadOf = async (challengeId: string) => (await central.rows('SELECT payload_json FROM challenges WHERE challenge_id = ?', [challengeId]))[0]?.payload_json;
  const hashesLeft = async () => (await central.rows("SELECT challenge_id FROM challenges WHERE payload_json LIKE '%scrypt$%'")).map((r) => r.challenge_id);
  const changePassword = (bearer: string, currentPassword: string, newPassword = 'Next2031pass') =>
    kiosk.call('/v1/citizens/me/password', { bearer, body: { currentPassword, newPassword, newPasswordConfirmation: newPassword } });
  const wrongCode = (code: string) => (code === '0000' ? '1111' : '0000');

  it('a confirmed password change leaves no hash behind: the challenge’s payload is cleared as the password changes', async () => {
    const bearer = await signIn(central, kiosk, confirmer);
    const { challengeId } = codeSentSchema.parse((await changePassword(bearer, DEMO_PASSWORD)).body);
    expect(await payloadOf(challengeId)).toContain('scrypt$');
    const done = await kiosk.call(`/v1/citizens/me/password/${challengeId}/confirm`, { bearer, body: { code: await central.lastCode(confirmer.mobile) } });
    expect(done.status).toBe(200);
    expect(await payloadOf(challengeId)).toBe('null');
    expect(await hashesLeft()).toEqual([]);
  });

  it('a change superseded by a new one loses its payload at once, and cannot be resent', async () => {
    const bearer = await signIn(central, kiosk, superseder);
    const first = codeSentSchema.parse((await changePassword(bearer, DEMO_PASSWORD, 'First2031pass')).body);
    const second = codeSentSchema.parse((await changePassword(bearer, DEMO_PASSWORD, 'Second2031pass')).body);
    expect(await payloadOf(first.challengeId)).toBe('null');
    central.clock.advance(61_000);
    expect((await kiosk.call(`/v1/citizens/challenges/${first.challengeId}/resend`, { method: 'POST' })).body).toMatchObject({ code: 'challenge_not_found' });
    expect(await hashesLeft()).toEqual([second.challengeId]);
    central.clock.advance(HOUR);
  });

  it('a code voided by wrong entries keeps the change for a resend within the code’s life again; then it ends and the hash goes', async () => {
    const bearer = await signIn(central, kiosk, voider);
    const { challengeId } = codeSentSchema.parse((await changePassword(bearer, DEMO_PASSWORD, 'Voided2031pass')).body);
    const code = await central.lastCode(voider.mobile);
    const confirm = (entered: string) => kiosk.call(`/v1/citizens/me/password/${challengeId}/confirm`, { bearer, body: { code: entered } });
    for (let i = 0; i < 3; i++) await confirm(wrongCode(code));
    expect((await confirm(code)).body).toMatchObject({ code: 'otp_voided' });
    // "Ask for a new one" (the kiosk's resend) still works a minute later: the change is still there.
    central.clock.advance(61_000);
    expect((await kiosk.call(`/v1/citizens/challenges/${challengeId}/resend`, { method: 'POST' })).status).toBe(202);
    for (let i = 0; i < 3; i++) await confirm(wrongCode(await central.lastCode(voider.mobile)));
    central.clock.advance(TTL);
    // Any challenge transaction ends what has lapsed (the periodic sweep does the same with nobody around).
    expect(await central.db.transaction((tx) => endLapsedChallenges(tx, central.context))).toBeGreaterThanOrEqual(1);
    expect(await payloadOf(challengeId)).toBe('null');
    expect((await kiosk.call(`/v1/citizens/challenges/${challengeId}/resend`, { method: 'POST' })).body).toMatchObject({ code: 'challenge_not_found' });
  });

  it('an expired change nobody comes back to loses its hash once a resend is no longer allowed', async () => {
    const bearer = await signIn(central, kiosk, lapser);
    const { challengeId } = codeSentSchema.parse((await changePassword(bearer, DEMO_PASSWORD, 'Lapsed2031pass')).body);
    central.clock.advance(TTL + 1000);
    // Expired, but "ask for a new one" is still possible: kept.
    await central.db.transaction((tx) => endLapsedChallenges(tx, central.context));
    expect(await payloadOf(challengeId)).toContain('scrypt$');
    central.clock.advance(TTL);
    // The next challenge work (here the late resend itself) ends it in its own transaction, and refuses it.
    expect((await kiosk.call(`/v1/citizens/challenges/${challengeId}/resend`, { method: 'POST' })).body).toMatchObject({ code: 'challenge_not_found' });
    expect(await payloadOf(challengeId)).toBe('null');
    expect(await hashesLeft()).toEqual([]);
  });

  it('a registration’s password and security-answer hashes and e-mail leave the challenge when it is confirmed', async () => {
    if (!unregistered) throw new Error('no unregistered citizen in the lab population');
    const body = {
      idNumber: unregistered.idNumber,
      mobile: unregistered.mobile,
      username: 'Fresh2030user',
      password: 'Kiosk2031Safe',
      passwordConfirmation: 'Kiosk2031Safe',
      email: 'fresh@example.sa',
      emailConfirmation: 'fresh@example.sa',
      language: 'en',
      securityQuestion: 'city',
      securityAnswer: 'Taif',
      termsAccepted: true,
    };
    const started = await kiosk.call('/v1/citizens/registrations', { body });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { challengeId } = codeSentSchema.parse(started.body);
    expect(await payloadOf(challengeId)).toContain('fresh@example.sa');
    const done = await kiosk.call(`/v1/citizens/registrations/${challengeId}/confirm`, { body: { code: await central.lastCode(unregistered.mobile) } });
    expect(done.status).toBe(201);
    expect(await payloadOf(challengeId)).toBe('null');
  });

  it('a wrong current password counts towards the account lock like a failed sign-in: the fifth locks it, and sign-in is refused', async () => {
    const bearer = await signIn(central, kiosk, guesser);
    const remaining: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await changePassword(bearer, `Guess${i}2030pass`);
      expect(answer.status).toBe(422);
      remaining.push((answer.body as { attemptsRemaining?: number }).attemptsRemaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = await changePassword(bearer, 'Guess52030pass');
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({ code: 'account_locked', lockedForSeconds: 30 * 60 });
    // Locked: even the right current password is refused unchecked, and sign-in answers the lock.
    expect((await changePassword(bearer, DEMO_PASSWORD)).body).toMatchObject({ code: 'account_locked' });
    expect((await kiosk.call('/v1/citizens/sign-in', { body: { login: guesser.idNumber, password: DEMO_PASSWORD } })).body).toMatchObject({ code: 'account_locked' });
  });

  it('a right current password starts the count again, as a sign-in does', async () => {
    central.clock.advance(HOUR);
    const bearer = await signIn(central, kiosk, guesser);
    await changePassword(bearer, 'Guess62030pass');
    expect((await changePassword(bearer, 'Guess72030pass')).body).toMatchObject({ attemptsRemaining: 3 });
    expect((await changePassword(bearer, DEMO_PASSWORD)).status).toBe(202);
    expect((await changePassword(bearer, 'Guess82030pass')).body).toMatchObject({ code: 'password_current_wrong', attemptsRemaining: 4 });
  });
});
