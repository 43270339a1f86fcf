import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, eventually, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/** Password and username recovery, both routes each, against the reference central and the lab. */

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.central.setFault({ mode: 'none' });
  rig.runner.endSession();
  await rig.lift();
  await rig.lab.control('/fault', { device: 'fingerprint', kind: 'replug' });
  // A hang detector, not a speed check: on a busy machine the replugged reader's
  // reconnect and handshake can take longer than `eventually`'s default 10 s.
  await eventually(() => rig.lab.devices.fingerprint.status === 'online', 'reader online', 1000);
});

async function canSignIn(login: string, password: string): Promise<boolean> {
  const answer = await rig.direct('signIn', { body: { login, password } });
  return answer.ok;
}

describe('recover password', () => {
  it('kiosk way: ID + fingerprint + new password (checked on the kiosk) + SMS code → "password updated successfully"', async () => {
    const { idNumber, username, mobile } = people.faisal;
    rig.newSession();
    rig.start('recoverPassword');
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    let view = await rig.reach('recoverPassword.newPassword');
    expect(view.data.firstName?.en).toBe('Faisal');
    view = rig.send({ type: 'SUBMIT_PASSWORD', password: 'aaaaaaaa', confirmation: 'aaaaaaab' });
    expect(view).toMatchObject({ step: 'recoverPassword.newPassword', data: { fieldErrors: { password: ['noUppercase', 'noDigit', 'repeatedCharacter'], confirmation: ['mismatch'] } } });
    rig.send({ type: 'SUBMIT_PASSWORD', password: 'Renewed2030key', confirmation: 'Renewed2030key' });
    await rig.reach('recoverPassword.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    view = await rig.reach('recoverPassword.updated.finished');
    expect(view.data.message).toEqual({ ar: 'تم تحديث كلمة المرور بنجاح', en: 'Password updated successfully' });
    expect(await canSignIn(username, 'Renewed2030key')).toBe(true);
    expect(await canSignIn(username, DEMO_PASSWORD)).toBe(false);
  });

  it('without a fingerprint (the reader pulled mid-capture): ID + mobile + security question + new password + SMS code', async () => {
    const { idNumber, username, mobile, answer } = people.anita;
    rig.newSession();
    rig.start('recoverPassword');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await eventually(() => rig.view().data.guidance === 'placeFinger', 'asked for a finger');
    await rig.lab.control('/fault', { device: 'fingerprint', kind: 'unplug' });
    await rig.reach('recoverPassword.fingerprint.readerError');
    rig.send({ type: 'USE_ALTERNATIVE' });
    expect(rig.view().step).toBe('recoverPassword.mobile');
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0565479981' });
    expect(await rig.reach('recoverPassword.mobile')).toMatchObject({ error: { code: 'identity_mismatch' } });
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '05 6547 9980' });
    const view = await rig.reach('recoverPassword.question');
    expect(view.data.securityQuestion?.en).toMatch(/\?$/);
    rig.send({ type: 'SUBMIT_SECURITY_ANSWER', answer: 'Nowhere' });
    rig.send({ type: 'SUBMIT_PASSWORD', password: 'Answered2030ok', confirmation: 'Answered2030ok' });
    // The wrong mobile counted (silently, central/README "Probing"): three tries left, not four.
    expect(await rig.reach('recoverPassword.question')).toMatchObject({ error: { code: 'security_answer_wrong', retryable: true }, data: { attemptsRemaining: 3 } });
    rig.send({ type: 'SUBMIT_SECURITY_ANSWER', answer });
    rig.send({ type: 'SUBMIT_PASSWORD', password: 'Answered2030ok', confirmation: 'Answered2030ok' });
    await rig.reach('recoverPassword.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    await rig.reach('recoverPassword.updated.finished');
    expect(await canSignIn(username, 'Answered2030ok')).toBe(true);
  });
  it('kiosk way, no account: the fingerprint says so, and no new password is asked for', async () => {
    const { idNumber } = people.latifa;
    const steps: string[] = [];
    const stop = rig.runner.onChange(() => {
      const step = rig.runner.view()?.step;
      if (step) steps.push(step);
    });
    rig.newSession();
    rig.start('recoverPassword');
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    const view = await rig.reach('recoverPassword.noAccount.finished');
    expect(view.error).toMatchObject({ code: 'account_not_found' });
    stop();
    expect(steps, 'never asked for a password').not.toContain('recoverPassword.newPassword');
    expect(steps.some((s) => s.startsWith('recoverPassword.fingerprint.verifying')), steps.join(' → ')).toBe(true);
  });
});

describe('recover username', () => {
  it('ID + fingerprint: the username masked on screen and in full by SMS', async () => {
    const { idNumber, username, mobile } = people.faisal;
    rig.newSession();
    rig.start('recoverUsername');
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    const view = await rig.reach('recoverUsername.recovered.finished');
    expect(view.data).toMatchObject({ maskedUsername: 'Fa*******2', maskedMobile: '05X XXX X580' });
    const sms = await rig.central.db.get("SELECT text FROM sms_outbox WHERE to_mobile = ? AND purpose = 'usernameRecovery' ORDER BY id DESC LIMIT 1", [mobile]);
    expect(String(sms?.['text'])).toContain(username);
  });

  it('ID + mobile + SMS code, when the person prefers no fingerprint', async () => {
    const { idNumber, mobile } = people.anita;
    rig.newSession();
    rig.start('recoverUsername');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await eventually(() => rig.view().data.guidance === 'placeFinger', 'asked for a finger');
    rig.send({ type: 'USE_ALTERNATIVE' });
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '+966565479980' });
    await rig.reach('recoverUsername.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    expect((await rig.reach('recoverUsername.recovered.finished')).data.maskedUsername).toBe('An******6');
  });
});
