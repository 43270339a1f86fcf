import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { codeSentSchema } from '../../common/wire/citizen';
import { POPULATION, verifyByFingerprint } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/**
 * The receipt by SMS for the signed-in results (issue 14): an e-mail change,
 * an address change and a catalogue form (the objection) are recorded as
 * the journeys' results are, so their receipt goes by SMS the same way: to
 * the account's own mobile, once, with the title, reference, kiosk, time and
 * the ID's last four digits, and nothing of what was changed. And a mobile
 * change tells the number the account had.
 */

const active = POPULATION.people.filter((p) => p.account?.state === 'active' && p.account.password === DEMO_PASSWORD && p.mobile && p.holderType === 'citizen');
/** The objection needs someone with an unpaid violation still open to one. */
const objector = active.find((p) => p.violations.length > 0);
const [forEmail, forAddress, forMobile, forLostMobile] = active.filter((p) => p !== objector);
if (!forEmail || !forAddress || !forMobile || !forLostMobile || !objector) throw new Error('lab people missing');

const transactionId = (kiosk: TestKiosk, n: number) => `${kiosk.kioskId}-01JG${String(n).padStart(22, '0')}`;

describe('the receipt by SMS of the signed-in results, and the old number told of a mobile change', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let otherKiosk: TestKiosk;
  let nextTx = 1;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    otherKiosk = await TestKiosk.create(central.url, central.caCertPem);
    await otherKiosk.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await otherKiosk.close();
    await central.stop();
  });

  const sms = async (mobile: string, purpose: 'receipt' | 'notification') =>
    (await central.rows('SELECT text FROM sms_outbox WHERE to_mobile = ? AND purpose = ? ORDER BY id', [mobile, purpose])).map((r) => String(r.text));
  const ask = (from: TestKiosk, body: unknown, language = 'en') => from.call('/v1/citizens/receipts/sms', { body, headers: { 'accept-language': language } });
  /** The one receipt SMS the account's mobile got: its words, once however often asked; nobody else can ask for it. */
  const receiptOnce = async (mobile: string, kind: string, reference: string, language: 'ar' | 'en'): Promise<string> => {
    expect((await ask(otherKiosk, { kind, reference }, language)).status).toBe(404);
    expect((await ask(kiosk, { kind: kind === 'formSubmitted' ? 'emailChanged' : 'formSubmitted', reference }, language)).status).toBe(404);
    const first = await ask(kiosk, { kind, reference }, language);
    expect(first.body).toEqual({ sentTo: `05X XXX X${mobile.slice(-3)}` });
    expect((await ask(kiosk, { kind, reference }, language)).body).toEqual(first.body);
    const texts = await sms(mobile, 'receipt');
    expect(texts).toHaveLength(1);
    return texts[0] ?? '';
  };

  it('an e-mail change: the receipt by SMS names the result, never the address', async () => {
    const bearer = await signIn(central, kiosk, forEmail);
    const started = await kiosk.call('/v1/citizens/me/email', { bearer, body: { email: 'kept.private@example.sa', emailConfirmation: 'kept.private@example.sa' } });
    const { challengeId } = codeSentSchema.parse(started.body);
    // Started is not completed: nothing to send yet.
    const reference = transactionId(kiosk, nextTx++);
    expect((await ask(kiosk, { kind: 'emailChanged', reference })).status).toBe(404);
    const done = await kiosk.call(`/v1/citizens/me/email/${challengeId}/confirm`, { bearer, body: { code: await central.lastCode(forEmail.mobile) }, idempotencyKey: reference });
    expect(done.status).toBe(200);
    const text = await receiptOnce(forEmail.mobile, 'emailChanged', reference, 'en');
    expect(text).toMatch(/^Receipt: E-mail updated\. Reference: 01JG0+\d+\. Kiosk: KIOSK-[0-9A-F]{8}\. Date and time: .+\. ID ending \d{4}\. /);
    expect(text).toContain(`ID ending ${forEmail.idNumber.slice(-4)}.`);
    expect(text).not.toMatch(/kept|private|example/);
  });

  it('an address change (no code: the session is the proof) in Arabic; a refused one completes nothing', async () => {
    const bearer = await signIn(central, kiosk, forAddress);
    const address = { buildingNumber: '1234', street: 'Prince Sultan Street', district: 'Al Rawdah', city: 'Jeddah', postalCode: '23435', additionalNumber: '6789' };
    const refusedKey = transactionId(kiosk, nextTx++);
    const refused = await kiosk.call('/v1/citizens/me/address', { bearer, body: { ...address, postalCode: '1' }, idempotencyKey: refusedKey });
    expect(refused.status).toBe(422);
    expect((await ask(kiosk, { kind: 'addressChanged', reference: refusedKey })).status).toBe(404);
    const reference = transactionId(kiosk, nextTx++);
    expect((await kiosk.call('/v1/citizens/me/address', { bearer, body: address, idempotencyKey: reference })).status).toBe(200);
    const text = await receiptOnce(forAddress.mobile, 'addressChanged', reference, 'ar');
    expect(text).toMatch(/^إيصال: تم تحديث العنوان الوطني\. الرقم المرجعي: 01JG0+\d+\. /);
    expect(text).toContain(`رقم الهوية ينتهي بـ ${forAddress.idNumber.slice(-4)}`);
    for (const part of ['1234', 'Prince', 'Rawdah', 'Jeddah', '23435', '6789']) expect(text).not.toContain(part);
  });

  it('a catalogue form (an objection to a violation): its receipt by SMS, without the violation or the reason', async () => {
    const bearer = await signIn(central, kiosk, objector);
    const list = ((await kiosk.call('/v1/citizens/me/inquiries/trafficViolations', { bearer, body: { inputs: {} } })).body as { violations: { violationNumber: string; objection: string }[] }).violations;
    const allowed = list.find((v) => v.objection === 'allowed');
    if (!allowed) throw new Error('the objector has no violation open to an objection');
    const reference = transactionId(kiosk, nextTx++);
    const filed = await kiosk.call('/v1/citizens/me/forms/violationObjection', {
      bearer,
      body: { inputs: { violationNumber: allowed.violationNumber, reason: 'notTheDriver', details: 'I sold the car last month.' } },
      idempotencyKey: reference,
    });
    expect(filed.status).toBe(201);
    const text = await receiptOnce(objector.mobile, 'formSubmitted', reference, 'en');
    expect(text).toMatch(/^Receipt: Request submitted\. Reference: 01JG0+\d+\. /);
    expect(text).not.toContain(allowed.violationNumber);
    expect(text).not.toMatch(/sold|driver/i);
  });

  it('a signed-in mobile change: the old number is told the account’s number changed, without the new one', async () => {
    const bearer = await signIn(central, kiosk, forMobile);
    const before = await sms(forMobile.mobile, 'notification');
    const newMobile = '+966551230001';
    const first = codeSentSchema.parse((await kiosk.call('/v1/citizens/me/mobile', { bearer, body: { newMobile: '0551230001' } })).body);
    const second = codeSentSchema.parse((await kiosk.call(`/v1/citizens/me/mobile/${first.challengeId}/confirm-current`, { bearer, body: { code: await central.lastCode(forMobile.mobile) } })).body);
    // Nothing told before the number really moves.
    expect(await sms(forMobile.mobile, 'notification')).toEqual(before);
    const done = await kiosk.call(`/v1/citizens/me/mobile/${second.challengeId}/confirm`, { bearer, body: { code: await central.lastCode(newMobile) }, headers: { 'accept-language': 'ar' } });
    expect(done.status).toBe(200);
    const told = (await sms(forMobile.mobile, 'notification')).slice(before.length);
    expect(told).toEqual([expect.stringMatching(/^تم تغيير رقم الجوال المسجل في حسابك/)]);
    expect(told[0]).not.toContain('1230001');
    expect(await sms(newMobile, 'notification')).toEqual([expect.stringMatching(/^تم تحديث رقم الجوال/)]);
  });

  it('the lost-number route (fingerprint) tells the old number too', async () => {
    const before = await sms(forLostMobile.mobile, 'notification');
    const newMobile = '+966551230002';
    const started = await kiosk.call('/v1/citizens/mobile-changes', { body: { verificationToken: await verifyByFingerprint(kiosk, forLostMobile), newMobile: '0551230002' }, headers: { 'accept-language': 'en' } });
    const { challengeId } = codeSentSchema.parse(started.body);
    const changed = await kiosk.call(`/v1/citizens/mobile-changes/${challengeId}/confirm`, { body: { code: await central.lastCode(newMobile) }, headers: { 'accept-language': 'en' } });
    expect(changed.status).toBe(200);
    expect((await sms(forLostMobile.mobile, 'notification')).slice(before.length)).toEqual([expect.stringMatching(/^The mobile number on your account has been changed: .*contact support/)]);
  });
});
