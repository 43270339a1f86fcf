import { retry } from '../../../common/backoff';
import type { BackoffPolicy } from '../../../common/backoff';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { SessionLanguage } from '../../../common/wire/citizen';
import type { routes } from '../../../common/wire/routes';
import type { CentralError } from './centralError';
import type { CentralHttp } from './httpClient';
import { callRoute } from './respond';
import type { RouteAnswer, RouteInput, RouteName } from './route';

/** The routes a citizen action calls: central's `/v1/citizens/…`. */
export type CitizenRoute = { [K in RouteName]: (typeof routes)[K]['url'] extends `/v1/citizens/${string}` ? K : never }[RouteName];

/**
 * One online citizen call: the route by name, its body and path parameters
 * typed from the route's schemas, and the action's Idempotency-Key.
 */
export type CitizenCall<K extends CitizenRoute> = {
  route: K;
  /** The kiosk transaction id for this action: the same on every retry, so central applies it once. */
  idempotencyKey: string;
  /** A signed-in citizen's session token (`citizenSession` security). */
  sessionToken?: string;
  /**
   * The language the person is using at the screen (the customer session's),
   * sent as `Accept-Language`: central writes every SMS this call causes in
   * it. Without it central uses the account's language.
   */
  language?: SessionLanguage;
} & RouteInput<K>;

/** A call to any one citizen route, its input belonging to its route. */
export type AnyCitizenCall = { [K in CitizenRoute]: CitizenCall<K> }[CitizenRoute];

/**
 * How an online citizen call can end. There is no "queued": a citizen action
 * happens now, with central's answer, or not at all (ARCHITECTURE: "the kiosk
 * never queues a credential or a state change made for a citizen").
 */
export type CitizenCallError =
  | { type: 'centralUnavailable'; detail: string }
  | { type: 'problem'; status: number; code: string; detail: string; problem: Extract<CentralError, { type: 'problem' }>['problem'] }
  | { type: 'invalidResponse'; status: number; detail: string };

export interface CitizenCallPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  timeoutMs: number;
  /** The pause before each retry; small, a person is waiting at the screen. */
  backoff: BackoffPolicy;
  /** Replaces the pause (specs). */
  pause?: (ms: number) => Promise<unknown>;
  onCall?: (outcome: { ok: true } | { ok: false; error: CentralError }) => void;
}

/** 250 ms, then 500 ms: no jitter, there is no crowd to spread, only one person waiting. */
export const defaultCitizenPolicy: CitizenCallPolicy = {
  attempts: 3,
  timeoutMs: 10_000,
  backoff: { baseMs: 250, capMs: 2_000, jitter: 'none' },
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
export async function callCitizen<K extends CitizenRoute>(
  http: CentralHttp,
  call: CitizenCall<K>,
  policy: CitizenCallPolicy = defaultCitizenPolicy,
): Promise<Result<RouteAnswer<K>, CitizenCallError>> {
  const { route, idempotencyKey, sessionToken, language } = call;
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey };
  if (sessionToken) headers['authorization'] = `Bearer ${sessionToken}`;
  if (language) headers['accept-language'] = language;
  const result = await retry(
    async () => {
      const answer = await callRoute(http, route, call, { headers, timeoutMs: policy.timeoutMs });
      policy.onCall?.(answer.ok ? { ok: true } : { ok: false, error: answer.error });
      return answer;
    },
    { attempts: policy.attempts, policy: policy.backoff, again: (answer) => !answer.ok && worthRetrying(answer.error), ...(policy.pause ? { pause: policy.pause } : {}) },
  );
  if (result.ok) return ok(result.value);
  const last = result.error;
  if (last.type === 'unreachable' || last.type === 'serverError') return err({ type: 'centralUnavailable', detail: describe(last) });
  return err(last);
}

function describe(error: CentralError): string {
  return error.type === 'unreachable' ? `${error.cause}: ${error.detail}` : error.type === 'serverError' ? `HTTP ${error.status}` : error.type;
}
