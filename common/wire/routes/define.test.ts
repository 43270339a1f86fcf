import { describe, expect, it } from 'vitest';
import { defineRoutes } from './define';
import { routes } from '.';

describe('defineRoutes', () => {
  const area = { tag: 'things', config: { access: 'kiosk' }, security: [{ kioskCertificate: [] }], headers: 'area headers' } as const;

  it("gives every route its area's tag, access, security and headers, and its own name as operationId", () => {
    const table = defineRoutes(area, { listThings: { method: 'GET', url: '/v1/things', summary: 'Things', response: { 200: 'list' } } });
    expect(table.listThings).toEqual({
      method: 'GET',
      url: '/v1/things',
      config: { access: 'kiosk' },
      schema: { operationId: 'listThings', tags: ['things'], summary: 'Things', security: [{ kioskCertificate: [] }], headers: 'area headers', response: { 200: 'list' } },
    });
  });

  it("lets a route say its own tag, access, security and headers instead of its area's, and keeps its description", () => {
    const table = defineRoutes(area, {
      enrolThing: { method: 'POST', url: '/v1/things/enrol', tag: 'other', config: { access: 'enrolment' }, summary: 'Enrol', description: 'Once.', security: [], headers: 'own headers', body: 'b', response: { 201: 'c' } },
    });
    expect(table.enrolThing.config).toEqual({ access: 'enrolment' });
    expect(table.enrolThing.schema).toEqual({ operationId: 'enrolThing', tags: ['other'], summary: 'Enrol', description: 'Once.', security: [], headers: 'own headers', body: 'b', response: { 201: 'c' } });
    // The order openapi.json shows them in: operationId, tags, summary, description, security, then the route's own.
    expect(Object.keys(table.enrolThing.schema)).toEqual(['operationId', 'tags', 'summary', 'description', 'security', 'headers', 'body', 'response']);
  });

  it('makes the whole table: every route named by its operationId, every one with access and a tag', () => {
    for (const [name, route] of Object.entries(routes)) {
      expect(route.schema.operationId).toBe(name);
      expect(route.config.access).toMatch(/^(kiosk|citizen|enrolment|demo)$/);
      expect(route.schema.tags).toHaveLength(1);
    }
  });
});
