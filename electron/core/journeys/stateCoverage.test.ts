import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journeyServices, signedInJourneys } from '../../contract/journeys';
import type { JourneyService } from '../../contract/journeys';
import { emptySecrets } from './context';
import { journeyStates } from './stateList';
import { FakeWorld, SECRETS, down, problem } from './testing/fakeWorld';

/**
 * Every state of every journey machine is reachable: paths are driven
 * through the fake world until each state listed from the machine's own
 * definition has been entered (transient ones included), and the report
 * (visited/total per journey) is written for the e2e suite.
 */

const visited = new Set<string>();
const TYPED_MOBILE = '0551234567';
const secretsInViews = [SECRETS.idNumber, SECRETS.password, SECRETS.code, SECRETS.token, SECRETS.template, SECRETS.sessionToken, SECRETS.answer, '551234567'];

/** After every scenario: nothing secret was ever in a view, and ending the session empties the machine. */
async function finish(w: FakeWorld): Promise<void> {
  for (const view of w.views) {
    const text = JSON.stringify(view);
    for (const secret of secretsInViews) expect(text, `${view.step} shows a secret`).not.toContain(secret);
  }
  const actor = w.runner.currentActor();
  w.endSession();
  expect(w.runner.view()).toBeNull();
  if (actor) {
    const { context } = actor.getSnapshot();
    expect(context.secret).toEqual(emptySecrets());
    expect(context.shown).toEqual({});
    expect(context.sessionId).toBe('');
    const text = JSON.stringify(context);
    for (const secret of secretsInViews) expect(text).not.toContain(secret);
  }
  for (const step of w.visited) visited.add(step);
}

/** SMS code step: bad format, wrong, lost answer, voided, resend lost and too soon, expired on the kiosk clock, then right. */
async function codeGauntlet(w: FakeWorld, service: JourneyService): Promise<void> {
  expect(w.step).toBe(`${service}.code.entry`);
  expect(w.view().data.code).toMatchObject({ sentTo: '05X XXX X123', length: 4 });
  expect((await w.send({ type: 'SUBMIT_CODE', code: '12' })).data.fieldErrors).toEqual({ code: ['format'] });
  w.answer('confirm', problem('otp_wrong', { attemptsRemaining: 2 }), down, problem('otp_voided', { attemptsRemaining: 0 }));
  let view = await w.send({ type: 'SUBMIT_CODE', code: '1111' });
  expect(view).toMatchObject({ step: `${service}.code.entry`, error: { code: 'otp_wrong', retryable: true }, data: { attemptsRemaining: 2 } });
  view = await w.send({ type: 'SUBMIT_CODE', code: '2222' });
  expect(view).toMatchObject({ step: `${service}.code.checking.unavailable`, error: { code: 'central_unavailable', retryable: true } });
  const lost = w.calls.at(-1);
  view = await w.send({ type: 'RETRY' });
  expect(w.calls.at(-1)?.key).toBe(lost?.key);
  expect(view).toMatchObject({ step: `${service}.code.needNewCode`, error: { code: 'otp_voided' } });
  expect(view.accepts).toEqual(['RESEND_CODE']);
  w.answer('resend', down, problem('otp_resend_too_soon', { retryAfterSeconds: 30 }, 429));
  expect((await w.send({ type: 'RESEND_CODE' })).step).toBe(`${service}.code.resending.unavailable`);
  view = await w.send({ type: 'RETRY' });
  expect(view).toMatchObject({ step: `${service}.code.needNewCode`, error: { code: 'otp_resend_too_soon' }, data: { retryAfterSeconds: 30, retryAt: w.clock.now() + 30_000 } });
  expect((await w.send({ type: 'RESEND_CODE' })).step).toBe(`${service}.code.entry`);
  await w.advance(300_000);
  expect(w.view()).toMatchObject({ step: `${service}.code.needNewCode`, error: { code: 'otp_expired' } });
  await w.send({ type: 'RESEND_CODE' });
  await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
}

