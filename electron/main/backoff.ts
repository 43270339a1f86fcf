export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay grows past this. */
  maxMs: number;
  factor?: number;
}

/** Exponential backoff without jitter: there is one process to restart, not a crowd to spread. */
export function backoffDelay(attempt: number, { initialMs, maxMs, factor = 2 }: BackoffPolicy): number {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(maxMs, initialMs * factor ** n);
}
