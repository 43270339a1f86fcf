import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, eventually, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/**
 * Activation by fingerprint against the real reference central (mTLS, SMS
 * outbox, 1:1 matcher, fault switch) and the simulated lab's reader and
 * card slot over ptys.
 */

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.central.setFault({ mode: 'none' });
  rig.centralClockOffset.ms = 0;
  rig.language = 'ar';
  rig.runner.endSession();
  await rig.lift();
  await rig.lab.devices.clearForNextPerson();
});

/** Up to the code, typed ID, the person's own finger. */
async function toCode(idNumber: string): Promise<void> {
  rig.newSession();
  rig.start('activate');
  await rig.place(idNumber);
  rig.send({ type: 'SUBMIT_ID', idNumber });
  await rig.reach('activate.terms');
  rig.send({ type: 'ACCEPT_TERMS' });
  rig.send({ type: 'CONFIRM_ACTIVATION' });
  await rig.reach('activate.code.entry');
}

describe('activate by fingerprint', () => {
  it('typed ID → finger → terms → masked mobile → SMS code → active', async () => {
    const { idNumber, mobile } = people.abeer;
    rig.newSession();
    rig.start('activate');
    expect(rig.view()).toMatchObject({ step: 'activate.id', accepts: ['SUBMIT_ID', 'USE_CARD'], canGoBack: false });
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    let view = await rig.reach('activate.terms');
    expect(view.data).toMatchObject({ firstName: { en: 'Abeer', ar: 'عبير' }, maskedMobile: '05X XXX X829', accountState: 'registered', idNumberMasked: '******4989' });
    view = rig.send({ type: 'ACCEPT_TERMS' });
    expect(view).toMatchObject({ step: 'activate.mobile', canGoBack: true });
    rig.send({ type: 'CONFIRM_ACTIVATION' });
    view = await rig.reach('activate.code.entry');
    expect(view.data.code).toMatchObject({ sentTo: '05X XXX X829', length: 4 });
    expect(view.data.code!.expiresAt - rig.clock.now()).toBeGreaterThan(295_000);
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    view = await rig.reach('activate.activated.finished');
    expect(view).toMatchObject({ finished: true, data: { accountState: 'active', maskedUsername: 'Ab******9' } });
    expect((await rig.central.db.get('SELECT state FROM accounts WHERE id_number = ?', [idNumber]))?.['state']).toBe('active');
    // Every call to central carried its own transaction id as the Idempotency-Key.
    const keys = rig.calls.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the ID read from the card in the slot; at the end the card is handed back and taken', async () => {
    const { idNumber } = people.rafiq;
    rig.newSession();
    rig.start('activate');
    await rig.place(idNumber);
    rig.send({ type: 'USE_CARD' });
    expect(rig.view().step).toBe('activate.readCard');
    await rig.insertCard(`iqama-${idNumber}`);
    const view = await rig.reach('activate.terms');
    expect(view.data).toMatchObject({ idSource: 'card', card: 'inSlot', idNumberMasked: '******9852' });
    rig.send({ type: 'ACCEPT_TERMS' });
    rig.send({ type: 'CONFIRM_ACTIVATION' });
    await rig.reach('activate.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(await rig.mobileOf(idNumber)) });
    await eventually(() => rig.view().step === 'activate.activated.returningCard', 'card presented');
    expect(rig.view()).toMatchObject({ busy: true, data: { card: 'presented', accountState: 'active' } });
    await rig.takeCard();
    expect((await rig.reach('activate.activated.finished')).data.card).toBe('taken');
  });

  it('a card not taken in time is retained, and the view says so', async () => {
    const { idNumber } = people.faisal;
    rig.newSession();
    rig.start('activate');
    await rig.place(idNumber);
    rig.send({ type: 'USE_CARD' });
    await rig.insertCard(`nationalId-${idNumber}`);
    // Faisal is active already: a result screen, and the card goes back.
    const view = await rig.reach('activate.alreadyActive.finished');
    expect(view).toMatchObject({ error: { code: 'account_already_active', retryable: false }, data: { card: 'retained' } });
    expect(rig.lab.lab.state().cardSlot.retainedCards).toContain(`nationalId-${idNumber}`);
  });

  it('a wrong finger three times: attempts counted down, then the session ends with a referral to staff', async () => {
    const { idNumber } = people.bandar;
    rig.newSession();
    rig.start('activate');
    await rig.place(people.latifa.idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    let view = await rig.reach('activate.fingerprint.failed');
    expect(view).toMatchObject({ error: { code: 'fingerprint_no_match', retryable: true }, data: { attemptsRemaining: 2 } });
    expect(view.accepts).toEqual(expect.arrayContaining(['RETRY', 'USE_ALTERNATIVE', 'BACK']));
    rig.send({ type: 'RETRY' });
    view = await rig.reach('activate.fingerprint.failed');
    expect(view.data.attemptsRemaining).toBe(1);
    rig.send({ type: 'RETRY' });
    view = await rig.reach('activate.referToStaff.finished');
    expect(view.error).toEqual({ code: 'fingerprint_attempts_exhausted', retryable: false });
    await eventually(() => rig.endRequests.length === 1, 'the session end asked for');
    expect(rig.endRequests).toEqual(['referToStaff']);
  });

  it('central unreachable when the code is asked for: a retryable error, and the retry applies it once', async () => {
    const { idNumber, mobile } = people.shahad;
    rig.newSession();
    rig.start('activate');
    await rig.place(idNumber);
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await rig.reach('activate.terms');
    rig.send({ type: 'ACCEPT_TERMS' });
    const codesBefore = await rig.smsCount(mobile);
    // The activation is committed but every answer is lost on the way back.
    rig.central.setFault({ mode: 'dropAfterCommit' });
    rig.send({ type: 'CONFIRM_ACTIVATION' });
    const view = await rig.reach('activate.starting.unavailable');
    expect(view).toMatchObject({ error: { code: 'central_unavailable', retryable: true }, accepts: ['RETRY'] });
    rig.central.setFault({ mode: 'none' });
    rig.send({ type: 'RETRY' });
    await rig.reach('activate.code.entry');
    const starts = rig.calls.filter((c) => c.route === 'startActivation');
    expect(new Set(starts.slice(-2).map((c) => c.key)).size).toBe(1);
    // Central answered the retry with its stored answer: one code, not two.
    expect(await rig.smsCount(mobile)).toBe(codesBefore + 1);
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    await rig.reach('activate.activated.finished');
  });

  it('a wrong code three times voids it; a new one is offered once central allows, and it works', async () => {
    const { idNumber } = people.rajeshResident;
    const mobile = await rig.mobileOf(idNumber);
    await toCode(idNumber);
    const right = await rig.smsCode(mobile);
    const wrong = right === '0000' ? '1111' : '0000';
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    expect(await rig.reach('activate.code.entry')).toMatchObject({ error: { code: 'otp_wrong' }, data: { attemptsRemaining: 2 } });
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    expect((await rig.reach('activate.code.entry')).data.attemptsRemaining).toBe(1);
    rig.send({ type: 'SUBMIT_CODE', code: wrong });
    let view = await rig.reach('activate.code.needNewCode');
    expect(view).toMatchObject({ error: { code: 'otp_voided' }, accepts: ['RESEND_CODE'] });
    expect(() => rig.send({ type: 'SUBMIT_CODE', code: right })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    rig.send({ type: 'RESEND_CODE' });
    view = await rig.reach('activate.code.needNewCode');
    expect(view.error?.code).toBe('otp_resend_too_soon');
    expect(view.data.retryAfterSeconds).toBeGreaterThan(50);
    expect(view.data.retryAt).toBe(rig.clock.now() + view.data.retryAfterSeconds! * 1000);
    rig.centralClockOffset.ms = 61_000;
    rig.send({ type: 'RESEND_CODE' });
    await rig.reach('activate.code.entry');
    const fresh = await rig.smsCode(mobile);
    rig.send({ type: 'SUBMIT_CODE', code: fresh });
    await rig.reach('activate.activated.finished');
  });

  it('an expired code: central says so, and the kiosk clock says so on its own', async () => {
    const { idNumber } = people.amalAlanazi;
    const mobile = await rig.mobileOf(idNumber);
    await toCode(idNumber);
    rig.centralClockOffset.ms = 301_000;
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    expect(await rig.reach('activate.code.needNewCode')).toMatchObject({ error: { code: 'otp_expired', retryable: true } });
    rig.send({ type: 'RESEND_CODE' });
    await rig.reach('activate.code.entry');
    // Nobody types anything until the code runs out (the kiosk's own timer, on the simulated clock).
    const { expiresAt } = rig.view().data.code!;
    rig.clock.increment(expiresAt - rig.clock.now() - 1);
    expect(rig.view().step).toBe('activate.code.entry');
    rig.clock.increment(1);
    expect(await rig.reach('activate.code.needNewCode')).toMatchObject({ error: { code: 'otp_expired' } });
  });

  it('the reader unplugged mid-capture: an error offering retry or the other route; retry works once it is back', async () => {
    const { idNumber } = people.bandar;
    rig.newSession();
    rig.start('activate');
    rig.send({ type: 'SUBMIT_ID', idNumber });
    await eventually(() => rig.view().data.guidance === 'placeFinger', 'the kiosk asks for a finger');
    expect(rig.view().step).toBe('activate.fingerprint.capturing');
    await rig.lab.control('/fault', { device: 'fingerprint', kind: 'unplug' });
    const view = await rig.reach('activate.fingerprint.readerError');
    expect(view).toMatchObject({ error: { code: 'reader_unavailable', retryable: true } });
    expect(view.accepts).toEqual(expect.arrayContaining(['RETRY', 'USE_ALTERNATIVE']));
    await rig.lab.control('/fault', { device: 'fingerprint', kind: 'replug' });
    // Reconnecting is backed off and the handshake waits on the line: seconds on a loaded machine.
    await eventually(() => rig.lab.devices.fingerprint.status === 'online', 'reader back', 1_000);
    await rig.place(idNumber);
    rig.send({ type: 'RETRY' });
    await rig.reach('activate.terms');
    expect(() => rig.send({ type: 'BACK' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
  }, 60_000);

  it('activated, the ways on: the username by SMS to the account’s mobile (once), then sign in now with the ID, typing only the password', async () => {
    // A registered account no other spec here activates.
    const used = Object.values(people).map((p) => p.idNumber);
    const row = await rig.central.db.get(
      `SELECT a.id_number, a.username, a.mobile FROM accounts a JOIN persons p ON p.id_number = a.id_number
       WHERE a.state = 'registered' AND a.mobile IS NOT NULL AND p.id_card_expiry > ? AND a.id_number NOT IN (${used.map(() => '?').join(', ')}) ORDER BY a.id_number LIMIT 1`,
      [new Date().toISOString().slice(0, 10), ...used],
    );
    const [idNumber, username, mobile] = [String(row?.['id_number']), String(row?.['username']), String(row?.['mobile'])];
    rig.language = 'en';
    await toCode(idNumber);
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    let view = await rig.reach('activate.activated.finished');
    expect(view.accepts).toEqual(['SIGN_IN_NOW', 'SEND_USERNAME']);
    const texts = async () => (await rig.central.db.all('SELECT text FROM sms_outbox WHERE to_mobile = ? ORDER BY id', [mobile])).map((r) => String(r['text']));
    const before = (await texts()).length;
    // The receipt names the activation's own transaction, whatever the ways on call afterwards.
    const activation = rig.runner.result()?.reference;
    expect(activation).toMatch(/\S/);

    rig.send({ type: 'SEND_USERNAME' });
    view = await rig.reach('activate.activated.finished');
    expect(rig.runner.result()?.reference).toBe(activation);
    expect(view).toMatchObject({ error: null, data: { usernameSentTo: `05X XXX X${mobile.slice(-3)}` } });
    expect((await texts()).slice(before)).toEqual([`Your username: ${username}`]);
    expect(JSON.stringify(view)).not.toContain(username);
    expect(view.accepts).toEqual(['SIGN_IN_NOW']);
    expect(() => rig.send({ type: 'SEND_USERNAME' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));

    rig.send({ type: 'SIGN_IN_NOW' });
    view = await rig.reach('signIn.credentials');
    expect(view.data).toMatchObject({ idNumberMasked: `******${idNumber.slice(-4)}` });
    rig.send({ type: 'SUBMIT_CREDENTIALS', password: DEMO_PASSWORD });
    await rig.reach('signIn.code.entry');
    rig.send({ type: 'SUBMIT_CODE', code: await rig.smsCode(mobile) });
    view = await rig.reach('signIn.signedIn');
    expect(view.data.services?.length).toBeGreaterThan(0);
  });

  it('the screen cannot skip the fingerprint, and central refuses an activation without a verification', async () => {
    rig.newSession();
    rig.start('activate');
    expect(() => rig.send({ type: 'CONFIRM_ACTIVATION' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    expect(() => rig.send({ type: 'SUBMIT_CODE', code: '1234' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    expect(rig.view().step).toBe('activate.id');
    // Straight to central with a made-up token: refused there too.
    const refused = await rig.direct('startActivation', { body: { verificationToken: 'x'.repeat(43), termsAccepted: true } });
    expect(refused).toMatchObject({ ok: false, error: { type: 'problem', status: 401, code: 'verification_token_invalid' } });
  });
});
