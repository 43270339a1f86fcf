import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/** Edit user information against the reference central: codes by SMS, the rules, the change made, the SMS notice, back home. */

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.runner.endSession();
});

async function signIn(who: { username: string; mobile: string }, password = DEMO_PASSWORD): Promise<void> {
  rig.newSession();
  rig.start('signIn');
  rig.send({ type: 'SUBMIT_CREDENTIALS', login: who.username, password });
  await rig.reach('signIn.code.entry');
  rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(who.mobile) });
  await rig.reach('signIn.signedIn');
}

const profileOf = async (idNumber: string) => rig.central.db.get('SELECT email, address_json, mobile FROM accounts WHERE id_number = ?', [idNumber]);

describe('edit user information at the kiosk', () => {
  it('e-mail: typed twice, a wrong code, the right one; saved, and the person told by SMS', async () => {
    const { faisal } = people;
    await signIn(faisal);
    rig.start('changeEmail');
    await rig.reach('changeEmail.email');
    rig.send({ type: 'SUBMIT_EMAIL', email: 'faisal.new@example.sa', confirmation: 'faisal.new@example.sa' });
    let view = await rig.reach('changeEmail.code.entry');
    expect(view.data.code?.sentTo).toBe('05X XXX X580');
    const code = await rig.smsCode(faisal.mobile);
    rig.send({ type: 'SUBMIT_CODE', code: code === '0000' ? '1111' : '0000' });
    view = await rig.reach('changeEmail.code.entry');
    expect(view).toMatchObject({ error: { code: 'otp_wrong' }, data: { attemptsRemaining: 2 } });
    expect((await profileOf(faisal.idNumber))?.['email']).not.toBe('faisal.new@example.sa');
    rig.send({ type: 'SUBMIT_CODE', code });
    await rig.reach('changeEmail.changed.finished');
    expect((await profileOf(faisal.idNumber))?.['email']).toBe('faisal.new@example.sa');
    const [notice] = await rig.central.db.all('SELECT text FROM sms_outbox WHERE to_mobile = ? ORDER BY id DESC LIMIT 1', [faisal.mobile]);
    expect(String(notice?.['text'])).toMatch(/بريدك الإلكتروني|e-mail/);
    rig.runner.cancel();
    expect(rig.view().step).toBe('signIn.signedIn');
  });

  it('address: the parts that break the format are named; a good one is saved', async () => {
    const { anita } = people;
    await signIn(anita);
    rig.start('changeAddress');
    await rig.reach('changeAddress.address');
    const address = { buildingNumber: '7421', street: 'Prince Sultan Street', district: 'Al Rawdah', city: 'Jeddah', postalCode: '23432', additionalNumber: '3311', unit: '4' };
    let view = rig.send({ type: 'SUBMIT_ADDRESS', address: { ...address, postalCode: '2343' } });
    expect(view.data.fieldErrors).toEqual({ postalCode: ['wrongLength'] });
    rig.send({ type: 'SUBMIT_ADDRESS', address });
    view = await rig.reach('changeAddress.changed.finished');
    expect(JSON.parse(String((await profileOf(anita.idNumber))?.['address_json']))).toEqual(address);
  });

  it('password: a wrong current one is asked again; then the code, and the new password signs in', async () => {
    const { anita } = people;
    await signIn(anita);
    rig.start('changePassword');
    await rig.reach('changePassword.current');
    rig.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: 'Wrong2030pass' });
    const fresh = 'Anew2031change';
    rig.send({ type: 'SUBMIT_PASSWORD', password: fresh, confirmation: fresh });
    const view = await rig.reach('changePassword.current');
    expect(view).toMatchObject({ error: { code: 'password_current_wrong' }, data: { fieldErrors: { currentPassword: ['password_current_wrong'] } } });
    rig.send({ type: 'SUBMIT_CURRENT_PASSWORD', password: DEMO_PASSWORD });
    rig.send({ type: 'SUBMIT_PASSWORD', password: fresh, confirmation: fresh });
    await rig.reach('changePassword.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(anita.mobile) });
    expect((await rig.reach('changePassword.changed.finished')).data.message?.en).toBe('Password updated successfully');
    rig.runner.endSession();
    await signIn(anita, fresh);
  });

  it('mobile: a code to the registered number, then one to the new number; the number moves', async () => {
    const { faisal } = people;
    await signIn(faisal);
    rig.start('changeMobile');
    await rig.reach('changeMobile.newMobile');
    rig.send({ type: 'SUBMIT_MOBILE', mobile: '0551237777' });
    await rig.reach('changeMobile.currentCode.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(faisal.mobile) });
    const view = await rig.reach('changeMobile.newCode.code.entry');
    expect(view.data.code?.sentTo).toBe('05X XXX X777');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode('+966551237777') });
    expect((await rig.reach('changeMobile.changed.finished')).data.maskedMobile).toBe('05X XXX X777');
    expect((await profileOf(faisal.idNumber))?.['mobile']).toBe('+966551237777');
  });
});
