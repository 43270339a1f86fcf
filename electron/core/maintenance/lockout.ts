/**
 * RULES.md, technician PIN: 5 wrong PINs lock maintenance entry for 15
 * minutes, doubling with each further lockout; counted per card and per
 * kiosk. Each attempt counts against both the technician's card and the
 * kiosk: the first of the two to reach 5 locks entry (a lock on the kiosk
 * refuses every card; a lock on a card refuses that card everywhere on this
 * kiosk). A right PIN clears the card's count and the kiosk's. Pure: time
 * comes in as `now`. Each counter follows the shared rule (common/rules/technicianPin),
 * the one central applies per technician across kiosks.
 */
import { countWrongPin, FRESH_PIN_COUNTER, pinAttemptsLeft, pinLockedUntil, type PinLockCounter } from '../../../common/rules/technicianPin';

export { FIRST_LOCK_MS, PIN_FAILURES_BEFORE_LOCK } from '../../../common/rules/technicianPin';

interface LockoutState {
  /** Entry refused until then (core clock), or null. */
  lockedUntil: number | null;
  /** Wrong PINs allowed before the next lockout (the fewer of card and kiosk). */
  attemptsLeft: number;
}

const KIOSK_KEY = 'kiosk';
const cardKey = (technicianId: string): string => `technician:${technicianId}`;

export class LockoutBook {
  private readonly counters = new Map<string, PinLockCounter>();

  /** Whether entry with this card is refused now. */
  state(technicianId: string, now: number): LockoutState {
    const counters = [KIOSK_KEY, cardKey(technicianId)].map((key) => this.counters.get(key) ?? FRESH_PIN_COUNTER);
    const until = Math.max(0, ...counters.map((c) => pinLockedUntil(c, now) ?? 0));
    return { lockedUntil: until > 0 ? until : null, attemptsLeft: Math.min(...counters.map(pinAttemptsLeft)) };
  }

  /** A wrong PIN: counted against the card and the kiosk. Answers the state after it (locked when either reached the limit). */
  fail(technicianId: string, now: number): LockoutState & { lockedForMs: number | null } {
    let lockedForMs: number | null = null;
    for (const key of [KIOSK_KEY, cardKey(technicianId)]) {
      const after = countWrongPin(this.counters.get(key) ?? FRESH_PIN_COUNTER, now);
      if (after.lockedForMs !== null) lockedForMs = Math.max(lockedForMs ?? 0, after.lockedForMs);
      this.counters.set(key, after.counter);
    }
    return { ...this.state(technicianId, now), lockedForMs };
  }

  /** The right PIN: the card's and the kiosk's counts start again (the doubling too). */
  succeed(technicianId: string): void {
    this.counters.delete(KIOSK_KEY);
    this.counters.delete(cardKey(technicianId));
  }

  /** For the store: what must survive a restart. */
  entries(): [string, PinLockCounter][] {
    return [...this.counters.entries()].map(([key, c]) => [key, { ...c }]);
  }

  restore(entries: readonly (readonly [string, PinLockCounter])[]): void {
    for (const [key, c] of entries) this.counters.set(key, { ...c });
  }
}
