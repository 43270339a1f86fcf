import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { CentralContext } from '../context';
import { authenticateCitizen, isSession } from '../citizens/sessions';
import { findAccount } from '../citizens/registry';
import { problem, sendAnswer } from './answers';
import { authenticateKiosk, isAnswer } from './kioskIdentity';

/**
 * Who may call a route, declared in the route table (`config.access`) and
 * read back from the *matched* route, never from the URL text: the router
 * decodes `/v%31/…` to `/v1/…`, so any decision taken on the raw string can
 * be spelled around.
 *
 * - `public`: anyone (the API document).
 * - `enrolment`: anyone with an enrolment code (checked by the handler, rate-limited).
 * - `kiosk`: an enrolled kiosk's client certificate.
 * - `citizen`: a kiosk certificate and a citizen session bound to that kiosk.
 * - `demo`: demo profile only; production does not register these routes at all.
 */
export const ACCESS_LEVELS = ['public', 'enrolment', 'kiosk', 'citizen', 'demo'] as const;
export type RouteAccess = (typeof ACCESS_LEVELS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** `citizen` routes a citizen may use while a bank temporary password is still unchanged. */
    openWithTemporaryPassword?: boolean;
  }
}

export function isRouteAccess(value: unknown): value is RouteAccess {
  return typeof value === 'string' && (ACCESS_LEVELS as readonly string[]).includes(value);
}

/** The declaration of a route as Fastify holds it (routeOptions or onRoute), or undefined. */
function accessOf(config: unknown): RouteAccess | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const access = (config as { access?: unknown }).access;
  return isRouteAccess(access) ? access : undefined;
}

/** A route Fastify is about to add: refuse it outright unless it says who may call it. */
function requireDeclaration(route: RouteOptions): void {
  if (!accessOf(route.config)) {
    throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access: ${ACCESS_LEVELS.join(' | ')})`);
  }
}

interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}
const tables = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route the app registered (HEAD twins included) with its declaration: what the route-table spec and the attack suite walk. */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return tables.get(app) ?? [];
}

/** The route this request matched, or null when it matched none (the 404 handler answers it). */
function matchedAccess(request: FastifyRequest): RouteAccess | 'unmatched' | 'undeclared' {
  if (request.is404) return 'unmatched';
  return accessOf(request.routeOptions.config) ?? 'undeclared';
}

/** The one authorisation hook: every request is decided by the matched route's declaration. */
export function installAccessControl(app: FastifyInstance, context: CentralContext): void {
  const table: DeclaredRoute[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    requireDeclaration(route);
    for (const method of [route.method].flat()) table.push({ method: String(method), url: route.url, access: accessOf(route.config) as RouteAccess });
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = matchedAccess(request);
    switch (access) {
      case 'unmatched':
      case 'public':
      case 'enrolment':
        return undefined;
      case 'demo':
        // Never registered under production; refuse anyway should one ever be.
        if (context.options.profile !== 'demo') return sendAnswer(reply, problem('not_found', 'No such route.'));
        return undefined;
      case 'undeclared':
        context.log.error({ route: request.routeOptions.url }, 'route without an access declaration refused');
        return sendAnswer(reply, problem('internal_error', 'This route is not available.'));
      case 'kiosk':
      case 'citizen':
        break;
    }
    const kiosk = await authenticateKiosk(request, context);
    if (isAnswer(kiosk)) return sendAnswer(reply, kiosk);
    request.kiosk = kiosk;
    if (access !== 'citizen') return undefined;
    const session = await authenticateCitizen(request, context, kiosk.kioskId);
    if (!isSession(session)) return sendAnswer(reply, session);
    request.citizen = session;
    if (request.routeOptions.config.openWithTemporaryPassword !== true) {
      const account = await findAccount(context.db, session.idNumber);
      if (account?.mustChangePassword) return sendAnswer(reply, problem('password_change_required', 'Change the temporary password first.'));
    }
    return undefined;
  });
}