/** The fingerprint step's failures: no match, reader lost, the machine's own backstop over a hung capture. */
async function fingerprintTrouble(w: FakeWorld, service: JourneyService): Promise<void> {
  expect(w.step).toBe(`${service}.fingerprint.failed`);
  expect(w.view()).toMatchObject({ error: { code: 'fingerprint_no_match', retryable: true }, data: { attemptsRemaining: 2 } });
  w.capture('hang');
  expect((await w.send({ type: 'RETRY' })).step).toBe(`${service}.fingerprint.capturing`);
  await w.advance(25_000);
  expect(w.view()).toMatchObject({ step: `${service}.fingerprint.failed`, error: { code: 'capture_timeout' } });
  w.capture('disconnected');
  expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: `${service}.fingerprint.readerError`, error: { code: 'reader_unavailable', retryable: true } });
}

async function referral(service: JourneyService): Promise<void> {
  const w = new FakeWorld().answer('verifications/fingerprint', problem('fingerprint_attempts_exhausted', { attemptsRemaining: 0 }, 403));
  w.start(service);
  const view = await w.send({ type: 'USE_CARD' });
  expect(view).toMatchObject({ step: `${service}.referToStaff.finished`, error: { code: 'fingerprint_attempts_exhausted' }, data: { card: 'taken' } });
  await w.settle();
  expect(w.endRequests).toEqual(['referToStaff']);
  await finish(w);
}

