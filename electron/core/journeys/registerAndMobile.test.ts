import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptySecrets } from './context';
import { eventually, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/** Registration (then activation at once), replacing a lost mobile, and what a session end leaves behind. */

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.runner.endSession();
  await rig.lift();
  await rig.lab.devices.clearForNextPerson();
});

describe('register, then activate at once', () => {
  it('ID from the card … terms → SMS code → registered; activation continues with the ID known; the card goes back', async () => {
    const { idNumber, mobile } = people.latifa;
    rig.newSession();
    rig.start('register');
    rig.send({ type: 'USE_CARD' });
    await rig.insertCard(`nationalId-${idNumber}`);
    await rig.reach('register.mobile');
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0564253700' });
    rig.send({ type: 'SUBMIT_USERNAME', username: 'Latifa2030' });
    rig.send({ type: 'SUBMIT_PASSWORD', password: 'Welcome2030kiosk', confirmation: 'Welcome2030kiosk' });
    rig.send({ type: 'SUBMIT_EMAIL', email: 'latifa@example.sa', confirmation: 'latifa@example.sa' });
    rig.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    expect(rig.view()).toMatchObject({ step: 'register.terms', data: { maskedUsername: 'La*******0', language: 'en', idSource: 'card' } });
    rig.send({ type: 'ACCEPT_TERMS' });
    await rig.reach('register.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    const registered = await rig.reach('register.registered');
    expect(registered.data).toMatchObject({ accountState: 'registered', maskedUsername: 'La*******0', maskedMobile: '05X XXX X700' });
    expect(registered.accepts).toEqual(['ACTIVATE_NOW', 'FINISH']);

    await rig.place(idNumber);
    rig.send({ type: 'ACTIVATE_NOW' });
    expect(rig.view()).toMatchObject({ service: 'activate', data: { idNumberMasked: '******8834', idSource: 'card' } });
    await rig.reach('activate.terms');
    rig.send({ type: 'ACCEPT_TERMS' });
    rig.send({ type: 'CONFIRM_ACTIVATION' });
    await rig.reach('activate.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    await eventually(() => rig.view().data.card === 'presented', 'the card presented');
    await rig.takeCard();
    expect((await rig.reach('activate.activated.finished')).data).toMatchObject({ accountState: 'active', card: 'taken' });
  });

  it('central refuses a username someone has: the person is sent back to the username', async () => {
    rig.newSession();
    rig.start('register');
    rig.send({ type: 'SUBMIT_ID', idNumber: people.rajesh.idNumber });
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0593183702' });
    rig.send({ type: 'SUBMIT_USERNAME', username: people.faisal.username });
    rig.send({ type: 'SUBMIT_PASSWORD', password: 'Welcome2030kiosk', confirmation: 'Welcome2030kiosk' });
    rig.send({ type: 'SUBMIT_EMAIL', email: 'rajesh@example.sa', confirmation: 'rajesh@example.sa' });
    rig.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    rig.send({ type: 'ACCEPT_TERMS' });
    expect(await rig.reach('register.username')).toMatchObject({ error: { code: 'username_taken' }, data: { fieldErrors: { username: ['username_taken'] } } });
  });
});

describe('replace a lost mobile number', () => {
  it('ID + fingerprint + new mobile + SMS code to the new number → done, and the account has the new number', async () => {
    const { idNumber } = people.anita;
    rig.newSession();
    rig.start('updateMobile');
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await rig.reach('updateMobile.newMobile');
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0565479980' });
    expect(await rig.reach('updateMobile.newMobile')).toMatchObject({ error: { code: 'mobile_unchanged' } });
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0501112233' });
    const view = await rig.reach('updateMobile.code.entry');
    expect(view.data.code?.sentTo).toBe('05X XXX X233');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode('+966501112233') });
    expect((await rig.reach('updateMobile.changed.finished')).data.maskedMobile).toBe('05X XXX X233');
    expect(await rig.mobileOf(idNumber)).toBe('+966501112233');
  });
});

describe('the session ends mid-journey', () => {
  it('a capture under way is stopped, the actor holds nothing of the person, the view is gone', async () => {
    const { idNumber } = people.faisal;
    rig.newSession();
    rig.start('recoverPassword');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await eventually(() => rig.lab.devices.fingerprint.status === 'busy', 'capture running');
    const actor = rig.runner.currentActor()!;
    expect(actor.getSnapshot().context.secret.idNumber).toBe(idNumber);
    rig.runner.endSession();
    expect(rig.runner.view()).toBeNull();
    const { context, value } = actor.getSnapshot();
    expect(value).toBe('wiped');
    expect(context.secret).toEqual(emptySecrets());
    expect(context.shown).toEqual({});
    expect(JSON.stringify(context)).not.toContain(idNumber.slice(-4));
    await eventually(() => rig.lab.devices.fingerprint.status === 'online', 'capture aborted');
  });

  it('a signed-in person who walks away is signed out at central too, and their token is gone', async () => {
    const { username, mobile } = people.faisal;
    rig.newSession();
    rig.start('signIn');
    rig.send({ type: 'SUBMIT_CREDENTIALS', login: username, password: 'Kiosk2030demo' });
    await rig.reach('signIn.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    await rig.reach('signIn.signedIn');
    const actor = rig.runner.currentActor()!;
    rig.runner.endSession();
    expect(actor.getSnapshot().context.secret.sessionToken).toBeNull();
    await eventually(() => rig.calls.at(-1)?.route === 'signOut', 'sign-out sent');
    await expect
      .poll(async () => (await rig.central.db.get('SELECT ended_at FROM citizen_sessions ORDER BY rowid DESC LIMIT 1'))?.['ended_at'])
      .not.toBeNull();
  });

  it('one journey at a time: another is refused until this one is cancelled or finished', async () => {
    rig.newSession();
    rig.start('signIn');
    expect(() => rig.start('activate')).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    rig.runner.cancel();
    expect(rig.runner.view()).toBeNull();
    rig.start('activate');
    expect(rig.view().step).toBe('activate.id');
  });
});
