import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type SqlParams = readonly SqlValue[];
export type Row = Record<string, unknown>;

/** One sqlite3 connection, promisified and nothing more. */
export class Connection {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string, mode: 'readwrite' | 'readonly' = 'readwrite'): Promise<Connection> {
    const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, flags, (error) => (error ? reject(error) : resolve(new Connection(db))));
    });
  }

  run(sql: string, params: SqlParams = []): Promise<{ changes: number; lastId: number }> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, [...params], function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  get(sql: string, params: SqlParams = []): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, [...params], (error: Error | null, row: Row | undefined) => (error ? reject(error) : resolve(row)));
    });
  }

  all(sql: string, params: SqlParams = []): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, [...params], (error: Error | null, rows: Row[]) => (error ? reject(error) : resolve(rows)));
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}
