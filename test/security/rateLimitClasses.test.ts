import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { routes } from '../../common/wire/routes';
import { checkRateLimitDeclaration, RATE_LIMIT_CLASSES } from '../../central/http/rateLimit';
import { TestKiosk } from '../../central/testing/kioskClient';
import { productionCentral, type Target } from './central';
import { problemCode, type RawAnswer, RawClient } from './rawClient';

/**
 * The limits in front of a request come from the route it matched (its
 * declared `rateLimitClass`), never from the URL's text or the body's shape:
 * every spelling of a path is either no route (404) or limited exactly like
 * the canonical one, and nothing in a body gets a request past its kiosk's
 * count. Against a production central with a small per-kiosk limit.
 */
const PER_KIOSK = 5;
const LIMITS = { perKiosk: { max: PER_KIOSK, windowSeconds: 600 }, perTarget: { max: 100_000, windowSeconds: 600 }, enrolment: { max: 1000, windowSeconds: 600 } };
const SIGN_IN = '/v1/citizens/sign-in';
let logins = 0;
/** A login nobody has, new each time (five wrong passwords for one login would lock it: 423, not the limit under test). */
const signInBody = (login = `Probe${(logins += 1)}user`) => JSON.stringify({ login, password: 'Wrong-password-1' });
const keyed = () => ({ 'idempotency-key': `tx-${randomUUID()}` });

/** A kiosk of its own (so its own per-kiosk count), speaking raw HTTP. */
async function freshKiosk(target: Target): Promise<RawClient> {
  const kiosk = await TestKiosk.create(target.central.url, target.central.caCertPem);
  expect((await kiosk.enrol(await target.central.issueEnrolmentCode())).status).toBe(201);
  await kiosk.close();
  return new RawClient({ port: target.central.port, caCertPem: target.central.caCertPem, cert: kiosk.certificatePem, key: kiosk.keyPem });
}

const isRateLimited = (answer: RawAnswer) => answer.status === 429 && problemCode(answer) === 'rate_limited';
const isNoRoute = (answer: RawAnswer) => answer.status === 404 && problemCode(answer) === 'not_found';

describe('rate-limit classes are declared per route', () => {
  it('every citizen route is counted per kiosk and per target; every exemption says why', () => {
    for (const [name, route] of Object.entries(routes)) {
      const config = route.config as { access: string; rateLimitClass?: string; rateLimitExemption?: string };
      if (route.url.startsWith('/v1/citizens/')) expect(config.rateLimitClass, name).toBe('citizen');
      if (config.rateLimitClass === 'none') expect(config.rateLimitExemption?.length, name).toBeGreaterThan(20);
      expect(() => checkRateLimitDeclaration({ method: route.method, url: route.url, config: config as never })).not.toThrow();
    }
    expect(routes.verifyTechnicianPin.config.rateLimitClass).toBe('technician');
    expect(routes.verifyTechnicianPinBlock.config.rateLimitClass).toBe('technician');
    expect(routes.enrolKiosk.config.rateLimitClass).toBe('enrolment');
  });

  it('a route exempt without a reason, with an unknown class, or with a reason but no exemption is refused at registration', async () => {
    for (const config of [{ rateLimitClass: 'none' }, { rateLimitClass: 'none', rateLimitExemption: ' ' }, { rateLimitClass: 'perKiosk' }, { rateLimitClass: 'kiosk', rateLimitExemption: 'because it is quiet' }]) {
      const app = Fastify();
      app.addHook('onRoute', checkRateLimitDeclaration);
      expect(() => app.get('/x', { config: { access: 'kiosk', ...config } as never }, async () => 'x'), JSON.stringify(config)).toThrow(/rate/i);
      await app.close();
    }
    expect(RATE_LIMIT_CLASSES).toContain('kiosk');
  });
});