describe('activate', () => {
  it('card, a lost verification answer, terms, a lost activation answer, the code gauntlet, activated, card taken', async () => {
    const w = new FakeWorld().answer('verifications/fingerprint', down);
    expect(w.start('activate').step).toBe('activate.id');
    expect((await w.send({ type: 'SUBMIT_ID', idNumber: '1000000000' })).data.fieldErrors).toEqual({ idNumber: ['checkDigit'] });
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('activate.fingerprint.verifying.unavailable');
    let view = await w.send({ type: 'RETRY' });
    expect(view).toMatchObject({ step: 'activate.terms', data: { firstName: { en: 'Faisal' }, idNumberMasked: '******0008', idSource: 'card', card: 'inSlot' } });
    expect(() => w.runner.send({ type: 'CONFIRM_ACTIVATION' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    expect((await w.send({ type: 'ACCEPT_TERMS' })).step).toBe('activate.mobile');
    expect((await w.send({ type: 'BACK' })).step).toBe('activate.terms');
    await w.send({ type: 'ACCEPT_TERMS' });
    w.answer('activations', down);
    view = await w.send({ type: 'CONFIRM_ACTIVATION' });
    expect(view).toMatchObject({ step: 'activate.starting.unavailable', error: { code: 'central_unavailable', retryable: true }, canGoBack: false });
    expect((await w.send({ type: 'RETRY' })).step).toBe('activate.code.entry');
    const starts = w.calls.filter((c) => c.route === 'activations');
    expect(starts).toHaveLength(2);
    expect(starts[0]?.key).toBe(starts[1]?.key);
    await codeGauntlet(w, 'activate');
    expect(w.view()).toMatchObject({ step: 'activate.activated.finished', finished: true, data: { accountState: 'active', card: 'taken' } });
    await finish(w);
  });

  it('activated: the username by SMS (a lost answer, a refusal, then sent, once), then sign in now with the ID just activated', async () => {
    const w = new FakeWorld();
    w.start('activate');
    await w.send({ type: 'SUBMIT_ID', idNumber: SECRETS.idNumber });
    await w.send({ type: 'ACCEPT_TERMS' });
    await w.send({ type: 'CONFIRM_ACTIVATION' });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    let view = w.view();
    expect(view).toMatchObject({ step: 'activate.activated.finished', data: { maskedUsername: 'Fa*******2' } });
    expect(view.accepts).toEqual(['SIGN_IN_NOW', 'SEND_USERNAME']);
    const challenge = w.calls.find((c) => c.route === 'confirm')?.path.split('/')[4];

    w.answer('username-sms', down, problem('challenge_not_found', {}, 404));
    view = await w.send({ type: 'SEND_USERNAME' });
    expect(view).toMatchObject({ step: 'activate.activated.finished', finished: true, error: { code: 'central_unavailable', retryable: true } });
    expect(view.data.usernameSentTo).toBeUndefined();
    view = await w.send({ type: 'SEND_USERNAME' });
    expect(view).toMatchObject({ step: 'activate.activated.finished', error: { code: 'challenge_not_found' } });
    view = await w.send({ type: 'SEND_USERNAME' });
    expect(view).toMatchObject({ step: 'activate.activated.finished', error: null, data: { usernameSentTo: '05X XXX X123', maskedUsername: 'Fa*******2' } });
    // Bound by the core to the activation it confirmed: the challenge that activated the account, no body from the screen.
    const sends = w.calls.filter((c) => c.route === 'username-sms');
    expect(sends.map((c) => c.path)).toEqual(Array(3).fill(`/v1/citizens/activations/${challenge}/username-sms`));
    expect(sends.every((c) => c.body === undefined)).toBe(true);
    expect(new Set(sends.map((c) => c.key)).size).toBe(3);
    // Sent once: the step takes it no more.
    expect(view.accepts).toEqual(['SIGN_IN_NOW']);

    view = await w.send({ type: 'SIGN_IN_NOW' });
    expect(view).toMatchObject({ service: 'signIn', step: 'signIn.credentials', data: { idNumberMasked: '******0008' } });
    // A wrong password: the ID stays handed over, only the password is typed again.
    w.answer('sign-in', problem('credentials_invalid', { attemptsRemaining: 4 }, 401));
    view = await w.send({ type: 'SUBMIT_CREDENTIALS', password: 'Wrong2030pass' });
    expect(view).toMatchObject({ step: 'signIn.credentials', error: { code: 'credentials_invalid' }, data: { idNumberMasked: '******0008', attemptsRemaining: 4 } });
    expect((await w.send({ type: 'SUBMIT_CREDENTIALS', password: SECRETS.password })).step).toBe('signIn.code.entry');
    expect(w.calls.at(-1)).toMatchObject({ route: 'sign-in', body: { login: SECRETS.idNumber, password: SECRETS.password } });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    expect(w.step).toBe('signIn.signedIn');
    await finish(w);
  });

  it('a sign-in with no login and no ID handed over is a field error, not a call', async () => {
    const w = new FakeWorld();
    w.start('signIn');
    const view = await w.send({ type: 'SUBMIT_CREDENTIALS', password: SECRETS.password });
    expect(view).toMatchObject({ step: 'signIn.credentials', data: { fieldErrors: { login: expect.arrayContaining([expect.any(String)]) } } });
    expect(w.calls).toHaveLength(0);
    await finish(w);
  });

  it('no match, a hung capture, the reader lost, then the ATM route; the card is not taken and is retained', async () => {
    const w = new FakeWorld().answer('verifications/fingerprint', problem('fingerprint_no_match', { attemptsRemaining: 2 }));
    w.cardOutcome = 'retained';
    w.start('activate');
    await w.send({ type: 'USE_CARD' });
    await fingerprintTrouble(w, 'activate');
    expect(await w.send({ type: 'USE_ALTERNATIVE' })).toMatchObject({ step: 'activate.alternative.finished', data: { alternative: 'atm', card: 'retained' } });
    await finish(w);
  });

  it('an active account, one without an account and one without a mobile end on their own results', async () => {
    for (const [setup, step, code] of [
      [(w: FakeWorld) => (w.accountState = 'active'), 'activate.alreadyActive.finished', 'account_already_active'],
      [(w: FakeWorld) => (w.accountState = 'none'), 'activate.noAccount.finished', 'account_not_found'],
      [(w: FakeWorld) => (w.maskedMobile = null), 'activate.noMobile.finished', 'mobile_invalid'],
    ] as const) {
      const w = new FakeWorld();
      setup(w);
      w.cardOutcome = 'jammed';
      w.start('activate');
      expect(await w.send({ type: 'USE_CARD' })).toMatchObject({ step, error: { code, retryable: false }, data: { card: 'failed' } });
      await finish(w);
    }
  });

  it('a verification that expired before the activation started sends the person back to the finger', async () => {
    const w = new FakeWorld().answer('activations', problem('verification_token_invalid', {}, 401));
    w.start('activate');
    await w.send({ type: 'SUBMIT_ID', idNumber: SECRETS.idNumber });
    await w.send({ type: 'ACCEPT_TERMS' });
    w.capture('hang');
    expect(await w.send({ type: 'CONFIRM_ACTIVATION' })).toMatchObject({ step: 'activate.fingerprint.capturing', error: { code: 'verification_expired' } });
    expect((await w.send({ type: 'BACK' })).step).toBe('activate.id');
    await finish(w);
  });

  it('a card that is not an ID card, and a slot nobody puts a card in, leave the person at the ID step', async () => {
    const w = new FakeWorld();
    w.card = { kind: 'bank', maskedPan: '************0679', panLast4: '0679', expiry: '2030-01', expired: false };
    w.start('activate');
    expect(await w.send({ type: 'USE_CARD' })).toMatchObject({ step: 'activate.id', error: { code: 'card_not_identity', retryable: true } });
    w.card = 'timeout';
    expect(await w.send({ type: 'USE_CARD' })).toMatchObject({ step: 'activate.id', error: { code: 'card_timeout' } });
    await finish(w);
  });

  it('three failed matches: referred to staff, card returned, session ended', () => referral('activate'));
});

describe('register', () => {
  it('every field checked on the kiosk, central sends the person back to the field it refuses, code gauntlet, registered, card taken', async () => {
    const w = new FakeWorld();
    w.start('register');
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('register.mobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '12345' })).data.fieldErrors).toEqual({ mobile: ['notSaudiMobile'] });
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    expect((await w.send({ type: 'SUBMIT_USERNAME', username: 'faisal' })).data.fieldErrors?.username).toEqual(['tooShort', 'firstNotUppercase', 'noDigit']);
    await w.send({ type: 'SUBMIT_USERNAME', username: 'Faisal2030' });
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: 'Faisal2030x', confirmation: 'nope' })).data.fieldErrors).toEqual({ password: ['containsUsername'], confirmation: ['mismatch'] });
    await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
    expect((await w.send({ type: 'SUBMIT_EMAIL', email: 'f@example.com', confirmation: 'g@example.com' })).data.fieldErrors).toEqual({ email: ['mismatch'] });
    await w.send({ type: 'SUBMIT_EMAIL', email: 'f@example.com', confirmation: 'f@example.com' });
    expect((await w.send({ type: 'CHOOSE_LANGUAGE', language: 'en' })).step).toBe('register.terms');
    expect((await w.send({ type: 'BACK' })).step).toBe('register.language');
    await w.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    w.answer('registrations', down, problem('username_taken', {}, 409));
    expect((await w.send({ type: 'ACCEPT_TERMS' })).step).toBe('register.submitting.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'register.username', error: { code: 'username_taken' }, data: { fieldErrors: { username: ['username_taken'] } } });
    for (const back of ['register.mobile', 'register.id']) expect((await w.send({ type: 'BACK' })).step).toBe(back);
    await w.send({ type: 'SUBMIT_ID', idNumber: SECRETS.idNumber });
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    await w.send({ type: 'SUBMIT_USERNAME', username: 'Faisal2031' });
    await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
    expect((await w.send({ type: 'BACK' })).step).toBe('register.password');
    await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
    await w.send({ type: 'SUBMIT_EMAIL', email: 'f@example.com', confirmation: 'f@example.com' });
    await w.send({ type: 'CHOOSE_LANGUAGE', language: 'ar' });
    await w.send({ type: 'ACCEPT_TERMS' });
    const body = w.calls.filter((c) => c.route === 'registrations').at(-1)?.body;
    expect(body).toMatchObject({ idNumber: SECRETS.idNumber, mobile: '+966551234567', username: 'Faisal2031', language: 'ar', termsAccepted: true });
    await codeGauntlet(w, 'register');
    expect(w.view()).toMatchObject({ step: 'register.registered', data: { accountState: 'registered', maskedUsername: 'Fa*******2' } });
    // The card was typed over, so nothing to hand back.
    expect(await w.send({ type: 'FINISH' })).toMatchObject({ step: 'register.done.finished', finished: true });
    await finish(w);
  });

  it('registered from the card, then activation at once: the activate journey starts at the finger with the ID known', async () => {
    const w = new FakeWorld();
    w.start('register');
    await w.send({ type: 'USE_CARD' });
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    await w.send({ type: 'SUBMIT_USERNAME', username: 'Faisal2030' });
    await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
    await w.send({ type: 'SUBMIT_EMAIL', email: 'f@example.com', confirmation: 'f@example.com' });
    await w.send({ type: 'CHOOSE_LANGUAGE', language: 'ar' });
    await w.send({ type: 'ACCEPT_TERMS' });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    w.capture('hang');
    const view = await w.send({ type: 'ACTIVATE_NOW' });
    expect(view).toMatchObject({ service: 'activate', step: 'activate.fingerprint.capturing', data: { idNumberMasked: '******0008', idSource: 'card' } });
    await finish(w);
  });
});

describe('sign in', () => {
  it('login checked, a lost answer (back, then retry), code gauntlet, signed in with services, signed out', async () => {
    const w = new FakeWorld();
    w.start('signIn');
    expect((await w.send({ type: 'SUBMIT_CREDENTIALS', login: '1000000000', password: 'x' })).data.fieldErrors).toEqual({ login: ['checkDigit'] });
    w.answer('sign-in', down, down, problem('credentials_invalid', { attemptsRemaining: 4 }, 401));
    expect((await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password })).step).toBe('signIn.signingIn.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('signIn.credentials');
    await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'signIn.credentials', error: { code: 'credentials_invalid' }, data: { attemptsRemaining: 4 } });
    await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
    await codeGauntlet(w, 'signIn');
    expect(w.view()).toMatchObject({ step: 'signIn.signedIn', data: { fullName: { en: 'Faisal Alharbi' }, firstName: { en: 'Faisal' }, mustChangePassword: false } });
    expect(w.view().data.services).toContain('visaStatus');
    expect(await w.send({ type: 'SIGN_OUT' })).toMatchObject({ step: 'signIn.signedOut.finished', data: { services: [] } });
    expect(w.calls.at(-1)?.route).toBe('me/sign-out');
    await finish(w);
  });

  it('a locked account: until when, and on to password recovery with the ID already known', async () => {
    // Central's wall clock is a day ahead of this kiosk's: only the duration counts.
    const lockedUntil = new Date(Date.now() + 86_400_000 + 1_800_000).toISOString();
    const w = new FakeWorld().answer('sign-in', problem('account_locked', { lockedUntil, lockedForSeconds: 1800, retryAfterSeconds: 1800 }, 423));
    w.start('signIn');
    const view = await w.send({ type: 'SUBMIT_CREDENTIALS', login: SECRETS.idNumber, password: SECRETS.password });
    expect(view).toMatchObject({ step: 'signIn.locked', error: { code: 'account_locked' }, data: { retryAfterSeconds: 1800 } });
    expect(Math.abs((view.data.lockedUntil ?? 0) - 1_800_000)).toBeLessThan(5_000);
    w.capture('hang');
    expect(await w.send({ type: 'RECOVER_PASSWORD' })).toMatchObject({ service: 'recoverPassword', step: 'recoverPassword.fingerprint.capturing', data: { idNumberMasked: '******0008' } });
    await finish(w);
  });

  it('a locked account the person leaves; an account not yet active goes on to activation', async () => {
    const w = new FakeWorld().answer('sign-in', problem('account_locked', { retryAfterSeconds: 60 }, 423), problem('account_not_active', {}, 403));
    w.start('signIn');
    await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
    expect((await w.send({ type: 'FINISH' })).step).toBe('signIn.done.finished');
    w.start('signIn');
    expect((await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password })).step).toBe('signIn.notActive');
    expect(await w.send({ type: 'ACTIVATE_NOW' })).toMatchObject({ service: 'activate', step: 'activate.id' });
    await finish(w);
  });
});

