import { describe, expect, it } from 'vitest';
import { signedInJourneys } from '../../contract/journeys';
import type { SignedInJourney } from '../../contract/journeys';
import { emptySecrets } from './context';
import { journeyStates } from './stateList';
import { FakeWorld, SECRETS, down, problem } from './testing/fakeWorld';

/**
 * Edit user information (signed in): every state of the four machines is
 * entered, through the fake central; no secret is ever in a view; leaving an
 * edit returns to the signed-in home; ending the session empties the edit
 * and the home under it.
 */

const visited = new Set<string>();
const NEW_PASSWORD = 'Qw8brandNewPass';
const ADDRESS = { buildingNumber: '1234', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '12345', additionalNumber: '6789' };
const secretsInViews = [SECRETS.password, NEW_PASSWORD, SECRETS.code, SECRETS.sessionToken, 'new.mail@example.sa', '551239876', 'King Fahd Road'];

async function signedIn(): Promise<FakeWorld> {
  const w = new FakeWorld();
  w.start('signIn');
  await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
  await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
  expect(w.step).toBe('signIn.signedIn');
  // Signed in by username: the masked ID is kept for the session's receipts (inquiry receipts print it).
  expect(w.view().data.idNumberMasked).toBe('******0008');
  return w;
}

/** Starts an edit from the signed-in home: the profile first (a lost answer, then retried). */
async function openEdit(w: FakeWorld, service: SignedInJourney, first: string): Promise<void> {
  w.answer('me', down);
  w.start(service);
  await w.settle();
  expect(w.view()).toMatchObject({ service, step: `${service}.loading.unavailable`, error: { code: 'central_unavailable' } });
  const view = await w.send({ type: 'RETRY' });
  expect(view).toMatchObject({ step: `${service}.${first}`, data: { idNumberMasked: '******0008', maskedMobile: '05X XXX X123' } });
}

/** Everything dropped, nothing secret ever shown, both the edit and the home under it emptied at the session's end. */
async function finish(w: FakeWorld): Promise<void> {
  for (const view of w.views) {
    const text = JSON.stringify(view);
    for (const secret of secretsInViews) expect(text, `${view.step} shows a secret`).not.toContain(secret);
  }
  const edit = w.runner.currentActor();
  w.endSession();
  expect(w.runner.view()).toBeNull();
  if (edit) {
    const { context } = edit.getSnapshot();
    expect(context.secret).toEqual(emptySecrets());
    expect(context.shown).toEqual({});
  }
  for (const step of w.visited) visited.add(step);
}

/** The code step at `here`: bad format, wrong, a lost answer, voided, resend lost and too soon, expired, then right. */
async function codeGauntlet(w: FakeWorld, here: string, confirmRoute: string): Promise<void> {
  expect(w.step).toBe(`${here}.entry`);
  expect((await w.send({ type: 'SUBMIT_CODE', code: '12' })).data.fieldErrors).toEqual({ code: ['format'] });
  w.answer(confirmRoute, problem('otp_wrong', { attemptsRemaining: 2 }), down, problem('otp_voided', { attemptsRemaining: 0 }));
  expect(await w.send({ type: 'SUBMIT_CODE', code: '1111' })).toMatchObject({ step: `${here}.entry`, error: { code: 'otp_wrong' }, data: { attemptsRemaining: 2 } });
  expect((await w.send({ type: 'SUBMIT_CODE', code: '2222' })).step).toBe(`${here}.checking.unavailable`);
  const lost = w.calls.at(-1);
  expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: `${here}.needNewCode`, error: { code: 'otp_voided' } });
  expect(w.calls.at(-1)?.key).toBe(lost?.key);
  w.answer('resend', down, problem('otp_resend_too_soon', { retryAfterSeconds: 30 }, 429));
  expect((await w.send({ type: 'RESEND_CODE' })).step).toBe(`${here}.resending.unavailable`);
  expect((await w.send({ type: 'RETRY' })).step).toBe(`${here}.needNewCode`);
  expect((await w.send({ type: 'RESEND_CODE' })).step).toBe(`${here}.entry`);
  await w.advance(300_000);
  expect(w.view()).toMatchObject({ step: `${here}.needNewCode`, error: { code: 'otp_expired' } });
  await w.send({ type: 'RESEND_CODE' });
  await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
}

