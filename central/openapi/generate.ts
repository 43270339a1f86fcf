import swagger, { type SwaggerOptions } from '@fastify/swagger';
import type { OpenAPIV3_1 } from 'openapi-types';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { routes } from '../../common/wire/routes';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys sorted at every level, so the document does not depend on registration order. */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const sorted: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = canonical(child);
    }
    return sorted;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}

const API_VERSION = '1.0.0';

const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Kiosk central API',
      version: API_VERSION,
      description:
        'Reference central server for the identity kiosks: kiosk lifecycle over mTLS, and the citizen journeys the kiosk runs online. ' +
        'Every error is an RFC 9457 problem document (application/problem+json) with a stable `code`. See central/README.md.',
    },
    servers: [{ url: 'https://127.0.0.1:8443', description: 'Reference server (port chosen at start)' }],
    tags: [
      { name: 'kiosk', description: 'Enrolment, certificates, heartbeat, configuration, outbox, commands' },
      { name: 'identity', description: 'Identity proofing: fingerprint 1:1 match, ID card chip' },
      { name: 'account', description: 'Registration, activation, SMS codes' },
      { name: 'sign-in', description: 'Citizen sign-in and sessions' },
      { name: 'recovery', description: 'Password reset, username recovery, lost mobile' },
      { name: 'me', description: 'A signed-in citizen’s profile and inquiries' },
      { name: 'dev', description: 'Demo profile only (404 under production): SMS outbox, faults, enrolment codes, kiosks, domain clock' },
    ],
    components: {
      // openapi-types predates OpenAPI 3.1's mutualTLS scheme type; the validator knows it.
      securitySchemes: {
        kioskCertificate: {
          type: 'mutualTLS',
          description: 'TLS client certificate issued by the central CA at enrolment; subject CN is the kiosk id.',
        } as unknown as OpenAPIV3_1.SecuritySchemeObject,
        citizenSession: { type: 'http', scheme: 'bearer', description: 'sessionToken from a confirmed sign-in.' },
      },
    },
  },
  transform: jsonSchemaTransform,
  transformObject: (document) => canonical(jsonSchemaTransformObject(document)) as ReturnType<typeof jsonSchemaTransformObject>,
};

/** Wires zod as validator and serializer and registers the document generator. Call before adding routes. */
export async function prepareContract(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, swaggerOptions);
}

/**
 * The document as the route table describes it, without a server: what
 * scripts/writeOpenapi.ts commits. The running server serves the same thing
 * from its own registered routes; a spec checks they agree.
 */
export async function describeApi(): Promise<unknown> {
  const app = Fastify({ logger: false });
  await prepareContract(app);
  for (const route of Object.values(routes)) {
    app.route({
      method: route.method,
      url: route.url,
      schema: route.schema,
      handler: () => {
        throw new Error('document only');
      },
    });
  }
  await app.ready();
  const document = app.swagger();
  await app.close();
  return document;
}

export function formatDocument(document: unknown): string {
  return `${JSON.stringify(canonical(document), null, 2)}\n`;
}
