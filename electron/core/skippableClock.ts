import type { Clock } from '../../common/time';

interface Pending {
  fn: () => void;
  /** When it is due, on this clock. */
  at: number;
  /** Order of scheduling, so timers due at the same instant run in the order they were set. */
  seq: number;
  handle: ReturnType<typeof setTimeout>;
}

/**
 * The demo core's clock: real time plus an offset that only moves forward.
 * `skip(ms)` moves it, and every pending timer is rescheduled against the new
 * time, so whatever became due runs at once (in due order) and the rest keep
 * their remaining wait. The dev dock skips the kiosk and the embedded central
 * ahead together, so a resend wait or a code's life can be shown without
 * waiting it out. Production uses the real clock and never this one.
 */
export class SkippableClock implements Clock {
  #offset = 0;
  #seq = 0;
  readonly #pending = new Map<object, Pending>();

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.#offset;
  }

  /** How far the clock has been skipped ahead in total, ms. */
  get skippedMs(): number {
    return this.#offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = {};
    const at = this.now() + Math.max(0, ms);
    this.#arm(id, fn, at, (this.#seq += 1));
    return id;
  }

  clearTimeout(id: unknown): void {
    if (typeof id !== 'object' || id === null) return;
    const pending = this.#pending.get(id);
    if (!pending) return;
    clearTimeout(pending.handle);
    this.#pending.delete(id);
  }

  /** Moves the clock `ms` forward; timers now due run on the next turn, earliest first. */
  skip(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
    this.#offset += ms;
    const all = [...this.#pending.entries()].sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq);
    for (const [id, pending] of all) {
      clearTimeout(pending.handle);
      this.#arm(id, pending.fn, pending.at, pending.seq);
    }
  }

  #arm(id: object, fn: () => void, at: number, seq: number): void {
    const handle = setTimeout(
      () => {
        this.#pending.delete(id);
        fn();
      },
      Math.max(0, at - this.now()),
    );
    this.#pending.set(id, { fn, at, seq, handle });
  }
}