describe('change password (signed in)', () => {
  it('current password, new one checked (rules, confirmation, not the current one), a wrong current one, a lost answer, the code, updated; back home', async () => {
    const w = await signedIn();
    await openEdit(w, 'changePassword', 'current');
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: SECRETS.password });
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: 'short', confirmation: 'shorter' })).data.fieldErrors).toEqual({ password: expect.arrayContaining(['tooShort']), confirmation: ['mismatch'] });
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: SECRETS.password, confirmation: SECRETS.password })).data.fieldErrors).toEqual({ password: ['sameAsCurrent'] });
    expect((await w.send({ type: 'BACK' })).step).toBe('changePassword.current');
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: 'Wrong2030pass' });
    w.answer('me/password', problem('password_current_wrong'), down, problem('password_unchanged', { violations: ['sameAsCurrent'] }));
    const wrong = await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(wrong).toMatchObject({ step: 'changePassword.current', error: { code: 'password_current_wrong' }, data: { fieldErrors: { currentPassword: ['password_current_wrong'] } } });
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: SECRETS.password });
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).step).toBe('changePassword.starting.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'changePassword.newPassword', data: { fieldErrors: { password: ['sameAsCurrent'] } } });
    await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(w.calls.at(-1)).toMatchObject({ route: 'me/password', body: { currentPassword: SECRETS.password, newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD } });
    await codeGauntlet(w, 'changePassword.code', 'confirm');
    expect(w.view()).toMatchObject({ step: 'changePassword.changed.finished', finished: true, data: { message: { en: 'Password updated successfully' } } });
    expect(w.runner.result()).toMatchObject({ step: 'changePassword.changed.finished', shown: { idNumberMasked: '******0008' } });
    w.runner.cancel();
    expect(w.view()).toMatchObject({ service: 'signIn', step: 'signIn.signedIn', data: { mustChangePassword: false } });
    await finish(w);
  });

  it('a session central no longer knows ends the edit; a lost answer can be left with BACK', async () => {
    const w = await signedIn();
    w.answer('me', problem('session_invalid', {}, 401));
    w.start('changePassword');
    await w.settle();
    expect(w.view()).toMatchObject({ step: 'changePassword.sessionEnded.finished', error: { code: 'session_invalid' } });
    w.runner.cancel();
    await openEdit(w, 'changePassword', 'current');
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: SECRETS.password });
    w.answer('me/password', down, problem('session_invalid', {}, 401));
    await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect((await w.send({ type: 'BACK' })).step).toBe('changePassword.newPassword');
    expect((await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).step).toBe('changePassword.sessionEnded.finished');
    await finish(w);
  });
  it('the fifth wrong current password locks the account: the lock shown with its time, no password kept, back home after', async () => {
    const w = await signedIn();
    await openEdit(w, 'changePassword', 'current');
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: 'Wrong2030pass' });
    w.answer('me/password', problem('account_locked', { lockedForSeconds: 900, retryAfterSeconds: 900 }, 423));
    const locked = await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(locked).toMatchObject({ step: 'changePassword.locked.finished', finished: true, error: { code: 'account_locked' } });
    expect(locked.data.lockedUntil).toBeGreaterThan(0);
    expect(w.runner.currentActor()?.getSnapshot().context.secret).toMatchObject({ currentPassword: null, password: null, confirmation: null });
    w.runner.cancel();
    expect(w.view()).toMatchObject({ service: 'signIn', step: 'signIn.signedIn' });
    await finish(w);
  });
});

describe('change e-mail (signed in)', () => {
  it('typed twice (checked), a lost answer, the code to the registered mobile, changed', async () => {
    const w = await signedIn();
    await openEdit(w, 'changeEmail', 'email');
    expect((await w.send({ type: 'SUBMIT_EMAIL', email: 'new.mail@example', confirmation: 'x' })).data.fieldErrors).toEqual({ email: ['syntax', 'mismatch'] });
    w.answer('me/email', down, down, problem('email_mismatch'), problem('session_invalid', {}, 401));
    expect((await w.send({ type: 'SUBMIT_EMAIL', email: 'new.mail@example.sa', confirmation: 'new.mail@example.sa' })).step).toBe('changeEmail.starting.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('changeEmail.email');
    expect((await w.send({ type: 'SUBMIT_EMAIL', email: 'new.mail@example.sa', confirmation: 'new.mail@example.sa' })).step).toBe('changeEmail.starting.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'changeEmail.email', error: { code: 'email_mismatch' } });
    expect((await w.send({ type: 'SUBMIT_EMAIL', email: 'new.mail@example.sa', confirmation: 'new.mail@example.sa' })).step).toBe('changeEmail.sessionEnded.finished');
    w.runner.cancel();
    w.start('changeEmail');
    await w.settle();
    await w.send({ type: 'SUBMIT_EMAIL', email: 'new.mail@example.sa', confirmation: 'new.mail@example.sa' });
    await codeGauntlet(w, 'changeEmail.code', 'confirm');
    expect(w.step).toBe('changeEmail.changed.finished');
    await finish(w);
  });
});

describe('change mobile (signed in)', () => {
  it('the new number (checked; the same one refused), a code to the registered mobile, then one to the new number, changed', async () => {
    const w = await signedIn();
    await openEdit(w, 'changeMobile', 'newMobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '12345' })).data.fieldErrors).toEqual({ mobile: ['notSaudiMobile'] });
    w.answer('me/mobile', problem('mobile_unchanged', { violations: ['mobile_unchanged'] }), down, problem('session_invalid', {}, 401));
    expect(await w.send({ type: 'SUBMIT_MOBILE', mobile: '0551239876' })).toMatchObject({ step: 'changeMobile.newMobile', data: { fieldErrors: { mobile: ['mobile_unchanged'] } } });
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '0551239876' })).step).toBe('changeMobile.starting.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('changeMobile.newMobile');
    expect((await w.send({ type: 'SUBMIT_MOBILE', mobile: '0551239876' })).step).toBe('changeMobile.sessionEnded.finished');
    w.runner.cancel();
    w.start('changeMobile');
    await w.settle();
    await w.send({ type: 'SUBMIT_MOBILE', mobile: '0551239876' });
    expect(w.calls.at(-1)).toMatchObject({ route: 'me/mobile', body: { newMobile: '+966551239876' } });
    await codeGauntlet(w, 'changeMobile.currentCode.code', 'confirm-current');
    expect(w.view()).toMatchObject({ step: 'changeMobile.newCode.code.entry', data: { code: { sentTo: '05X XXX X123' } } });
    await codeGauntlet(w, 'changeMobile.newCode.code', 'confirm');
    expect(w.view()).toMatchObject({ step: 'changeMobile.changed.finished', data: { maskedMobile: '05X XXX X456' } });
    await finish(w);
  });
});

