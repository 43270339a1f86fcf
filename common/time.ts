/**
 * Time as every part of the kiosk sees it: the core's session and journeys,
 * sync, the devices, main's supervisors, central. Tests pass a fake one (or
 * vitest's fake timers, which systemClock picks up because it reads the
 * globals at call time), so no spec waits on a real heartbeat or lockout.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

/**
 * The same clock whose timers never keep a process alive on their own (Node's
 * `unref`, where the runtime has it): for background work such as sync,
 * where the owner decides when the process ends.
 */
export const backgroundClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void } | null)?.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle),
};

/** The part of AbortSignal that sleep needs (common/ has no DOM or Node types). */
interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Resolves after `ms` (negative counts as 0) on the given clock, or at once
 * when `signal` aborts: a sleep is a pause, never an error. Answers whether
 * the whole time passed.
 */
export function sleep(ms: number, options: { signal?: AbortSignalLike; clock?: Clock } = {}): Promise<boolean> {
  const { signal, clock = systemClock } = options;
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (whole: boolean): void => {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      resolve(whole);
    };
    const aborted = (): void => finish(false);
    const timer = clock.setTimeout(() => finish(true), Math.max(0, ms));
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
