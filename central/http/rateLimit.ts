import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { checkIdNumber, type RulesConfig } from '../../common/rules';
import { problem, sendAnswer } from './answers';

/**
 * Rate limits in front of every citizen endpoint (@fastify/rate-limit's
 * stores and windows): per kiosk, so one kiosk cannot sweep the registry or
 * lock accounts wholesale, and per target (the ID, username or challenge a
 * request is about, from any kiosk), so one person cannot be hammered; and per
 * source address on the public enrolment route. Answers 429 `rate_limited`
 * with Retry-After. Limits come from the options: real under production,
 * out of the way under demo (the e2e suite runs every journey from one kiosk).
 */
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

/** Whom a citizen request is about: what the person typed or the challenge or session it continues. */
function targetOf(request: FastifyRequest, luhn: boolean): string {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (typeof body.technicianId === 'string') return `technician:${body.technicianId}`;
  const typed = typeof body.login === 'string' ? body.login : typeof body.idNumber === 'string' ? body.idNumber : typeof body.attestation === 'string' ? attestedSubject(body.attestation) : undefined;
  if (typed !== undefined) {
    const id = checkIdNumber(typed, { luhn });
    return id.ok ? `id:${id.value.digits}` : `login:${typed.trim().toLowerCase()}`;
  }
  if (request.citizen) return `id:${request.citizen.idNumber}`;
  if (typeof params.challengeId === 'string') return `challenge:${params.challengeId}`;
  if (typeof body.verificationToken === 'string') return `token:${body.verificationToken}`;
  return `kiosk:${request.kiosk?.kioskId ?? request.ip}`;
}

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** Takes the two settings it reads, not the whole context: options.ts imports the limits from here. */
export async function installRateLimits(app: FastifyInstance, options: { readonly rateLimits: RateLimits; readonly rules: Pick<RulesConfig, 'idNumberLuhnCheck'> }): Promise<void> {
  const limits = options.rateLimits;
  await app.register(rateLimit, { global: false, cache: 50_000 });
  const limiter = (name: string, { max, windowSeconds }: { max: number; windowSeconds: number }, key: (request: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator: (request) => `${name}:${key(request)}` }) as Limiter;
  const perKiosk = limiter('kiosk', limits.perKiosk, (request) => request.kiosk?.kioskId ?? request.ip);
  const perTarget = limiter('target', limits.perTarget, (request) => targetOf(request, options.rules.idNumberLuhnCheck));
  const enrolment = limiter('enrol', limits.enrolment, (request) => request.ip);

  const refuse = (reply: FastifyReply, seconds: number) => {
    const retryAfter = Math.max(1, seconds);
    reply.header('retry-after', String(retryAfter));
    return sendAnswer(reply, problem('rate_limited', 'Too many requests; wait before trying again.', { retryAfterSeconds: retryAfter }));
  };

  // preHandler: the route has matched, its access hook has named the kiosk and the body is parsed.
  app.addHook('preHandler', async (request, reply) => {
    const { access } = request.routeOptions.config;
    const url = request.routeOptions.url ?? '';
    const chain: Limiter[] = access === 'enrolment' ? [enrolment] : access === 'citizen' || (access === 'kiosk' && (url.startsWith('/v1/citizens/') || url.startsWith('/v1/kiosks/technicians/'))) ? [perKiosk, perTarget] : [];
    for (const limit of chain) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) return refuse(reply, result.ttlInSeconds ?? 1);
    }
    return undefined;
  });
}