describe('recover password', () => {
  it('kiosk way: card, finger, new password checked, a lost answer, code gauntlet, "password updated successfully"', async () => {
    const w = new FakeWorld().answer('password-resets/fingerprint', down).answer('verifications/fingerprint', down);
    w.start('recoverPassword');
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('recoverPassword.fingerprint.verifying.unavailable');
    expect((await w.send({ type: 'RETRY' })).step).toBe('recoverPassword.newPassword');
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: 'short', confirmation: 'short' })).data.fieldErrors?.password).toContain('tooShort');
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password })).step).toBe('recoverPassword.byFingerprint.unavailable');
    expect((await w.send({ type: 'RETRY' })).step).toBe('recoverPassword.code.entry');
    await codeGauntlet(w, 'recoverPassword');
    expect(w.view()).toMatchObject({ step: 'recoverPassword.updated.finished', data: { message: { en: 'password updated successfully' }, card: 'taken' } });
    await finish(w);
  });

  it('without a fingerprint: mobile, security question (wrong, then a lock), ends locked', async () => {
    const w = new FakeWorld().capture('disconnected').answer('password-resets/security-question/lookup', down, down);
    w.start('recoverPassword');
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('recoverPassword.fingerprint.readerError');
    expect((await w.send({ type: 'USE_ALTERNATIVE' })).step).toBe('recoverPassword.mobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '0412' })).data.fieldErrors).toEqual({ mobile: ['notSaudiMobile'] });
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE })).step).toBe('recoverPassword.lookingUp.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('recoverPassword.mobile');
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    expect((await w.send({ type: 'RETRY' })).data.securityQuestion).toEqual({ ar: 'مدينة الميلاد؟', en: 'City of birth?' });
    expect((await w.send({ type: 'BACK' })).step).toBe('recoverPassword.mobile');
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    expect((await w.send({ type: 'SUBMIT_SECURITY_ANSWER', answer: SECRETS.answer })).step).toBe('recoverPassword.newPassword');
    w.answer('password-resets/security-question', down, problem('security_answer_wrong', { attemptsRemaining: 1 }), problem('account_locked', { retryAfterSeconds: 1800 }, 423));
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password })).step).toBe('recoverPassword.byAnswer.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'recoverPassword.question', error: { code: 'security_answer_wrong' }, data: { attemptsRemaining: 1 } });
    await w.send({ type: 'SUBMIT_SECURITY_ANSWER', answer: 'Riyadh' });
    const locked = await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
    expect(locked).toMatchObject({ step: 'recoverPassword.locked', error: { code: 'account_locked' }, data: { retryAfterSeconds: 1800 } });
    expect(locked.accepts).toEqual(expect.arrayContaining(['RECOVER_PASSWORD', 'FINISH']));
    const sent = w.calls.filter((c) => c.route === 'password-resets/security-question').at(-1)?.body;
    expect(sent).toMatchObject({ idNumber: SECRETS.idNumber, mobile: '+966551234567', answer: 'Riyadh' });
    // The password and the answer are gone once the lock is known; the person leaves, and the card comes back.
    expect(w.runner.currentActor()?.getSnapshot().context.secret).toMatchObject({ password: null, confirmation: null, answer: null });
    expect(await w.send({ type: 'FINISH' })).toMatchObject({ step: 'recoverPassword.done.finished', data: { card: 'taken' } });
    await finish(w);
  });

  it('locked by wrong answers, then recovery by fingerprint at once, the ID kept', async () => {
    const w = new FakeWorld().answer('password-resets/security-question', problem('account_locked', { retryAfterSeconds: 1800 }, 423));
    w.capture('disconnected');
    w.start('recoverPassword');
    expect((await w.send({ type: 'SUBMIT_ID', idNumber: SECRETS.idNumber })).step).toBe('recoverPassword.fingerprint.readerError');
    expect((await w.send({ type: 'USE_ALTERNATIVE' })).step).toBe('recoverPassword.mobile');
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    await w.send({ type: 'SUBMIT_SECURITY_ANSWER', answer: 'Riyadh' });
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password })).step).toBe('recoverPassword.locked');
    w.capture('hang');
    expect(await w.send({ type: 'RECOVER_PASSWORD' })).toMatchObject({ step: 'recoverPassword.fingerprint.capturing', error: null, data: { idNumberMasked: expect.stringMatching(/^\*+\d{4}$/) } });
    await finish(w);
  });

  it('no account, no mobile, and a person who changes their mind about the route', async () => {
    for (const [answer, step] of [
      [problem('account_not_found', {}, 404), 'recoverPassword.noAccount.finished'],
      [problem('mobile_invalid'), 'recoverPassword.noMobile.finished'],
    ] as const) {
      const w = new FakeWorld().answer('password-resets/fingerprint', answer).answer('verifications/fingerprint', problem('fingerprint_no_match', { attemptsRemaining: 2 }));
      w.start('recoverPassword');
      await w.send({ type: 'USE_CARD' });
      await fingerprintTrouble(w, 'recoverPassword');
      expect((await w.send({ type: 'USE_ALTERNATIVE' })).step).toBe('recoverPassword.mobile');
      // Back on the kiosk way: the finger is read again (this time it matches).
      expect((await w.send({ type: 'BACK' })).step).toBe('recoverPassword.newPassword');
      await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password });
      expect(w.step).toBe(step);
      await finish(w);
    }
  });

  it('three failed matches: referred to staff', () => referral('recoverPassword'));
});

