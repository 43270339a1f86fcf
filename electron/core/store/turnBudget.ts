/**
 * How much of the event loop one piece of background work (opening an outbox
 * batch) may hold before it hands the loop back, so a renderer's call that
 * arrives meanwhile waits at most one slice, never the whole batch.
 */
export interface TurnBudget {
  /** The longest one turn of the work may run. */
  budgetMs: number;
  /** Monotonic milliseconds: performance.now in the core, a controlled clock in specs. */
  now: () => number;
  /** Hands the loop back: everything already waiting (I/O, a socket's message) runs first. */
  yieldTurn: () => Promise<void>;
}

/**
 * Half a millisecond: a renderer's getSnapshot answers in about a millisecond on
 * an idle core, so waiting behind one slice keeps the call well inside 1.5 times
 * that (issue 13), and a slice still opens tens of events.
 */
export const defaultTurnBudget: TurnBudget = {
  budgetMs: 0.5,
  now: () => performance.now(),
  yieldTurn: () => new Promise((resolve) => setImmediate(resolve)),
};

/** One run of work in turns: `spent()` says when this turn's budget is used up, `next()` yields and starts the next. */
export class Turns {
  private started: number;

  constructor(private readonly budget: TurnBudget) {
    this.started = budget.now();
  }

  spent(): boolean {
    return this.budget.now() - this.started >= this.budget.budgetMs;
  }

  async next(): Promise<void> {
    await this.budget.yieldTurn();
    this.started = this.budget.now();
  }
}
