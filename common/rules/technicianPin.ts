/**
 * RULES.md, technician PIN: 5 wrong PINs lock maintenance entry for 15
 * minutes, doubling with each further lockout; a right PIN starts the count
 * and the doubling again. One counter's arithmetic, pure (time comes in as
 * `now`): the kiosk keeps one per card and one for itself
 * (electron/core/maintenance/lockout.ts), central one per technician number
 * across every kiosk, replayed from its PIN checks (central/technicians).
 */
export const PIN_FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 15 * 60_000;

export interface PinLockCounter {
  /** Wrong PINs since the last lock (or the last right PIN). */
  readonly failures: number;
  /** Lockouts so far: the next one lasts FIRST_LOCK_MS × 2^lockouts. */
  readonly lockouts: number;
  /** Entry refused until then (ms); 0 when never locked. */
  readonly lockedUntil: number;
}

export const FRESH_PIN_COUNTER: PinLockCounter = { failures: 0, lockouts: 0, lockedUntil: 0 };

/** Whether entry is refused at `now`: the lock's end, or null. */
export function pinLockedUntil(counter: PinLockCounter, now: number): number | null {
  return counter.lockedUntil > now ? counter.lockedUntil : null;
}

/** Wrong PINs still allowed before the next lockout. */
export function pinAttemptsLeft(counter: PinLockCounter): number {
  return PIN_FAILURES_BEFORE_LOCK - counter.failures;
}

/** One wrong PIN at `now`: the counter after it, and how long the lock it started lasts (null when it started none). */
export function countWrongPin(counter: PinLockCounter, now: number): { counter: PinLockCounter; lockedForMs: number | null } {
  const failures = counter.failures + 1;
  if (failures < PIN_FAILURES_BEFORE_LOCK) return { counter: { ...counter, failures }, lockedForMs: null };
  const lockedForMs = FIRST_LOCK_MS * 2 ** counter.lockouts;
  return { counter: { failures: 0, lockouts: counter.lockouts + 1, lockedUntil: now + lockedForMs }, lockedForMs };
}
