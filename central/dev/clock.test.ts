import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { DomainClock } from '../clock';
import { codeSentSchema } from '../../common/wire/citizen';
import { devClockSchema, MAX_CLOCK_ADVANCE_MS } from '../../common/wire/dev';
import { problemSchema } from '../../common/wire/problem';
import { TestKiosk } from '../testing/kioskClient';
import { POPULATION } from '../testing/people';
import { startTestCentral, type TestCentral } from '../testing/harness';

/** `GET`/`POST /dev/clock`: the demo operator moves central's domain clock forward, and everything central times sees it. */

const faisal = POPULATION.people[0];
if (!faisal) throw new Error('featured lab people missing');

describe('the domain clock', () => {
  it('is its base plus a forward-only offset', () => {
    let base = 1_000;
    const clock = new DomainClock(() => base);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    base = 2_000;
    expect(clock.now()).toBe(2_500);
    expect(clock.offsetMs).toBe(500);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => clock.advance(bad)).toThrow(RangeError);
    expect(clock.offsetMs).toBe(500);
  });
});

describe('/dev/clock (demo profile)', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  const expectInvalid = (answer: { status: number; contentType: string; body: unknown }): void => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    const problem = problemSchema.parse(answer.body);
    expect(problem).toMatchObject({ status: 400, code: 'invalid_request', type: 'urn:kiosk-central:problem:invalid_request' });
    expect(problem.issues?.length).toBeGreaterThan(0);
  };

  it('GET tells central’s time and that it has not been moved', async () => {
    const before = Date.now();
    const answer = await kiosk.call('/dev/clock');
    expect(answer.status).toBe(200);
    const state = devClockSchema.parse(answer.body);
    expect(state.offsetMs).toBe(0);
    expect(Date.parse(state.now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(state.now)).toBeLessThanOrEqual(Date.now());
  });

  it('POST moves it forward; moves add up, and central’s own clock follows', async () => {
    const first = await kiosk.call('/dev/clock', { body: { advanceMs: 60_000 } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(devClockSchema.parse(first.body).offsetMs).toBe(60_000);
    const before = Date.now();
    const second = devClockSchema.parse((await kiosk.call('/dev/clock', { body: { advanceMs: MAX_CLOCK_ADVANCE_MS } })).body);
    expect(second.offsetMs).toBe(60_000 + MAX_CLOCK_ADVANCE_MS);
    expect(Date.parse(second.now)).toBeGreaterThanOrEqual(before + second.offsetMs);
    expect(central.context.now()).toBeGreaterThanOrEqual(before + second.offsetMs);
    expect(devClockSchema.parse((await kiosk.call('/dev/clock')).body).offsetMs).toBe(second.offsetMs);
    const page = await kiosk.call('/dev');
    expect(String(page.body)).toContain(`moved forward ${Math.round(second.offsetMs / 1000)} s`);
  });

  it('an SMS code confirmed after the clock passes its life answers otp_expired; a new code then works', async () => {
    const started = await kiosk.call('/v1/citizens/sign-in', { body: { login: faisal.idNumber, password: DEMO_PASSWORD } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { challengeId, expiresAt } = codeSentSchema.parse(started.body);
    const code = await central.lastCode(faisal.mobile);
    const confirm = (entered: string) => kiosk.call(`/v1/citizens/sign-in/${challengeId}/confirm`, { body: { code: entered } });

    const life = Date.parse(expiresAt) - central.context.now();
    expect(life).toBeGreaterThan(290_000);
    expect(life).toBeLessThanOrEqual(central.context.options.rules.otpTtlSeconds * 1000);
    expect((await kiosk.call('/dev/clock', { body: { advanceMs: life + 1_000 } })).status).toBe(200);

    const expired = await confirm(code);
    expect(expired.status).toBe(422);
    expect(expired.contentType).toContain('application/problem+json');
    expect(expired.body).toMatchObject({ code: 'otp_expired' });

    // The resend wait (60 s) has passed on central's clock as well.
    expect((await kiosk.call(`/v1/citizens/challenges/${challengeId}/resend`, { method: 'POST' })).status).toBe(202);
    const confirmed = await confirm(await central.lastCode(faisal.mobile));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ sessionToken: expect.any(String) });
  });

  it.each([
    ['a negative move', { advanceMs: -1_000 }],
    ['no move', { advanceMs: 0 }],
    ['a string', { advanceMs: '1000' }],
    ['a fraction', { advanceMs: 1.5 }],
    ['more than a day', { advanceMs: MAX_CLOCK_ADVANCE_MS + 1 }],
    ['an extra key', { advanceMs: 1_000, backwards: true }],
    ['no advanceMs', {}],
    ['null', { advanceMs: null }],
  ])('%s is a 400 invalid_request problem and moves nothing', async (_name, body) => {
    const before = central.context.clock.offsetMs;
    expectInvalid(await kiosk.call('/dev/clock', { body }));
    expect(central.context.clock.offsetMs).toBe(before);
  });
});

describe('/dev/clock under the production profile', () => {
  it('is 404 not_found, and the clock stays where it is', async () => {
    const central = await startTestCentral({ profile: 'production' });
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    try {
      for (const answer of [await kiosk.call('/dev/clock'), await kiosk.call('/dev/clock', { body: { advanceMs: 60_000 } })]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ code: 'not_found', status: 404 });
      }
      expect(central.context.clock.offsetMs).toBe(0);
    } finally {
      await kiosk.close();
      await central.stop();
    }
  });
});
