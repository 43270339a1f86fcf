import { Connection, type Row, type SqlParams } from './connection';
import type { Database, Tx } from './database';
import { migrate } from './migrations';

/**
 * SQLite in WAL mode with two connections: one writer, every write
 * transaction queued behind the previous one (BEGIN IMMEDIATE … COMMIT), and
 * one reader that sees only committed state, so nothing half-applied is ever
 * read.
 */
export class SqliteDatabase implements Database {
  readonly engine = 'sqlite';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
  ) {}

  static async open(path: string): Promise<SqliteDatabase> {
    const writer = await Connection.open(path);
    await writer.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    await migrate(writer);
    const reader = await Connection.open(path, 'readonly');
    await reader.exec('PRAGMA busy_timeout = 5000;');
    return new SqliteDatabase(writer, reader);
  }

  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.writer.run('BEGIN IMMEDIATE');
      try {
        const result = await body(this.writer);
        await this.writer.run('COMMIT');
        return result;
      } catch (error) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  get(sql: string, params: SqlParams = []): Promise<Row | undefined> {
    return this.reader.get(sql, params);
  }

  all(sql: string, params: SqlParams = []): Promise<Row[]> {
    return this.reader.all(sql, params);
  }

  async tableNames(): Promise<string[]> {
    const rows = await this.reader.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    return rows.map((row) => String(row.name));
  }

  async close(): Promise<void> {
    await this.queue;
    await this.reader.close();
    await this.writer.close();
  }
}
