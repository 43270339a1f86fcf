/**
 * RULES.md, technician PIN: 5 wrong PINs lock maintenance entry for 15
 * minutes, doubling with each further lockout; counted per card and per
 * kiosk. Each attempt counts against both the technician's card and the
 * kiosk: the first of the two to reach 5 locks entry (a lock on the kiosk
 * refuses every card; a lock on a card refuses that card everywhere on this
 * kiosk). A right PIN clears the card's count and the kiosk's. Pure: time
 * comes in as `now`.
 */
export const PIN_FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 15 * 60_000;

interface Counter {
  failures: number;
  /** Lockouts so far: the next one lasts FIRST_LOCK_MS × 2^lockouts. */
  lockouts: number;
  lockedUntil: number;
}

export interface LockoutState {
  /** Entry refused until then (core clock), or null. */
  lockedUntil: number | null;
  /** Wrong PINs allowed before the next lockout (the fewer of card and kiosk). */
  attemptsLeft: number;
}

export const KIOSK_KEY = 'kiosk';
export const cardKey = (technicianId: string): string => `technician:${technicianId}`;

export class LockoutBook {
  private readonly counters = new Map<string, Counter>();

  /** Whether entry with this card is refused now. */
  state(technicianId: string, now: number): LockoutState {
    const keys = [KIOSK_KEY, cardKey(technicianId)];
    const counters = keys.map((key) => this.counters.get(key));
    const until = Math.max(0, ...counters.map((c) => c?.lockedUntil ?? 0));
    return {
      lockedUntil: until > now ? until : null,
      attemptsLeft: Math.min(...counters.map((c) => PIN_FAILURES_BEFORE_LOCK - (c?.failures ?? 0))),
    };
  }

  /** A wrong PIN: counted against the card and the kiosk. Answers the state after it (locked when either reached the limit). */
  fail(technicianId: string, now: number): LockoutState & { lockedForMs: number | null } {
    let lockedForMs: number | null = null;
    for (const key of [KIOSK_KEY, cardKey(technicianId)]) {
      const counter = this.counters.get(key) ?? { failures: 0, lockouts: 0, lockedUntil: 0 };
      counter.failures += 1;
      if (counter.failures >= PIN_FAILURES_BEFORE_LOCK) {
        const ms = FIRST_LOCK_MS * 2 ** counter.lockouts;
        counter.lockouts += 1;
        counter.failures = 0;
        counter.lockedUntil = now + ms;
        lockedForMs = Math.max(lockedForMs ?? 0, ms);
      }
      this.counters.set(key, counter);
    }
    return { ...this.state(technicianId, now), lockedForMs };
  }

  /** The right PIN: the card's and the kiosk's counts start again (the doubling too). */
  succeed(technicianId: string): void {
    this.counters.delete(KIOSK_KEY);
    this.counters.delete(cardKey(technicianId));
  }

  /** For the store: what must survive a restart. */
  entries(): [string, Counter][] {
    return [...this.counters.entries()].map(([key, c]) => [key, { ...c }]);
  }

  restore(entries: readonly (readonly [string, Counter])[]): void {
    for (const [key, c] of entries) this.counters.set(key, { ...c });
  }
}
