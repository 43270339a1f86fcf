import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { decodeJwt } from 'jose';
import { checkIdNumber, type RulesConfig } from '../../common/rules';
import { problem, sendAnswer } from './answers';

/**
 * Rate limits (@fastify/rate-limit's stores and windows), chosen by what the
 * request *matched*: each route declares its class in its route `config`
 * next to `access` (`rateLimitClass`), never read off the URL text, so no
 * spelling of a path (or of a body) meets other limits than its route's.
 *
 * - `kiosk` (the default for a route that declares nothing): per kiosk (its
 *   certificate; the source address where there is none), so one kiosk
 *   cannot sweep the registry or lock accounts wholesale.
 * - `citizen`: per kiosk, and per target — the ID, username or challenge a
 *   request is about, from any kiosk — so one person cannot be hammered.
 * - `technician`: per kiosk, and per technician number (the PIN check).
 * - `enrolment`: per source address (the public enrolment route).
 * - `none`: only with `rateLimitExemption`, the reason, or the route is
 *   refused at registration (like a route without `access`).
 *
 * The per-kiosk and per-address counts are taken as the request arrives
 * (onRequest, after the access hook has named the kiosk), before its body is
 * read: a malformed body, an unknown field or a schema failure is counted
 * like any other request. The per-target count needs the validated body
 * (preHandler). A path that matches no route is answered 404 with no work
 * and is not counted. Answers 429 `rate_limited` with Retry-After. Limits
 * come from the options: real under production, out of the way under demo
 * (the e2e suite runs every journey from one kiosk).
 */
export const RATE_LIMIT_CLASSES = ['kiosk', 'citizen', 'technician', 'enrolment', 'none'] as const;
type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which limits stand in front of the route (default `kiosk`). Not `rateLimit`: @fastify/rate-limit reads that key itself. */
    rateLimitClass?: RateLimitClass;
    /** Why a `none` route needs no limit; required with it, refused without it. */
    rateLimitExemption?: string;
  }
}

export interface RateLimits {
  readonly perKiosk: { readonly max: number; readonly windowSeconds: number };
  readonly perTarget: { readonly max: number; readonly windowSeconds: number };
  readonly enrolment: { readonly max: number; readonly windowSeconds: number };
}

export const PRODUCTION_RATE_LIMITS: RateLimits = {
  perKiosk: { max: 60, windowSeconds: 60 },
  perTarget: { max: 10, windowSeconds: 15 * 60 },
  enrolment: { max: 10, windowSeconds: 60 * 60 },
};

export const DEMO_RATE_LIMITS: RateLimits = {
  perKiosk: { max: 100_000, windowSeconds: 60 },
  perTarget: { max: 100_000, windowSeconds: 60 },
  enrolment: { max: 100_000, windowSeconds: 60 },
};

