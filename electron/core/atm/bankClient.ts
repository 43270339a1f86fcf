import { Agent, fetch as undiciFetch } from 'undici';
import type { BackoffPolicy } from '../../../common/backoff';
import { retry } from '../../../common/backoff';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { Clock } from '../../../common/time';
import { authoriseAnswerSchema, authoriseRequestSchema, bankProblemSchema } from '../../../drivers/bankHost/wire';
import type { AuthoriseAnswer, AuthoriseRequest } from '../../../drivers/bankHost/wire';

/**
 * The kiosk's side of the bank host (`POST /v1/authorise`): the card's PAN
 * and expiry with the EPP's enciphered PIN block, answered by the bank's
 * decision. Answers are read through the bank host's own zod schemas
 * (drivers/bankHost/wire.ts).
 *
 * Retrying: a PIN block the bank has seen may have used up one of the
 * card's three tries, so a request is tried again only when the bank cannot
 * have seen it — the connection was refused before anything was sent, or
 * the host said 503 before reading the body. A request sent whose answer
 * was lost (reset, timeout) is `answerLost` and is never sent again: the
 * person enters the PIN again, or gets the card back.
 */

export type BankCallError =
  /** Nothing reached the bank (refused, unreachable, 503 before reading): no PIN try was counted. */
  | { readonly type: 'unavailable'; readonly detail: string }
  /** Sent, but no answer came (reset, timeout): a PIN try may have been counted. */
  | { readonly type: 'answerLost'; readonly detail: string }
  /** The bank refused the request itself (an RFC 9457 problem): `problem` is its slug (`pin-block-unreadable`, …). */
  | { readonly type: 'refused'; readonly status: number; readonly problem: string }
  /** The bank answered something its own schema does not allow. */
  | { readonly type: 'badAnswer'; readonly detail: string };

export interface BankClient {
  authorise(request: AuthoriseRequest): Promise<Result<AuthoriseAnswer, BankCallError>>;
  close(): Promise<void>;
}

interface BankClientOptions {
  /** The bank host's base URL (https in production). */
  readonly url: string;
  /** The CA(s) the bank host's certificate must chain to; only these are trusted. */
  readonly caPem?: readonly string[];
  /** One request's limit; past it the answer counts as lost. */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Tries for a request the bank cannot have seen (the first included). */
  readonly attempts?: number;
  readonly backoff?: BackoffPolicy;
  readonly clock?: Clock;
}

const BANK_CLIENT_DEFAULTS = {
  timeoutMs: 10_000,
  connectTimeoutMs: 3_000,
  attempts: 3,
  backoff: { baseMs: 200, capMs: 1_000, jitter: 'full' } satisfies BackoffPolicy,
} as const;

/** Errors of a connection that never carried the request. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function causeCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.name : 'unknown';
}

/** How a failed exchange ended: whether the bank may have seen the request. */
function thrown(error: unknown): BankCallError {
  const code = causeCode(error);
  if (NOT_SENT.has(code)) return { type: 'unavailable', detail: code };
  return { type: 'answerLost', detail: code === 'TimeoutError' || code === 'AbortError' ? 'timeout' : code };
}

async function readJson(response: { text(): Promise<string> }): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createBankClient(options: BankClientOptions): BankClient {
  const timeoutMs = options.timeoutMs ?? BANK_CLIENT_DEFAULTS.timeoutMs;
  const agent = new Agent({
    connect: { ...(options.caPem ? { ca: [...options.caPem] } : {}), timeout: options.connectTimeoutMs ?? BANK_CLIENT_DEFAULTS.connectTimeoutMs },
    keepAliveTimeout: 10_000,
    connections: 2,
  });
  const endpoint = new URL('/v1/authorise', options.url);

  const once = async (body: string): Promise<Result<AuthoriseAnswer, BankCallError>> => {
    let response;
    try {
      response = await undiciFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher: agent,
      });
    } catch (error) {
      return err(thrown(error));
    }
    let answer: unknown;
    try {
      answer = await readJson(response);
    } catch (error) {
      return err(thrown(error));
    }
    if (response.status === 200) {
      const parsed = authoriseAnswerSchema.safeParse(answer);
      return parsed.success ? ok(parsed.data) : err({ type: 'badAnswer', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    }
    const problem = bankProblemSchema.safeParse(answer);
    const slug = problem.success ? problem.data.type.replace(/^.*\//, '') : `http-${response.status}`;
    // 503 is said before the body is read (drivers/bankHost/server.ts): the bank did not look at this PIN block.
    if (response.status === 503) return err({ type: 'unavailable', detail: slug });
    return err({ type: 'refused', status: response.status, problem: slug });
  };

  return {
    async authorise(request) {
      // Checked here as the bank would (a card whose stripe says month 13, say): refused without sending it.
      const checked = authoriseRequestSchema.safeParse(request);
      if (!checked.success) return err({ type: 'refused', status: 400, problem: 'invalid-body' });
      const body = JSON.stringify(checked.data);
      return retry(once.bind(null, body), {
        attempts: options.attempts ?? BANK_CLIENT_DEFAULTS.attempts,
        policy: options.backoff ?? BANK_CLIENT_DEFAULTS.backoff,
        again: (result) => !result.ok && result.error.type === 'unavailable',
        ...(options.clock ? { clock: options.clock } : {}),
      });
    },
    close: () => agent.close(),
  };
}
