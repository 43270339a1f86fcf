import { SerialLock } from '../../../common/lock';
import type { Connection } from './connection';
import { isStep, tx } from './statements';
import type { Step, Tx, TxWork } from './statements';

class StoreClosedError extends Error {
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}

/**
 * The kiosk's database: one connection, one lock. Every piece of work, reads
 * included, runs alone in its own transaction, so a reader never sees another
 * unit's half-done writes and no statement slips into someone else's BEGIN.
 */
export class Store {
  private readonly lock = new SerialLock();
  private closed = false;

  constructor(private readonly connection: Connection) {}

  /** Writes, atomically: `BEGIN IMMEDIATE … COMMIT`, or `ROLLBACK` and the error. */
  write<T>(work: (tx: Tx) => TxWork<T>): Promise<T> {
    return this.unit('BEGIN IMMEDIATE', work);
  }

  /** Reads from one consistent snapshot. */
  read<T>(work: (tx: Tx) => TxWork<T>): Promise<T> {
    return this.unit('BEGIN DEFERRED', work);
  }

  /** For migrations and pragmas only: statements outside any transaction, still under the lock. */
  raw<T>(job: (connection: Connection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return this.lock.run(() => job(this.connection));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lock.idle();
    await this.connection.close();
  }

  private unit<T>(begin: string, work: (tx: Tx) => TxWork<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return this.lock.run(async () => {
      await this.connection.run(begin);
      try {
        const result = await this.drive(work(tx));
        await this.connection.run('COMMIT');
        return result;
      } catch (error) {
        // SQLite may already have rolled back (e.g. SQLITE_FULL); a second ROLLBACK then fails harmlessly.
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  private async drive<T>(work: TxWork<T>): Promise<T> {
    let next = work.next();
    while (!next.done) {
      const step: unknown = next.value;
      if (!isStep(step)) {
        throw new TypeError('a transaction may yield only statements from its Tx (no promises, no network)');
      }
      let outcome: unknown;
      try {
        outcome = await this.execute(step);
      } catch (error) {
        // The unit may catch a failed statement (a unique constraint, say) and carry on.
        next = work.throw(error);
        continue;
      }
      next = work.next(outcome);
    }
    return next.value;
  }

  private execute(step: Step): Promise<unknown> {
    switch (step.op) {
      case 'run':
        return this.connection.run(step.sql, step.params);
      case 'get':
        return this.connection.get(step.sql, step.params);
      case 'all':
        return this.connection.all(step.sql, step.params);
    }
  }
}
