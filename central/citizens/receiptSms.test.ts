import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabPerson } from '../../common/demo/population';
import { codeSentSchema } from '../../common/wire/citizen';
import { receiptSmsSentSchema } from '../../common/wire/receipts';
import { RECEIPT_SMS_WINDOW_MS } from './receiptSms';
import { POPULATION, verifyByFingerprint } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/**
 * Issue 15 item 5: a kiosk whose printer cannot print has central send the
 * result's receipt by SMS. The key is the call that completed the result at
 * that kiosk (its Idempotency-Key); the SMS goes to that account's own
 * mobile, once, in the session's language, with what the paper would show.
 */

const TODAY = new Date().toISOString().slice(0, 10);
const registered = POPULATION.people.filter((p) => p.account?.state === 'registered' && p.idCard.expiry > TODAY && p.mobile);
const active = POPULATION.people.filter((p) => p.account?.state === 'active' && p.idCard.expiry > TODAY && p.mobile);
/** `<kioskId>-<ULID>`, as the kiosk's transaction ids are. */
const transactionId = (kiosk: TestKiosk, n: number) => `${kiosk.kioskId}-01JF${String(n).padStart(22, '0')}`;

describe('the receipt by SMS', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let otherKiosk: TestKiosk;
  let nextRegistered = 0;
  let nextActive = 0;
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

  const take = (list: LabPerson[], at: number): LabPerson => {
    const who = list[at];
    if (!who) throw new Error('not enough lab people');
    return who;
  };
  const receipts = async (mobile: string) => (await central.rows("SELECT text FROM sms_outbox WHERE to_mobile = ? AND purpose = 'receipt' ORDER BY id", [mobile])).map((r) => String(r.text));
  const allReceipts = async () => Number((await central.rows("SELECT COUNT(*) AS n FROM sms_outbox WHERE purpose = 'receipt'"))[0]?.n);
  /** Activates `who` at `kiosk`; the confirm call's transaction id is the result's reference. */
  const activate = async (who: LabPerson): Promise<string> => {
    const started = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: await verifyByFingerprint(kiosk, who), termsAccepted: true } });
    const { challengeId } = codeSentSchema.parse(started.body);
    const reference = transactionId(kiosk, nextTx++);
    const done = await kiosk.call(`/v1/citizens/activations/${challengeId}/confirm`, { body: { code: await central.lastCode(who.mobile) }, idempotencyKey: reference });
    expect(done.body).toMatchObject({ accountState: 'active' });
    return reference;
  };
  const ask = (from: TestKiosk, body: unknown, language = 'en') => from.call('/v1/citizens/receipts/sms', { body, headers: { 'accept-language': language } });

  it('after an activation: one SMS to the account’s own mobile, in the session’s language, with the receipt’s title, reference, kiosk and masked ID only', async () => {
    const who = take(registered, nextRegistered++);
    const reference = await activate(who);

    const first = await ask(kiosk, { kind: 'accountActivated', reference }, 'en');
    expect(first.status).toBe(200);
    expect(receiptSmsSentSchema.parse(first.body)).toEqual({ sentTo: `05X XXX X${who.mobile.slice(-3)}` });
    const [text, ...more] = await receipts(who.mobile);
    expect(more).toEqual([]);
    expect(text).toMatch(/^Receipt: Account activated\. Reference: 01JF0+\d+\. Kiosk: KIOSK-[0-9A-F]{8}\. Date and time: \d{4}-\d\d-\d\d \d\d:\d\d\. ID ending \d{4}\. /);
    expect(text).toContain(`Kiosk: ${kiosk.kioskId}.`);
    expect(text).toContain(`ID ending ${who.idNumber.slice(-4)}.`);
    // No PII beyond what the paper shows masked: not the ID, the username or the mobile.
    expect(text).not.toContain(who.idNumber);
    expect(text).not.toContain(who.account?.username ?? '∅');
    expect(text).not.toContain(who.mobile.slice(-7));

    // Asked again (a second press, a new transaction, another language): the same answer and nothing more sent.
    const again = await ask(kiosk, { kind: 'accountActivated', reference }, 'ar');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await receipts(who.mobile)).toHaveLength(1);
  });

  it('in Arabic when the person is using Arabic; a username recovered by fingerprint has its receipt too', async () => {
    const who = take(active, nextActive++);
    const reference = transactionId(kiosk, nextTx++);
    const recovered = await kiosk.call('/v1/citizens/username-recoveries/fingerprint', { body: { verificationToken: await verifyByFingerprint(kiosk, who) }, idempotencyKey: reference });
    expect(recovered.status).toBe(200);
    expect((await ask(kiosk, { kind: 'usernameRecovered', reference }, 'ar')).status).toBe(200);
    const [text] = await receipts(who.mobile);
    expect(text).toMatch(/^إيصال: استعادة اسم المستخدم\. الرقم المرجعي: 01JF0+\d+\. /);
    expect(text).toContain(`رقم الهوية ينتهي بـ ${who.idNumber.slice(-4)}`);
    expect(text).not.toContain(who.account?.username ?? '∅');
  });

  it('a mobile change’s receipt goes to the new number, the one the account has now', async () => {
    const who = take(active, nextActive++);
    const newMobile = '+966500000777';
    const started = await kiosk.call('/v1/citizens/mobile-changes', { body: { verificationToken: await verifyByFingerprint(kiosk, who), newMobile: '0500000777' } });
    const { challengeId } = codeSentSchema.parse(started.body);
    const reference = transactionId(kiosk, nextTx++);
    const changed = await kiosk.call(`/v1/citizens/mobile-changes/${challengeId}/confirm`, { body: { code: await central.lastCode(newMobile) }, idempotencyKey: reference });
    expect(changed.status).toBe(200);
    const sent = await ask(kiosk, { kind: 'mobileChanged', reference }, 'en');
    expect(sent.body).toEqual({ sentTo: '05X XXX X777' });
    expect(await receipts(newMobile)).toEqual([expect.stringMatching(/^Receipt: Mobile number updated\. /)]);
    expect(await receipts(who.mobile)).toEqual([]);
  });

  it('refused, with one 404 and no SMS: no result behind the reference, another kiosk’s result, another receipt kind, too late', async () => {
    const who = take(registered, nextRegistered++);
    const before = await allReceipts();
    const bodies = new Set<string>();
    const refused = async (answer: Awaited<ReturnType<typeof ask>>) => {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'receipt_not_found' });
      bodies.add(JSON.stringify(answer.body));
    };

    // A session that completed nothing: a reference of a call that only started the activation, and one never used.
    const startKey = transactionId(kiosk, nextTx++);
    const started = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: await verifyByFingerprint(kiosk, who), termsAccepted: true }, idempotencyKey: startKey });
    expect(started.status).toBe(202);
    await refused(await ask(kiosk, { kind: 'accountActivated', reference: startKey }));
    await refused(await ask(kiosk, { kind: 'accountActivated', reference: transactionId(kiosk, 999_999) }));

    const { challengeId } = codeSentSchema.parse(started.body);
    const reference = transactionId(kiosk, nextTx++);
    await kiosk.call(`/v1/citizens/activations/${challengeId}/confirm`, { body: { code: await central.lastCode(who.mobile) }, idempotencyKey: reference });
    // The same reference from another kiosk; the right result with another kind of receipt.
    await refused(await ask(otherKiosk, { kind: 'accountActivated', reference }));
    await refused(await ask(kiosk, { kind: 'mobileChanged', reference }));
    // A kind no result has, and a mobile number in the body, are not requests at all.
    expect((await ask(kiosk, { kind: 'technicianReadiness', reference })).status).toBe(400);
    expect((await ask(kiosk, { kind: 'accountActivated', reference, mobile: '0551234567' })).status).toBe(400);
    // The session that did it is long over.
    central.clock.advance(RECEIPT_SMS_WINDOW_MS + 1_000);
    await refused(await ask(kiosk, { kind: 'accountActivated', reference }));

    expect(bodies.size).toBe(1);
    expect(await allReceipts()).toBe(before);
  });
});