describe('recover username', () => {
  it('by fingerprint, with a lost answer: shown masked, sent by SMS', async () => {
    const w = new FakeWorld().answer('username-recoveries/fingerprint', down);
    w.start('recoverUsername');
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('recoverUsername.recovering.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'recoverUsername.recovered.finished', data: { maskedUsername: 'Fa******2', maskedMobile: '05X XXX X123', card: 'taken' } });
    await finish(w);
  });

  it('by mobile and code, after the reader was lost', async () => {
    const w = new FakeWorld().capture('disconnected').answer('username-recoveries/sms', down);
    w.start('recoverUsername');
    await w.send({ type: 'USE_CARD' });
    expect((await w.send({ type: 'USE_ALTERNATIVE' })).step).toBe('recoverUsername.mobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: 'x' })).data.fieldErrors).toEqual({ mobile: ['notSaudiMobile'] });
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE })).step).toBe('recoverUsername.starting.unavailable');
    expect((await w.send({ type: 'RETRY' })).step).toBe('recoverUsername.code.entry');
    await codeGauntlet(w, 'recoverUsername');
    expect(w.view()).toMatchObject({ step: 'recoverUsername.recovered.finished', data: { maskedUsername: 'Fa******2' } });
    await finish(w);
  });

  it('no account for that ID; the fingerprint step failing on the way', async () => {
    const w = new FakeWorld()
      .answer('verifications/fingerprint', problem('fingerprint_no_match', { attemptsRemaining: 2 }), down)
      .answer('username-recoveries/fingerprint', problem('account_not_found', {}, 404));
    w.start('recoverUsername');
    await w.send({ type: 'USE_CARD' });
    await fingerprintTrouble(w, 'recoverUsername');
    expect((await w.send({ type: 'RETRY' })).step).toBe('recoverUsername.fingerprint.verifying.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'recoverUsername.noAccount.finished', error: { code: 'account_not_found' } });
    await finish(w);
  });

  it('three failed matches: referred to staff', () => referral('recoverUsername'));
});

