import { Connection, type Row, type SqlParams } from './connection';
import { migrate } from './migrations';

/** What a transaction body may do: statements only, never the network (writes are serialised behind it). */
export interface Tx {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastId: number }>;
  get(sql: string, params?: SqlParams): Promise<Row | undefined>;
  all(sql: string, params?: SqlParams): Promise<Row[]>;
}

/**
 * SQLite in WAL mode with two connections: one writer, every write
 * transaction queued behind the previous one (BEGIN IMMEDIATE … COMMIT), and
 * one reader that sees only committed state, so nothing half-applied is ever
 * read.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
  ) {}

  static async open(path: string): Promise<Database> {
    const writer = await Connection.open(path);
    await writer.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    await migrate(writer);
    const reader = await Connection.open(path, 'readonly');
    await reader.exec('PRAGMA busy_timeout = 5000;');
    return new Database(writer, reader);
  }

  /** Runs `body` as one write transaction; a throw rolls everything back. */
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

  async close(): Promise<void> {
    await this.queue;
    await this.reader.close();
    await this.writer.close();
  }
}