/** The ID a bank attestation names, unverified: only to count requests about that ID (it is verified before any use). */
function attestedSubject(compact: string): string | undefined {
  try {
    const { sub } = decodeJwt(compact);
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}

/** Whom a citizen request is about: what the person typed or the challenge or session it continues (the body as its route's schema left it). */
function citizenTarget(request: FastifyRequest, luhn: boolean): string {
  const body = bodyOf(request);
  const params = (request.params ?? {}) as Record<string, unknown>;
  const typed = typeof body.login === 'string' ? body.login : typeof body.idNumber === 'string' ? body.idNumber : typeof body.attestation === 'string' ? attestedSubject(body.attestation) : undefined;
  if (typed !== undefined) {
    const id = checkIdNumber(typed, { luhn });
    return id.ok ? `id:${id.value.digits}` : `login:${typed.trim().toLowerCase()}`;
  }
  if (request.citizen) return `id:${request.citizen.idNumber}`;
  if (typeof params.challengeId === 'string') return `challenge:${params.challengeId}`;
  if (typeof body.verificationToken === 'string') return `token:${body.verificationToken}`;
  return `kiosk:${kioskKey(request)}`;
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
}

const kioskKey = (request: FastifyRequest): string => request.kiosk?.kioskId ?? request.ip;

function isRateLimitClass(value: unknown): value is RateLimitClass {
  return typeof value === 'string' && (RATE_LIMIT_CLASSES as readonly string[]).includes(value);
}

/** The class a route declared, or the default; a declaration that is not one of the classes is refused at registration. */
function classOf(config: unknown): RateLimitClass {
  const declared = typeof config === 'object' && config !== null ? (config as { rateLimitClass?: unknown }).rateLimitClass : undefined;
  return declared === undefined ? 'kiosk' : isRateLimitClass(declared) ? declared : 'kiosk';
}

/** A route Fastify is about to add: a class it declares must be one, and `none` must say why (and only `none` may). */
export function checkRateLimitDeclaration(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): void {
  const config = (route.config ?? {}) as { rateLimitClass?: unknown; rateLimitExemption?: unknown };
  const name = `route ${String(route.method)} ${route.url}`;
  if (config.rateLimitClass !== undefined && !isRateLimitClass(config.rateLimitClass)) {
    throw new Error(`${name} declares an unknown rate-limit class ${JSON.stringify(config.rateLimitClass)} (${RATE_LIMIT_CLASSES.join(' | ')})`);
  }
  const reason = typeof config.rateLimitExemption === 'string' ? config.rateLimitExemption.trim() : '';
  if (config.rateLimitClass === 'none' && reason.length < 10) throw new Error(`${name} is exempt from rate limits without a reason (rateLimitExemption)`);
  if (config.rateLimitClass !== 'none' && config.rateLimitExemption !== undefined) throw new Error(`${name} gives an exemption reason but is not rateLimitClass 'none'`);
}

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** Takes the two settings it reads, not the whole context (options.ts imports the limits from here), and the store that keeps the counts. */
export async function installRateLimits(
  app: FastifyInstance,
  options: { readonly rateLimits: RateLimits; readonly rules: Pick<RulesConfig, 'idNumberLuhnCheck'> },
  store: FastifyRateLimitStoreCtor,
): Promise<void> {
  const limits = options.rateLimits;
  // The counts live in the database (rateLimitStore.ts): every central instance counts against the same numbers.
  await app.register(rateLimit, { global: false, store });
  app.addHook('onRoute', checkRateLimitDeclaration);
  const limiter = (name: string, { max, windowSeconds }: { max: number; windowSeconds: number }, key: (request: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator: (request) => `${name}:${key(request)}` }) as Limiter;
  const perKiosk = limiter('kiosk', limits.perKiosk, kioskKey);
  const perTarget = limiter('target', limits.perTarget, (request) => citizenTarget(request, options.rules.idNumberLuhnCheck));
  const perTechnician = limiter('target', limits.perTarget, (request) => `technician:${String(bodyOf(request).technicianId)}`);
  const enrolment = limiter('enrol', limits.enrolment, (request) => request.ip);

  const onArrival: Record<RateLimitClass, Limiter[]> = { kiosk: [perKiosk], citizen: [perKiosk], technician: [perKiosk], enrolment: [enrolment], none: [] };
  const onBody: Record<RateLimitClass, Limiter[]> = { kiosk: [], citizen: [perTarget], technician: [perTechnician], enrolment: [], none: [] };

  const refuse = (reply: FastifyReply, seconds: number) => {
    const retryAfter = Math.max(1, seconds);
    reply.header('retry-after', String(retryAfter));
    return sendAnswer(reply, problem('rate_limited', 'Too many requests; wait before trying again.', { retryAfterSeconds: retryAfter }));
  };
  const run = async (chain: readonly Limiter[], request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of chain) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) return refuse(reply, result.ttlInSeconds ?? 1);
    }
    return undefined;
  };

  // onRequest, after the access hook (installed first) has named the kiosk: before any body is read.
  app.addHook('onRequest', async (request, reply) => (request.is404 ? undefined : run(onArrival[classOf(request.routeOptions.config)], request, reply)));
  // preHandler: the body is parsed and validated, so the target is what the route's schema accepted.
  app.addHook('preHandler', async (request, reply) => (request.is404 ? undefined : run(onBody[classOf(request.routeOptions.config)], request, reply)));
}
