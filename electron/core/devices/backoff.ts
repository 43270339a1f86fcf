/**
 * Reconnect delays for a device that went away: base · 2^attempt, capped.
 * No jitter: a kiosk has one of each device, so there is no herd to spread.
 */
export interface ReconnectPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 250, capMs: 10_000 };

export function reconnectDelay(policy: ReconnectPolicy, attempt: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
}
