import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_RATE_LIMITS } from '../../central/http/rateLimit';
import { startTestCentral } from '../../central/testing/harness';
import { TestKiosk } from '../../central/testing/kioskClient';
import { productionCentral } from './central';
import { problemCode, type RawAnswer, type RawClient } from './rawClient';

/**
 * Issue 9, lockout abuse: the account lock must not become a way to lock
 * anyone at will from one kiosk. Per-kiosk and per-target limits stand in
 * front of every citizen endpoint and answer 429 rate_limited with
 * Retry-After; the production limits are the real ones.
 */

const signIn = (client: RawClient, login: string): Promise<RawAnswer> =>
  client.send('POST', '/v1/citizens/sign-in', { body: JSON.stringify({ login, password: 'Wrong-password-1' }), headers: { 'idempotency-key': `tx-${randomUUID()}` } });

const expectRateLimited = (answer: RawAnswer): void => {
  expect(answer.status).toBe(429);
  expect(problemCode(answer)).toBe('rate_limited');
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect((answer.body as { retryAfterSeconds: number }).retryAfterSeconds).toBe(retryAfter);
};

describe('rate limits against a production central', () => {
  describe('per target', () => {
    const target = productionCentral();
    it(`one login is tried at most ${PRODUCTION_RATE_LIMITS.perTarget.max} times per ${PRODUCTION_RATE_LIMITS.perTarget.windowSeconds / 60} minutes, then 429 rate_limited with Retry-After`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < PRODUCTION_RATE_LIMITS.perTarget.max; i += 1) statuses.push((await signIn(target.enrolled, 'SomeoneElse77')).status);
      expect(statuses).not.toContain(429);
      expectRateLimited(await signIn(target.enrolled, 'SomeoneElse77'));
      // Another target from the same kiosk is still served.
      expect((await signIn(target.enrolled, 'SomeoneElse78')).status).toBe(401);
    });
  });

  describe('per kiosk', () => {
    const target = productionCentral();
    it(`one kiosk makes at most ${PRODUCTION_RATE_LIMITS.perKiosk.max} citizen requests a minute whatever it targets (so at most ${Math.floor(PRODUCTION_RATE_LIMITS.perKiosk.max / 5)} accounts a minute could be brought to a lock), then 429 with Retry-After`, async () => {
      let served = 0;
      let refused: RawAnswer | undefined;
      for (let i = 0; i < PRODUCTION_RATE_LIMITS.perKiosk.max + 5 && !refused; i += 1) {
        const answer = await signIn(target.enrolled, `Sweep${i}user`);
        if (answer.status === 429) refused = answer;
        else served += 1;
      }
      expect(served).toBe(PRODUCTION_RATE_LIMITS.perKiosk.max);
      expect(refused).toBeDefined();
      if (refused) expectRateLimited(refused);
      // Kiosk housekeeping (heartbeat, config) is not a citizen endpoint and goes on.
      expect((await target.enrolled.send('GET', '/v1/kiosks/config')).status).toBe(200);
    });
  });

  describe('enrolment', () => {
    const target = productionCentral();
    it(`the public enrolment route takes at most ${PRODUCTION_RATE_LIMITS.enrolment.max} tries an hour from one address, then 429 — and a wrong code signs nothing`, async () => {
      const csrPem = await target.kiosk.csrPem();
      const before = await target.central.rows('SELECT COUNT(*) AS n FROM certificates');
      const statuses: number[] = [];
      for (let i = 0; i <= PRODUCTION_RATE_LIMITS.enrolment.max; i += 1) {
        statuses.push((await target.anonymous.send('POST', '/v1/kiosks/enrol', { body: JSON.stringify({ enrolmentCode: 'ABCD-EFGH-JKMN-PQRS', csrPem }) })).status);
      }
      // The fixture's own enrolment was the first try from this address.
      expect(statuses.filter((status) => status === 401).length).toBe(PRODUCTION_RATE_LIMITS.enrolment.max - 1);
      expect(statuses.slice(PRODUCTION_RATE_LIMITS.enrolment.max - 1)).toEqual([429, 429]);
      expect(await target.central.rows('SELECT COUNT(*) AS n FROM certificates')).toEqual(before);
    });
  });

  it('the demo profile keeps its limits out of the way (the e2e suite runs every journey from one kiosk)', async () => {
    const central = await startTestCentral({ populationSize: 10 });
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    try {
      await kiosk.enrol(await central.issueEnrolmentCode());
      for (let i = 0; i < 120; i += 1) {
        const answer = await kiosk.call('/v1/citizens/sign-in', { body: { login: `Demo${i % 3}user`, password: 'Wrong-password-1' } });
        expect(answer.status).not.toBe(429);
      }
    } finally {
      await kiosk.close();
      await central.stop();
    }
  });
});
