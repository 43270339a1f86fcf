import type { SessionEndReason } from '../../contract';
import type { Logger } from '../log';
import type { SessionEndedFact, SessionTally } from './sessionTally';

interface SessionOutcomeOptions {
  tally: SessionTally;
  /** Commits the outcome (the telemetry recorder: audit entry + outbox event in one transaction); resolves once it is committed, or failed. */
  record?: (fact: SessionEndedFact) => Promise<unknown>;
  now(): number;
  mode(): 'government' | 'atm';
  log: Logger;
  /** A hold ended: the result may be shown now (KioskCore pushes the snapshot). */
  released(): void;
}

/**
 * When a customer session's outcome is committed, and what the screen may
 * show until it is. A journey that reaches its result (central has done what
 * it was asked) settles the session's outcome at once, and the result is held
 * back from every renderer until that commit is done: a crash after the
 * person saw their result cannot lose its outcome. A session that ends
 * without a result (abandoned, nothing chosen, cancelled) gets its outcome
 * at its end, and the end's answer waits for that commit (`committed`).
 */
export class SessionOutcome {
  private pending: Promise<void> = Promise.resolve();
  private holds = 0;

  constructor(private readonly options: SessionOutcomeOptions) {}

  /** A result's outcome is being committed: the screen keeps what it showed before the result. */
  get holding(): boolean {
    return this.holds > 0;
  }

  /**
   * The journey changed: if it reached its result, the outcome is committed
   * now, and the result is held back until it is. Answers whether a hold began.
   */
  journeyChanged(sessionId: string | null, where: { finished: boolean; endsSession: boolean } | null): boolean {
    if (!sessionId || !where?.finished) return false;
    const fact = this.options.tally.settle(sessionId, this.options.now(), this.options.mode(), where.endsSession);
    // Nowhere to commit it (a core without telemetry): nothing to wait for.
    if (!fact || !this.options.record) return false;
    this.holds += 1;
    void this.write(fact).then(() => {
      this.holds -= 1;
      this.options.released();
    });
    return true;
  }

  /** The session ended: its outcome, unless its result settled it already. Resolves once that is committed. */
  sessionEnded(sessionId: string, reason: SessionEndReason): Promise<void> {
    const fact = this.options.tally.end(sessionId, reason, this.options.now(), this.options.mode());
    return fact ? this.write(fact) : this.pending;
  }

  /** Every outcome taken so far is committed (or failed and logged). */
  committed(): Promise<void> {
    return this.pending;
  }

  private write(fact: SessionEndedFact): Promise<void> {
    const { record, log } = this.options;
    // In order: an end's answer never comes before an earlier result's commit.
    this.pending = this.pending.then(async () => {
      if (!record) return;
      try {
        await record(fact);
      } catch (error) {
        // The recorder logs and answers its own failures; this is the unexpected kind.
        log.error({ event: 'telemetry.outcomeFailed', err: error }, 'session outcome not recorded');
      }
    });
    return this.pending;
  }
}
