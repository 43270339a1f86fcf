import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralContext } from '../context';
import { routes } from '../../common/wire/routes';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { ACCESS_LEVELS, declaredRoutes, installAccessControl, isRouteAccess } from './access';

/**
 * The route table is the authorisation table: every route says who may call
 * it, and the server refuses to register one that does not.
 */
describe('the route table declares access for every route', () => {
  it.each(Object.entries(routes))('%s declares one of the access levels', (_name, route) => {
    expect(isRouteAccess(route.config.access), `${route.method} ${route.url}`).toBe(true);
    // The URL text and the declaration agree, so neither can be read for the other by mistake.
    if (route.url.startsWith('/dev')) expect(route.config.access).toBe('demo');
    else if (route.url === '/v1/kiosks/enrol') expect(route.config.access).toBe('enrolment');
    else if (route.url.startsWith('/v1/citizens/me')) expect(route.config.access).toBe('citizen');
    else expect(route.config.access).toBe('kiosk');
  });

  it('a route registered without a declaration is refused at registration', async () => {
    const app = Fastify({ logger: false });
    installAccessControl(app, { options: { profile: 'production' }, log: pino({ level: 'silent' }) } as unknown as CentralContext);
    app.get('/declared', { config: { access: 'public' } }, () => 'ok');
    expect(() => app.get('/undeclared', () => 'nobody said who may call this')).toThrow(/declares no access/);
    await app.close();
  });

  describe.each(['demo', 'production'] as const)('a running %s central', (profile) => {
    let central: TestCentral;
    beforeAll(async () => {
      central = await startTestCentral(profile === 'demo' ? { profile, populationSize: 10 } : { profile });
    });
    afterAll(async () => {
      await central.stop();
    });

    it('registered only declared routes, and demo routes only under the demo profile', () => {
      const table = declaredRoutes(central.app);
      expect(table.length).toBeGreaterThan(30);
      for (const route of table) expect(ACCESS_LEVELS, `${route.method} ${route.url}`).toContain(route.access);
      const demo = table.filter((route) => route.access === 'demo' || route.url.startsWith('/dev'));
      if (profile === 'production') expect(demo).toEqual([]);
      else expect(demo.length).toBeGreaterThanOrEqual(Object.values(routes).filter((route) => route.config.access === 'demo').length);
      // Every /v1 route of the contract is there, with the access the table declares.
      for (const route of Object.values(routes).filter((r) => r.config.access !== 'demo')) {
        expect(table).toContainEqual({ method: route.method, url: route.url, access: route.config.access });
      }
    });
  });
});
