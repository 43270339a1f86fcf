import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabPerson } from '../../common/demo/population';
import { codeSentSchema, usernameRecoveredSchema } from '../../common/wire/citizen';
import { ACTIVATED_USERNAME_WINDOW_MS } from './activation';
import { POPULATION, verifyByFingerprint } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/**
 * Issue 11 item 6: the activation result shows the username masked, so the
 * kiosk that has just activated an account may have central send the full
 * username by SMS, to that account's own mobile and to nobody else's. The
 * challenge it confirmed is the only key; anything else is "no such challenge".
 */

const TODAY = new Date().toISOString().slice(0, 10);
const registered = POPULATION.people.filter((p) => p.account?.state === 'registered' && p.idCard.expiry > TODAY);

describe('the username by SMS after a kiosk activation', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let otherKiosk: TestKiosk;
  let next = 0;

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

  const nextPerson = (): LabPerson => {
    const who = registered[next++];
    if (!who) throw new Error('not enough registered lab people');
    return who;
  };
  const sent = async (mobile: string) => (await central.rows('SELECT text, purpose FROM sms_outbox WHERE to_mobile = ? ORDER BY id', [mobile])).map((r) => ({ text: String(r.text), purpose: String(r.purpose) }));
  const startActivation = async (who: LabPerson) => {
    const started = await kiosk.call('/v1/citizens/activations', { body: { verificationToken: await verifyByFingerprint(kiosk, who), termsAccepted: true } });
    return codeSentSchema.parse(started.body).challengeId;
  };
  const activate = async (who: LabPerson) => {
    const challengeId = await startActivation(who);
    const done = await kiosk.call(`/v1/citizens/activations/${challengeId}/confirm`, { body: { code: await central.lastCode(who.mobile) } });
    expect(done.body).toMatchObject({ accountState: 'active' });
    return challengeId;
  };
  const ask = (from: TestKiosk, challengeId: string, language = 'en') =>
    from.call(`/v1/citizens/activations/${challengeId}/username-sms`, { method: 'POST', headers: { 'accept-language': language } });

  it('sends the full username once, to the account’s own mobile, in the session’s language; the answer shows it masked', async () => {
    const who = nextPerson();
    const username = who.account?.username ?? '';
    const challengeId = await activate(who);
    const before = (await sent(who.mobile)).length;

    const first = await ask(kiosk, challengeId, 'en');
    expect(first.status).toBe(200);
    const shown = usernameRecoveredSchema.parse(first.body);
    expect(shown.sentTo).toBe(`05X XXX X${who.mobile.slice(-3)}`);
    expect(shown.maskedUsername).not.toContain(username);
    expect(shown.maskedUsername.slice(0, 2)).toBe(username.slice(0, 2));
    const messages = await sent(who.mobile);
    expect(messages.slice(before)).toEqual([{ text: `Your username: ${username}`, purpose: 'usernameRecovery' }]);
    expect(JSON.stringify(first.body)).not.toContain(username);

    // A second press (a new transaction) answers the same and sends nothing more.
    const again = await ask(kiosk, challengeId, 'ar');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await sent(who.mobile)).toHaveLength(messages.length);
  });

  it('only the kiosk that confirmed the activation, only a confirmed activation, only within the window: otherwise 404 and no SMS', async () => {
    const who = nextPerson();
    const unconfirmed = await startActivation(who);
    const count = async () => (await central.rows('SELECT COUNT(*) AS n FROM sms_outbox'))[0]?.n;
    const before = await count();

    // Still open (the code not yet entered).
    expect((await ask(kiosk, unconfirmed)).body).toMatchObject({ status: 404, code: 'challenge_not_found' });
    const challengeId = await activate(who);
    const afterActivation = await count();
    // Another kiosk holding the id, an id that names nothing, a challenge of another journey.
    expect((await ask(otherKiosk, challengeId)).body).toMatchObject({ status: 404, code: 'challenge_not_found' });
    expect((await ask(kiosk, 'CH-0123456789abcdef01234567')).body).toMatchObject({ status: 404, code: 'challenge_not_found' });
    const signIn = codeSentSchema.parse((await kiosk.call('/v1/citizens/sign-in', { body: { login: who.idNumber, password: 'Kiosk2030demo' } })).body);
    await kiosk.call(`/v1/citizens/sign-in/${signIn.challengeId}/confirm`, { body: { code: await central.lastCode(who.mobile) } });
    expect((await ask(kiosk, signIn.challengeId)).body).toMatchObject({ status: 404, code: 'challenge_not_found' });
    const beforeWindowEnds = await count();
    // Long after the activation (the session that did it is over).
    central.clock.advance(ACTIVATED_USERNAME_WINDOW_MS + 1_000);
    expect((await ask(kiosk, challengeId)).body).toMatchObject({ status: 404, code: 'challenge_not_found' });
    expect(Number(afterActivation)).toBeGreaterThan(Number(before));
    expect(await count()).toBe(beforeWindowEnds);
  });

  it('the 404s are all one answer, byte for byte: nothing tells one refusal from another', async () => {
    const who = nextPerson();
    const challengeId = await activate(who);
    const bodies = new Set<string>();
    for (const answer of [await ask(otherKiosk, challengeId), await ask(kiosk, 'CH-0123456789abcdef01234567'), await ask(kiosk, 'CH-fedcba9876543210fedcba98')]) {
      expect(answer.status).toBe(404);
      bodies.add(JSON.stringify(answer.body));
    }
    expect(bodies.size).toBe(1);
  });
});