describe('change address (signed in)', () => {
  it('every part checked as typed, central’s refusal on its parts, a lost answer, saved', async () => {
    const w = await signedIn();
    await openEdit(w, 'changeAddress', 'address');
    const bad = await w.send({ type: 'SUBMIT_ADDRESS', address: { ...ADDRESS, buildingNumber: '12', postalCode: '1234x', city: ' ', street: 'x'.repeat(81) } });
    expect(bad.data.fieldErrors).toEqual({ buildingNumber: ['wrongLength'], postalCode: ['notDigits'], city: ['empty'], street: ['tooLong'] });
    w.answer('me/address', problem('address_invalid', { violations: ['postalCode.wrongLength', 'unit.notDigits'] }), down, problem('session_invalid', {}, 401));
    expect((await w.send({ type: 'SUBMIT_ADDRESS', address: ADDRESS })).data.fieldErrors).toEqual({ postalCode: ['wrongLength'], unit: ['notDigits'] });
    expect((await w.send({ type: 'SUBMIT_ADDRESS', address: ADDRESS })).step).toBe('changeAddress.saving.unavailable');
    expect((await w.send({ type: 'BACK' })).step).toBe('changeAddress.address');
    expect((await w.send({ type: 'SUBMIT_ADDRESS', address: ADDRESS })).step).toBe('changeAddress.sessionEnded.finished');
    w.runner.cancel();
    w.start('changeAddress');
    await w.settle();
    await w.send({ type: 'SUBMIT_ADDRESS', address: { ...ADDRESS, buildingNumber: '١٢٣٤', unit: '' } });
    expect(w.calls.at(-1)).toMatchObject({ route: 'me/address', body: ADDRESS });
    expect(w.step).toBe('changeAddress.changed.finished');
    await finish(w);
  });
});

describe('edits and the signed-in home', () => {
  it('chosen before signing in: sign-in first, then the edit starts on its own', async () => {
    const w = new FakeWorld();
    w.start('changeEmail');
    expect(w.step).toBe('signIn.credentials');
    await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    expect(w.step).toBe('changeEmail.email');
    w.runner.cancel();
    expect(w.step).toBe('signIn.signedIn');
    await finish(w);
  });

  it('a temporary (bank) password opens only the password change; after it, every service', async () => {
    const w = new FakeWorld().answer('confirm', { ok: true, value: { sessionToken: SECRETS.sessionToken, expiresAt: new Date(Date.now() + 600_000).toISOString(), mustChangePassword: true, nameAr: 'فيصل', nameEn: 'Faisal' } });
    w.start('signIn');
    await w.send({ type: 'SUBMIT_CREDENTIALS', login: 'Faisal1042', password: SECRETS.password });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    expect(w.view().data).toMatchObject({ mustChangePassword: true, services: ['changePassword'] });
    expect(() => w.start('changeEmail')).toThrow(/not open/);
    w.start('changePassword');
    await w.settle();
    await w.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: SECRETS.password });
    await w.send({ type: 'SUBMIT_PASSWORD', password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    await w.send({ type: 'SUBMIT_CODE', code: SECRETS.code });
    w.runner.cancel();
    expect(w.view().data).toMatchObject({ mustChangePassword: false, services: expect.arrayContaining(['changeEmail', 'changeMobile', 'changeAddress']) });
    await finish(w);
  });

  it('the session ends during an edit: the home under it is emptied too, and signed out at central', async () => {
    const w = await signedIn();
    w.start('changeAddress');
    await w.settle();
    const home = w.runner.currentActor();
    expect(w.step).toBe('changeAddress.address');
    expect(() => w.start('changeEmail')).toThrow(/under way/);
    expect(w.step).toBe('changeAddress.address');
    await finish(w);
    await w.settle();
    expect(w.routes()).toContain('me/sign-out');
    expect(home?.getSnapshot().status).not.toBe('active');
  });
});

describe('every state of every edit journey', () => {
  it.each(signedInJourneys)('%s: every state listed from the machine definition was entered', (service) => {
    expect(journeyStates(service).filter((step) => !visited.has(step))).toEqual([]);
  });
});
