import { SerialLock } from '../../common/lock';

/**
 * This process's runs of completeBankActivations (activation.ts), one at a time (the periodic
 * tick, `POST /dev/bank-activations/run`, the embedder's call): a tick while a
 * run is under way is skipped, an explicit run waits its turn, and `close`
 * waits for the run under way and refuses new ones, so none outlives the
 * database. Correctness does not depend on it (see completeBankActivations);
 * it saves overlapping scrypt work and a run against a closed store.
 */
export class BankActivationRunner {
  readonly #lock = new SerialLock();
  #running = 0;
  #closed = false;

  constructor(private readonly complete: (options: { waitOver: boolean }) => Promise<number>) {}

  run(options: { waitOver: boolean }): Promise<number> {
    if (this.#closed) return Promise.resolve(0);
    this.#running += 1;
    return this.#lock.run(async () => {
      try {
        return this.#closed ? 0 : await this.complete(options);
      } finally {
        this.#running -= 1;
      }
    });
  }

  /** The periodic run: nothing if one is under way or queued. */
  tick(onError: (error: unknown) => void): void {
    if (this.#running > 0 || this.#closed) return;
    this.run({ waitOver: false }).catch(onError);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#lock.idle();
  }
}
