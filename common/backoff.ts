import { sleep, type Clock } from './time';

/**
 * One backoff policy for everything that tries again: sync and the outbox,
 * citizen calls, device reconnects, main's supervisors, the browser host's
 * socket. Delay before retry n (0-based) is min(cap, base·factor^n); with
 * full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog) it is
 * a uniform draw from [0, that), which spreads a fleet that lost central at
 * the same moment. `none` is for what has no crowd to spread (one reader,
 * one core process).
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Growth per attempt; 2 unless said. */
  readonly factor?: number;
  readonly jitter: 'full' | 'none';
}

/** `random` returns [0, 1), as Math.random does. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const n = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * (policy.factor ?? 2) ** n);
  return policy.jitter === 'full' ? Math.floor(random() * ceiling) : ceiling;
}

interface RetryOptions<T> {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly policy: BackoffPolicy;
  /** Whether a result is worth another try (a lost answer is; a refusal is not). */
  readonly again: (result: T) => boolean;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Replaces the pause between tries (tests). */
  readonly pause?: (ms: number) => Promise<unknown>;
}

/**
 * Runs `attempt` until it gives a result not worth trying again or the tries
 * run out, pausing by the policy between tries; answers the last result.
 * Failures are values here: `attempt` should not throw.
 */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const pause = options.pause ?? ((ms: number) => sleep(ms, { clock: options.clock }));
  let result = await attempt(0);
  for (let n = 1; n < options.attempts && options.again(result); n++) {
    await pause(backoffDelay(options.policy, n - 1, options.random));
    result = await attempt(n);
  }
  return result;
}
