import type { z } from 'zod';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { CentralError } from './centralError';
import type { FetchOutcome } from './respond';
import { settleCall } from './respond';

/**
 * How an online citizen call can end. There is no "queued": a citizen action
 * happens now, with central's answer, or not at all (ARCHITECTURE: "the kiosk
 * never queues a credential or a state change made for a citizen").
 */
export type CitizenCallError =
  | { type: 'centralUnavailable'; detail: string }
  | { type: 'problem'; status: number; code: string; detail: string; problem: Extract<CentralError, { type: 'problem' }>['problem'] }
  | { type: 'invalidResponse'; status: number; detail: string };

export interface CitizenTransport {
  sendJson(method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<FetchOutcome>;
}

export interface CitizenCallOptions<S extends z.ZodType> {
  /** The kiosk transaction id for this action: the same on every retry, so central applies it once. */
  idempotencyKey: string;
  /** The answer's schema: nothing central says is used unparsed. */
  response: S;
  /** A signed-in citizen's session token (`citizenSession` security). */
  sessionToken?: string;
  method?: 'GET' | 'POST';
}

export interface CitizenCallPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  timeoutMs: number;
  /** Pause before retry n (1-based); small, a person is waiting at the screen. */
  retryDelayMs: (retry: number) => number;
  sleep: (ms: number) => Promise<void>;
  onCall?: (outcome: { ok: true } | { ok: false; error: CentralError }) => void;
}

export const defaultCitizenPolicy: CitizenCallPolicy = {
  attempts: 3,
  timeoutMs: 10_000,
  retryDelayMs: (retry) => 250 * 2 ** (retry - 1),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Lost answers worth asking again with the same key: the request may or may not have been applied. */
function worthRetrying(error: CentralError): boolean {
  if (error.type === 'unreachable') return error.cause !== 'tls';
  return error.type === 'serverError' && (error.status === 502 || error.status === 503 || error.status === 504);
}

/**
 * One online citizen call with an Idempotency-Key. After a lost answer
 * (timeout, reset, a gateway's 5xx) it asks again with the SAME key, at most
 * `attempts` times in all; central answers a repeated key with the original
 * result. If central cannot be reached, the caller gets `centralUnavailable`
 * and shows the person that the service is unavailable.
 */
export async function callCitizen<S extends z.ZodType>(
  transport: CitizenTransport,
  path: string,
  body: unknown,
  options: CitizenCallOptions<S>,
  policy: CitizenCallPolicy = defaultCitizenPolicy,
): Promise<Result<z.infer<S>, CitizenCallError>> {
  if (!path.startsWith('/v1/citizens/')) throw new RangeError(`not a citizen route: ${path}`);
  const headers: Record<string, string> = { 'idempotency-key': options.idempotencyKey };
  if (options.sessionToken) headers['authorization'] = `Bearer ${options.sessionToken}`;
  let last: CentralError | null = null;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(policy.retryDelayMs(attempt - 1));
    const result = await settleCall(options.response, () => transport.sendJson(options.method ?? 'POST', path, body, headers, policy.timeoutMs));
    policy.onCall?.(result.ok ? { ok: true } : { ok: false, error: result.error });
    if (result.ok) return ok(result.value);
    last = result.error;
    if (!worthRetrying(last)) break;
  }
  if (last === null || last.type === 'unreachable' || last.type === 'serverError') {
    return err({ type: 'centralUnavailable', detail: last ? describe(last) : 'no attempt made' });
  }
  return err(last);
}

function describe(error: CentralError): string {
  return error.type === 'unreachable' ? `${error.cause}: ${error.detail}` : error.type === 'serverError' ? `HTTP ${error.status}` : error.type;
}
