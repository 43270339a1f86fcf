import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { CitizenSession } from './citizens/sessions';
import type { CentralContext } from './context';
import { citizenHeadersSchema, idempotencyHeadersSchema } from '../common/wire/citizen';
import { prepareContract } from './openapi/generate';
import { registerCatalogueRoutes } from './catalogue/routes';
import { registerCitizenRoutes } from './citizens/routes';
import { registerDevRoutes } from './dev/routes';
import { registerKioskRoutes } from './kiosks/routes';
import { type Answer, problem, sendAnswer } from './http/answers';
import { installAccessControl } from './http/access';
import { installRateLimits } from './http/rateLimit';
import { registerReadiness } from './http/readiness';
import { databaseRateLimitStore } from './http/rateLimitStore';
import type { KioskIdentity } from './http/kioskIdentity';

/** The demo fault switch's `rateLimited`: how long it tells kiosks to wait. */
const INJECTED_RETRY_AFTER_S = 90;

declare module 'fastify' {
  interface FastifyRequest {
    kiosk: KioskIdentity | null;
    citizen: CitizenSession | null;
    dropAfterCommit: boolean;
  }
}

interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  readonly ca: string;
}

function validationProblem(error: FastifyError & { validation: { instancePath?: string; message?: string }[] }, context: string | undefined): Answer {
  const issues = error.validation.map((issue) => ({ path: `${context ?? 'body'}${issue.instancePath ?? ''}`, message: issue.message ?? 'invalid' }));
  if (context === 'headers' && issues.some((issue) => issue.path.includes('idempotency-key'))) {
    return problem('idempotency_key_missing', 'Send an Idempotency-Key header: the kiosk transaction id of this action (8–128 of A-Z a-z 0-9 . _ : -).', { issues });
  }
  return problem('invalid_request', 'The request does not match the schema; nothing was changed.', { issues });
}

/** Maps every error Fastify or a handler throws to a problem body; nothing leaves as a bare 500 page. */
function problemFor(error: FastifyError, request: FastifyRequest, log: Logger): Answer {
  if (hasZodFastifySchemaValidationErrors(error)) return validationProblem(error, error.validationContext);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('body_too_large', 'The body is larger than the limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', 'Send bodies as application/json.');
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return problem('invalid_request', error.message || 'The request is malformed.');
  log.error({ err: error, url: request.url }, 'unhandled error');
  return problem('internal_error', 'Something went wrong on the central side; retry with the same Idempotency-Key.');
}

/** The Fastify app: contract wiring, access per matched route (mTLS, citizen session), faults, problem answers, then the routes. */
export async function buildApp(context: CentralContext, tls: TlsMaterial): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = context.log;
  const app = Fastify({
    loggerInstance: logger,
    // Per-request lines would carry URLs at heartbeat rate; handlers log what matters, without PII.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: context.options.bodyLimit,
    https: { key: tls.key, cert: tls.cert, ca: [tls.ca], requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    // Keep-alive connections from kiosks last; a heartbeat every 30 s should not pay a handshake each time.
    keepAliveTimeout: 65_000,
  });
  await prepareContract(app);
  // JSON only: a text/plain body is refused (415) rather than parsed into a string.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('kiosk', null);
  app.decorateRequest('citizen', null);
  app.decorateRequest('dropAfterCommit', false);

  app.setErrorHandler((error: FastifyError, request, reply) => sendAnswer(reply, problemFor(error, request, context.log)));
  app.setNotFoundHandler((request, reply) => sendAnswer(reply, problem('not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`)));

  // Faults first: a "down" server does not even authenticate.
  app.addHook('onRequest', async (request, reply) => {
    if (context.options.profile !== 'demo' || request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === 'demo' || access === 'public') return;
    await context.faults.hold(request.routeOptions.url ?? '');
    const decision = context.faults.decide();
    if (decision === 'down') {
      reply.hijack();
      request.raw.socket.destroy();
    } else if (decision === 'flaky5xx') {
      return sendAnswer(reply, problem('service_unavailable', 'Injected fault: try again.'));
    } else if (decision === 'dropAfterCommit') {
      request.dropAfterCommit = true;
    } else if (decision === 'rateLimited') {
      reply.header('retry-after', String(INJECTED_RETRY_AFTER_S));
      return sendAnswer(reply, problem('rate_limited', 'Injected fault: too many requests; wait before trying again.', { retryAfterSeconds: INJECTED_RETRY_AFTER_S }));
    }
    return undefined;
  });

  installAccessControl(app, context);
  await installRateLimits(app, context.options, databaseRateLimitStore(context.db, context.hashKey));

  // The key is checked before the body so a kiosk learns about a missing key whatever else is wrong.
  const keyed: ReadonlySet<unknown> = new Set([idempotencyHeadersSchema, citizenHeadersSchema]);
  app.addHook('preValidation', async (request, reply) => {
    if (!keyed.has(request.routeOptions.schema?.headers)) return undefined;
    if (!idempotencyHeadersSchema.shape['idempotency-key'].safeParse(request.headers['idempotency-key']).success) {
      return sendAnswer(reply, problem('idempotency_key_missing', 'Send an Idempotency-Key header: the kiosk transaction id of this action (8–128 of A-Z a-z 0-9 . _ : -).'));
    }
    return undefined;
  });

  // The transaction has committed by now: destroying the socket loses only the answer, as a dropped connection would.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.dropAfterCommit) request.raw.socket.destroy();
    return payload;
  });

  registerKioskRoutes(app, context);
  registerCitizenRoutes(app, context);
  registerCatalogueRoutes(app, context);
  // Production does not register the demo routes at all: no spelling of /dev can reach what is not there.
  if (context.options.profile === 'demo') registerDevRoutes(app, context);
  registerReadiness(app, context.db);
  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());
  return app;
}