describe('limits chosen by what matched, against a production central', () => {
  const target = productionCentral({ start: { rateLimits: LIMITS } });

  it('a route that declares nothing (certificate renewal) gets the per-kiosk limit, not none', async () => {
    const kiosk = await freshKiosk(target);
    try {
      const answers: RawAnswer[] = [];
      for (let i = 0; i <= PER_KIOSK; i++) answers.push(await kiosk.send('POST', '/v1/kiosks/renew', { body: JSON.stringify({ csrPem: 'not a csr' }) }));
      expect(answers.slice(0, PER_KIOSK).map((a) => a.status)).not.toContain(429);
      expect(isRateLimited(answers[PER_KIOSK]!)).toBe(true);
      // Declared exempt, with its reason: kiosk housekeeping goes on.
      expect((await kiosk.send('GET', '/v1/kiosks/config')).status).toBe(200);
    } finally {
      kiosk.close();
    }
  });

  it('varying the body cannot dodge the per-kiosk count: other logins, smuggled fields, malformed JSON, wrong media type all count', async () => {
    const kiosk = await freshKiosk(target);
    try {
      const bodies: { body: string; headers?: Record<string, string> }[] = [
        { body: signInBody('SweepOne1') },
        { body: JSON.stringify({ login: 'SweepTwo2', password: 'Wrong-password-1', technicianId: '1001' }) },
        { body: '{"login": "SweepThree3", "password": ' },
        { body: 'login=SweepFour4', headers: { 'content-type': 'text/plain' } },
        { body: JSON.stringify({ idNumber: '1000000008', password: 'Wrong-password-1' }) },
      ];
      const statuses: number[] = [];
      for (const { body, headers } of bodies) statuses.push((await kiosk.send('POST', SIGN_IN, { body, headers: { ...keyed(), ...headers } })).status);
      expect(statuses).toEqual([401, 400, 400, 415, 400]);
      expect(isRateLimited(await kiosk.send('POST', SIGN_IN, { body: signInBody('SweepSix6'), headers: keyed() }))).toBe(true);
      // The count is the kiosk's, for every citizen route.
      expect(isRateLimited(await kiosk.send('POST', '/v1/citizens/verifications/id-card', { body: '{}', headers: keyed() }))).toBe(true);
    } finally {
      kiosk.close();
    }
  });

  const ODD = [`${SIGN_IN}/`, `/${SIGN_IN}`, '/v1//citizens/sign-in', '/v1/citizens/sign%2Din', '/v1/%63itizens/sign-in', '/%76%31/citizens/sign-in', SIGN_IN.toUpperCase(), '/v1/citizens/Sign-in', `${SIGN_IN}?x=1`];

  it.each(ODD)('%s is no route, or counted in the same per-kiosk bucket as the canonical spelling', async (odd) => {
    const kiosk = await freshKiosk(target);
    try {
      const first = await kiosk.send('POST', odd, { body: signInBody(), headers: keyed() });
      if (isNoRoute(first)) {
        // Unmatched: answered 404 every time, and the canonical route's count is untouched.
        for (let i = 0; i < PER_KIOSK + 1; i++) expect(isNoRoute(await kiosk.send('POST', odd, { body: signInBody(), headers: keyed() })), odd).toBe(true);
        for (let i = 0; i < PER_KIOSK; i++) expect((await kiosk.send('POST', SIGN_IN, { body: signInBody(), headers: keyed() })).status).toBe(401);
        expect(isRateLimited(await kiosk.send('POST', SIGN_IN, { body: signInBody(), headers: keyed() }))).toBe(true);
        return;
      }
      // Matched: the sign-in route itself, sharing the canonical spelling's count.
      expect(first.status).toBe(401);
      expect(problemCode(first)).toBe('credentials_invalid');
      for (let i = 1; i < PER_KIOSK - 1; i++) expect((await kiosk.send('POST', SIGN_IN, { body: signInBody(), headers: keyed() })).status).toBe(401);
      expect((await kiosk.send('POST', odd, { body: signInBody(), headers: keyed() })).status).toBe(401);
      expect(isRateLimited(await kiosk.send('POST', odd, { body: signInBody(), headers: keyed() }))).toBe(true);
      expect(isRateLimited(await kiosk.send('POST', SIGN_IN, { body: signInBody(), headers: keyed() }))).toBe(true);
    } finally {
      kiosk.close();
    }
  });

  it('the spellings the router decodes do match the route (so the test above proved the shared count for them)', async () => {
    const kiosk = await freshKiosk(target);
    try {
      const matched = [];
      for (const odd of ODD) if (!isNoRoute(await kiosk.send('POST', odd, { body: '{}', headers: keyed() }))) matched.push(odd);
      expect(matched).toEqual(expect.arrayContaining(['/v1/citizens/sign%2Din', '/v1/%63itizens/sign-in', '/%76%31/citizens/sign-in', `${SIGN_IN}?x=1`]));
    } finally {
      kiosk.close();
    }
  });
});
