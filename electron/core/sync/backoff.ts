export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * "Full jitter" (AWS architecture blog): random(0, min(cap, base·2^attempt)).
 * Spreads a fleet of kiosks that lost central at the same moment, so they do
 * not all come back in the same second. `random` returns [0, 1).
 */
export function fullJitterDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