describe('replace a lost mobile number', () => {
  it('finger, new mobile (the same one refused), a lost answer, code to the new number, done', async () => {
    const w = new FakeWorld().answer('mobile-changes', down, down, problem('mobile_unchanged'));
    w.start('updateMobile');
    expect((await w.send({ type: 'USE_CARD' })).step).toBe('updateMobile.newMobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '123' })).data.fieldErrors).toEqual({ mobile: ['notSaudiMobile'] });
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE })).step).toBe('updateMobile.starting.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('updateMobile.newMobile');
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'updateMobile.newMobile', error: { code: 'mobile_unchanged' }, data: { fieldErrors: { mobile: ['mobile_unchanged'] } } });
    await w.send({ type: 'SUBMIT_MOBILE', mobile: TYPED_MOBILE });
    await codeGauntlet(w, 'updateMobile');
    expect(w.view()).toMatchObject({ step: 'updateMobile.changed.finished', data: { maskedMobile: '05X XXX X456', card: 'taken' } });
    await finish(w);
  });

  it('no account; the reader lost sends the person to staff (no route without a fingerprint on a kiosk)', async () => {
    const none = new FakeWorld();
    none.accountState = 'none';
    none.start('updateMobile');
    expect((await none.send({ type: 'USE_CARD' })).step).toBe('updateMobile.noAccount.finished');
    await finish(none);
    const w = new FakeWorld().answer('verifications/fingerprint', problem('fingerprint_no_match', { attemptsRemaining: 2 }));
    w.start('updateMobile');
    await w.send({ type: 'USE_CARD' });
    await fingerprintTrouble(w, 'updateMobile');
    w.answer('verifications/fingerprint', down);
    expect((await w.send({ type: 'RETRY' })).step).toBe('updateMobile.fingerprint.verifying.unavailable');
    expect(await w.send({ type: 'BACK' }).catch((e: unknown) => e)).toMatchObject({ code: 'not_allowed' });
    expect(await w.send({ type: 'USE_ALTERNATIVE' }).catch((e: unknown) => e)).toMatchObject({ code: 'not_allowed' });
    await w.send({ type: 'RETRY' });
    expect(w.step).toBe('updateMobile.newMobile');
    await finish(w);
    const alt = new FakeWorld().capture('unavailable');
    alt.start('updateMobile');
    await alt.send({ type: 'USE_CARD' });
    expect(await alt.send({ type: 'USE_ALTERNATIVE' })).toMatchObject({ step: 'updateMobile.alternative.finished', data: { alternative: 'staff' } });
    await finish(alt);
  });

  it('three failed matches: referred to staff', () => referral('updateMobile'));
});

describe('every state of every journey machine', () => {
  const report: Record<string, { visited: number; total: number; missing: string[] }> = {};
  afterAll(() => {
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    const states = Object.fromEntries(journeyServices.map((s) => [s, journeyStates(s)]));
    writeFileSync(join(dir, 'journey-state-coverage.json'), `${JSON.stringify({ report, states }, null, 2)}\n`);
  });

  // The edit journeys (signed in) are walked in editStateCoverage.test.ts.
  const walkedHere = journeyServices.filter((s) => !(signedInJourneys as readonly string[]).includes(s));
  it.each(walkedHere)('%s: every state listed from the machine definition was entered', (service) => {
    const all = journeyStates(service);
    const missing = all.filter((step) => !visited.has(step));
    report[service] = { visited: all.length - missing.length, total: all.length, missing };
    expect(missing).toEqual([]);
  });
});
