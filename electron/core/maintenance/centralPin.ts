import type { CentralError } from '../sync/centralError';

/**
 * Central's answer to a PIN check. `wrong` may say how many tries central
 * still allows that technician number (it counts across every kiosk);
 * `locked` is central's lock of the number, for `lockedForMs` more: `counted`
 * when this attempt was checked, wrong, and started it, otherwise nothing was
 * checked. `throttled`: central is reachable and refused to check now (its
 * rate limit), for `retryAfterMs`: nothing was checked, and the PIN is not
 * checked offline instead either.
 */
export type CentralPinCheck =
  | { outcome: 'verified'; name: string }
  | { outcome: 'wrong'; attemptsRemaining?: number }
  | { outcome: 'locked'; lockedForMs: number; counted: boolean }
  | { outcome: 'throttled'; retryAfterMs: number }
  | { outcome: 'unreachable' };

/**
 * Central's refusal of a PIN check as the desk reads it: a wrong PIN (with
 * central's tries left), central's lock of the number (423, whatever its
 * code: its time; counted when `attemptsRemaining` is 0: this attempt
 * started it), its rate limit (429: throttled, for its Retry-After), and
 * only what says central could not answer (network, 5xx, a garbled answer)
 * as unreachable, which sends the check to the offline verifiers. A 429 or
 * a 423 never does: central answered, and a refusal from central must not
 * become a check where its counts do not apply.
 */
export function centralPinRefusal(error: CentralError): CentralPinCheck {
  if (error.type !== 'problem') return { outcome: 'unreachable' };
  const { code, problem, status } = error;
  if (code === 'technician_pin_wrong') return problem.attemptsRemaining === undefined ? { outcome: 'wrong' } : { outcome: 'wrong', attemptsRemaining: problem.attemptsRemaining };
  if (code === 'technician_locked' || status === 423) {
    const seconds = Math.max(1, problem.lockedForSeconds ?? problem.retryAfterSeconds ?? 1);
    return { outcome: 'locked', lockedForMs: seconds * 1000, counted: problem.attemptsRemaining === 0 };
  }
  if (status === 429) return { outcome: 'throttled', retryAfterMs: Math.max(1, problem.retryAfterSeconds ?? 60) * 1000 };
  return { outcome: 'unreachable' };
}
