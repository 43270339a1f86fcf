import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/** Sign in (username or ID + password + SMS code) against the reference central. */

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.central.setFault({ mode: 'none' });
  rig.centralClockOffset.ms = 0;
  rig.runner.endSession();
  await rig.lift();
});

async function signIn(login: string, password: string): Promise<void> {
  rig.newSession();
  rig.start('signIn');
  rig.send({ type: 'SUBMIT_CREDENTIALS', login, password });
}

describe('sign in', () => {
  it('username + password → SMS code → signed in with name and services → signed out', async () => {
    const { username, mobile } = people.faisal;
    await signIn(username, DEMO_PASSWORD);
    let view = await rig.reach('signIn.code.entry');
    expect(view.data.code).toMatchObject({ sentTo: '05X XXX X580', length: 4 });
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    view = await rig.reach('signIn.signedIn');
    expect(view.data).toMatchObject({ firstName: { en: 'Faisal' }, fullName: { en: 'Faisal Alharbi' }, mustChangePassword: false });
    expect(view.data.services).toEqual(['changeEmail', 'changePassword', 'changeMobile', 'changeAddress', 'visaStatus', 'trafficViolations', 'documentValidity']);
    expect(view.accepts).toEqual(['SIGN_OUT']);
    rig.send({ type: 'SIGN_OUT' });
    await rig.reach('signIn.signedOut.finished');
    const session = await rig.central.db.get('SELECT ended_at FROM citizen_sessions ORDER BY rowid DESC LIMIT 1');
    expect(session?.['ended_at']).not.toBeNull();
  });

  it('the ID number works as the login too (Eastern Arabic digits accepted)', async () => {
    await signIn('٢٩٩١٨٥٤٠٩٨', DEMO_PASSWORD);
    await rig.reach('signIn.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(people.anita.mobile) });
    expect((await rig.reach('signIn.signedIn')).data.firstName?.en).toBe('Anita');
  });

  it('a wrong password: the attempts left before the lock', async () => {
    await signIn(people.faisal.username, 'Wrong2030pass');
    const view = await rig.reach('signIn.credentials');
    expect(view).toMatchObject({ error: { code: 'credentials_invalid', retryable: true }, data: { attemptsRemaining: 4, fieldErrors: { password: ['credentials_invalid'] } } });
  });

  it('a locked account (Mohammed): until when, and on to recovery by fingerprint, which lifts the lock', async () => {
    const { idNumber, username } = people.mohammed;
    await signIn(idNumber, DEMO_PASSWORD);
    const view = await rig.reach('signIn.locked');
    expect(view).toMatchObject({ error: { code: 'account_locked', retryable: false }, accepts: ['RECOVER_PASSWORD', 'FINISH'] });
    expect(view.data.retryAfterSeconds).toBeGreaterThan(60);
    expect(view.data.lockedUntil).toBeGreaterThan(rig.clock.now() + 60_000);

    // Signed in with the ID number, so recovery starts at the finger.
    await rig.place(idNumber);
    rig.send({ type: 'RECOVER_PASSWORD' });
    expect(rig.view()).toMatchObject({ service: 'recoverPassword', data: { idNumberMasked: '******7574' } });
    await rig.reach('recoverPassword.newPassword');
    const fresh = 'Lifted2030lock';
    rig.send({ type: 'SUBMIT_PASSWORD', password: fresh, confirmation: fresh });
    await rig.reach('recoverPassword.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(await rig.mobileOf(idNumber)) });
    await rig.reach('recoverPassword.updated.finished');
    rig.runner.endSession();

    await signIn(username, fresh);
    await rig.reach('signIn.code.entry');
  });

  it('an account not yet active (Abeer) is offered activation', async () => {
    await signIn(people.abeer.username, DEMO_PASSWORD);
    expect(await rig.reach('signIn.notActive')).toMatchObject({ error: { code: 'account_not_active' }, accepts: ['ACTIVATE_NOW', 'FINISH'] });
    rig.send({ type: 'ACTIVATE_NOW' });
    expect(rig.view()).toMatchObject({ service: 'activate', step: 'activate.id' });
  });

  it('central down at sign-in: a retryable error; RETRY sends the same request with the same key', async () => {
    rig.central.setFault({ mode: 'down' });
    await signIn(people.faisal.username, DEMO_PASSWORD);
    expect(await rig.reach('signIn.signingIn.unavailable')).toMatchObject({ error: { code: 'central_unavailable', retryable: true }, canGoBack: true });
    rig.central.setFault({ mode: 'none' });
    rig.send({ type: 'RETRY' });
    await rig.reach('signIn.code.entry');
    const [lost, retried] = rig.calls.filter((c) => c.route === 'signIn').slice(-2);
    expect(retried?.key).toBe(lost?.key);
  });

  it('central down while the code is checked, then a wrong code three times: voided, only a new code helps', async () => {
    const { username, mobile } = people.faisal;
    await signIn(username, DEMO_PASSWORD);
    await rig.reach('signIn.code.entry');
    const right = await rig.smsCode(mobile);
    const wrong = right === '1234' ? '4321' : '1234';
    rig.central.setFault({ mode: 'down' });
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    await rig.reach('signIn.code.checking.unavailable');
    rig.central.setFault({ mode: 'none' });
    rig.send({ type: 'RETRY' });
    expect((await rig.reach('signIn.code.entry')).data.attemptsRemaining).toBe(2);
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    await rig.reach('signIn.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    expect(await rig.reach('signIn.code.needNewCode')).toMatchObject({ error: { code: 'otp_voided' }, data: { attemptsRemaining: 0 } });
  });
});

describe('sign in against a central that limits how often one person may be tried', () => {
  let limited: JourneyRig;
  beforeAll(async () => {
    limited = await startJourneyRig({ central: { rateLimits: { perKiosk: { max: 1_000, windowSeconds: 60 }, perTarget: { max: 2, windowSeconds: 600 }, enrolment: { max: 10, windowSeconds: 60 } } } });
  });
  afterAll(async () => limited?.close());

  it('"too many tries" says when to try again, and the person may, the step kept', async () => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      limited.newSession();
      limited.start('signIn');
      limited.send({ type: 'SUBMIT_CREDENTIALS', login: people.faisal.username, password: 'Wrong2030pass' });
      const view = await limited.reach('signIn.credentials');
      limited.runner.endSession();
      if (attempt < 3) {
        expect(view.error?.code).toBe('credentials_invalid');
        continue;
      }
      expect(view).toMatchObject({ error: { code: 'rate_limited', retryable: true } });
      expect(view.data.retryAfterSeconds).toBeGreaterThan(0);
      expect(view.data.retryAt).toBeGreaterThan(limited.clock.now());
    }
  });
});
