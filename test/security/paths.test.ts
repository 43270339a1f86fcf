import { describe, expect, it } from 'vitest';
import { routes } from '../../common/wire/routes';
import { declaredRoutes, type RouteAccess } from '../../central/http/access';
import { productionCentral } from './central';
import { concretePath, problemCode, type RawAnswer, type RawClient, spellings } from './rawClient';

/**
 * Issue 9, the bypass class: the router matches the *decoded* path, so every
 * way of spelling a route must meet that route's own credentials (or no
 * route at all). Probed against a production central, for every route of the
 * table and every method it answers (HEAD twins included), with ~100
 * spellings each.
 */

interface ProbedRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

const table: ProbedRoute[] = [
  ...Object.values(routes).map((route) => ({ method: route.method, url: route.url, access: route.config.access })),
  ...Object.values(routes)
    .filter((route) => route.method === 'GET')
    .map((route) => ({ method: 'HEAD', url: route.url, access: route.config.access })),
  { method: 'GET', url: '/dev', access: 'demo' },
  { method: 'HEAD', url: '/dev', access: 'demo' },
];

type Verdict = (answer: RawAnswer) => boolean;
const is = (status: number, code: string): Verdict => (answer) => answer.status === status && (answer.text === '' || problemCode(answer) === code);
/** What any spelling may answer besides the credential refusal: no such route. */
const noRoute: Verdict = (answer) => is(404, 'not_found')(answer);

async function probe(client: RawClient, route: ProbedRoute, allowed: Verdict): Promise<string[]> {
  const wrong: string[] = [];
  const paths = spellings(concretePath(route.url));
  for (let start = 0; start < paths.length; start += 8) {
    await Promise.all(
      paths.slice(start, start + 8).map(async (path) => {
        const answer = await client.send(route.method, path, route.method === 'POST' ? { body: '{}' } : {});
        if (!allowed(answer)) wrong.push(`${route.method} ${path} → ${answer.status} ${answer.text.slice(0, 120)}`);
      }),
    );
  }
  return wrong;
}

describe('path spellings against a production central', () => {
  const target = productionCentral();

  it('probes every route the server registered (nothing registered escapes the table below)', () => {
    const probed = new Set(table.map((route) => `${route.method} ${route.url}`));
    const registered = declaredRoutes(target.central.app).filter((route) => route.access !== 'public');
    expect(registered.length).toBeGreaterThan(30);
    for (const route of registered) expect(probed, `${route.method} ${route.url}`).toContain(`${route.method} ${route.url}`);
  });

  const kioskRoutes = table.filter((route) => route.access === 'kiosk' || route.access === 'citizen');
  it.each(kioskRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s without a client certificate: its plain spelling is 401 client_certificate_required, every other spelling that or 404 — never the route',
    async (_name, route) => {
      const plain = await target.anonymous.send(route.method, concretePath(route.url), route.method === 'POST' ? { body: '{}' } : {});
      expect(plain.status).toBe(401);
      const wrong = await probe(target.anonymous, route, (answer) => is(401, 'client_certificate_required')(answer) || noRoute(answer));
      expect(wrong.slice(0, 20)).toEqual([]);
    },
  );

  const citizenRoutes = table.filter((route) => route.access === 'citizen');
  it.each(citizenRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s with a kiosk certificate but no citizen session: 401 session_invalid or 404 for every spelling',
    async (_name, route) => {
      const wrong = await probe(target.enrolled, route, (answer) => is(401, 'session_invalid')(answer) || noRoute(answer));
      expect(wrong.slice(0, 20)).toEqual([]);
    },
  );

  const demoRoutes = table.filter((route) => route.access === 'demo');
  it.each(demoRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s (demo only) is not there in production: 404 for every spelling, with or without a certificate',
    async (_name, route) => {
      const wrong = [...(await probe(target.anonymous, route, noRoute)), ...(await probe(target.enrolled, route, noRoute))];
      expect(wrong.slice(0, 20)).toEqual([]);
    },
  );

  it('POST /v1/kiosks/enrol (public enrolment): no spelling issues a certificate without a valid code', async () => {
    const route = { method: 'POST', url: '/v1/kiosks/enrol', access: 'enrolment' as const };
    const csrPem = await target.kiosk.csrPem();
    const body = JSON.stringify({ enrolmentCode: 'ABCD-EFGH-JKMN-PQRS', csrPem });
    const wrong: string[] = [];
    for (const path of spellings(route.url)) {
      const answer = await target.anonymous.send('POST', path, { body });
      if (answer.status === 201 || answer.status >= 500) wrong.push(`${path} → ${answer.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a path that matches no route is 404 not_found, whatever else it carries', async () => {
    for (const path of ['/v1', '/v1/', '/v1/kiosks', '/v1/citizens/me/../../kiosks', '/v2/kiosks/config', '/dev2', '/%2e%2e/etc/passwd', '/v1/citizens/me%2fvisas']) {
      const answer = await target.anonymous.send('GET', path);
      expect(answer.status, path).toBe(404);
      expect(problemCode(answer), path).toBe('not_found');
    }
  });
});
