import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemSchema } from '../../common/wire/problem';
import { routes } from '../../common/wire/routes';
import { withState } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

/**
 * Every endpoint answers malformed bodies, wrong types, missing fields,
 * oversize payloads, the wrong media type and bad path parameters with a 4xx
 * problem body — and changes nothing.
 */

const SAMPLE_PARAMS: Record<string, string> = {
  id: 'CMD-0123456789AB',
  challengeId: 'CH-0123456789abcdef01234567',
  violationNumber: '0000000001',
  kioskId: 'KIOSK-0000ABCD',
};

const pathOf = (url: string, params: Record<string, string> = SAMPLE_PARAMS): string => url.replace(/:([A-Za-z]+)/g, (_m, name: string) => params[name] ?? 'x');

const wrongTyped = (body: z.ZodType): Record<string, unknown> => {
  const shape = body instanceof z.ZodObject ? body.shape : {};
  return Object.fromEntries(Object.keys(shape).map((key) => [key, { nested: [1] }]));
};

const withBody = Object.entries(routes).filter(([, route]) => 'body' in route.schema);

describe('every endpoint refuses bad input with a problem and changes nothing', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let session: string;
  let before: string;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    session = await signIn(central, kiosk, withState('active'));
    before = await central.snapshot();
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  const expectProblem = (answer: { status: number; contentType: string; body: unknown }, status: number, code: string): void => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    expect(answer.contentType).toContain('application/problem+json');
    const problem = problemSchema.parse(answer.body);
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(problem.type).toBe(`urn:kiosk-central:problem:${code}`);
  };

  it.each(withBody)('%s: malformed JSON, wrong types, missing fields, oversize, wrong media type', async (_name, route) => {
    const path = pathOf(route.url);
    const bearer = route.url.startsWith('/v1/citizens/me') ? session : undefined;
    const call = (options: Parameters<TestKiosk['call']>[1]) => kiosk.call(path, { bearer, ...options });
    const body = 'body' in route.schema ? route.schema.body : z.object({});

    expectProblem(await call({ rawBody: '{"idNumber": "10000', method: 'POST' }), 400, 'invalid_request');
    expectProblem(await call({ body: wrongTyped(body) }), 400, 'invalid_request');
    expectProblem(await call({ body: [] }), 400, 'invalid_request');
    const missing = await call({ body: {} });
    expectProblem(missing, 400, 'invalid_request');
    expect(problemSchema.parse(missing.body).issues?.length).toBeGreaterThan(0);
    expectProblem(await call({ body: { padding: 'x'.repeat(70_000) } }), 413, 'body_too_large');
    expectProblem(await call({ rawBody: 'hello', method: 'POST', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    expect(await central.snapshot()).toBe(before);
  });

  it.each(Object.entries(routes).filter(([, route]) => route.url.includes(':')))('%s: a malformed path parameter', async (_name, route) => {
    const path = pathOf(route.url, { id: 'nope', challengeId: 'nope', violationNumber: 'nope', kioskId: 'nope' });
    const bearer = route.url.startsWith('/v1/citizens/me') ? session : undefined;
    expectProblem(await kiosk.call(path, { method: route.method, body: route.method === 'POST' ? {} : undefined, bearer }), 400, 'invalid_request');
    expect(await central.snapshot()).toBe(before);
  });

  it.each(Object.entries(routes).filter(([, route]) => 'headers' in route.schema && route.method === 'POST'))('%s: no Idempotency-Key', async (_name, route) => {
    const bearer = route.url.startsWith('/v1/citizens/me') ? session : undefined;
    const answer = await kiosk.call(pathOf(route.url), { method: 'POST', body: 'body' in route.schema ? wrongTyped(route.schema.body) : undefined, idempotencyKey: null, bearer });
    expectProblem(answer, 400, 'idempotency_key_missing');
    expect(await central.snapshot()).toBe(before);
  });

  it('signed-in routes refuse a missing or made-up session', async () => {
    expectProblem(await kiosk.call('/v1/citizens/me'), 401, 'session_invalid');
    expectProblem(await kiosk.call('/v1/citizens/me/visas', { bearer: 'A'.repeat(43) }), 401, 'session_invalid');
    expect(await central.snapshot()).toBe(before);
  });

  it('a bad query and an unknown route are problems too', async () => {
    expectProblem(await kiosk.call('/dev/sms?limit=lots'), 400, 'invalid_request');
    expectProblem(await kiosk.call('/v1/nothing-here'), 404, 'not_found');
    expect(await central.snapshot()).toBe(before);
  });
});
