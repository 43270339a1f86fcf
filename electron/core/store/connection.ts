import sqlite3 from 'sqlite3';

/** What a statement may bind: SQLite's own types, nothing that needs a guess. */
export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[];

export interface RunOutcome {
  changes: number;
  lastId: number;
}

/**
 * The one sqlite3 connection, promisified and nothing more. Only `Store` holds
 * one: every other module reaches the database through the store's queue.
 */
export class Connection {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (error) => {
        if (error) reject(error);
        else resolve(new Connection(db));
      });
    });
  }

  configureBusyTimeout(ms: number): void {
    this.db.configure('busyTimeout', ms);
  }

  run(sql: string, params: SqlParams = []): Promise<RunOutcome> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, [...params], function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  get(sql: string, params: SqlParams = []): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, [...params], (error: Error | null, row: unknown) => {
        if (error) reject(error);
        else resolve(row);
      });
    });
  }

  all(sql: string, params: SqlParams = []): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, [...params], (error: Error | null, rows: unknown[]) => {
        if (error) reject(error);
        else resolve(rows);
      });
    });
  }

  /** Several statements without parameters (schema scripts, pragmas). */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (error: Error | null) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.close((error: Error | null) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }
}
