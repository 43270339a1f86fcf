/**
 * Central's domain clock: everything central times (OTP expiry and resend,
 * locks, verification tokens, sessions, enrolment codes, bank activations)
 * reads `now()`. It is a base clock (real time, or a test's) plus an offset
 * that only moves forward: `POST /dev/clock` moves it in the demo profile,
 * so an operator or an e2e spec can let a code expire without waiting.
 * Certificate dates and TLS checks never read it; they keep real time.
 */
export class DomainClock {
  private offset = 0;

  constructor(private readonly base: () => number = Date.now) {}

  readonly now = (): number => this.base() + this.offset;

  /** How far the clock has been moved forward in total, ms. */
  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`the domain clock only moves forward (got ${ms} ms)`);
    this.offset += ms;
  }
}
