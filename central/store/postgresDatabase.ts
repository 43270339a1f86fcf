import pg from 'pg';
import { retry, type BackoffPolicy } from '../../common/backoff';
import type { Row, SqlParams, SqlValue } from './connection';
import type { Database, Tx } from './database';
import { statementToPostgres, ddlToPostgres, withReplace } from './dialect';
import { MIGRATIONS } from './migrations';

/** SQLSTATEs after which the whole transaction is worth running again: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 12;
const BACKOFF: BackoffPolicy = { baseMs: 2, capMs: 200, jitter: 'full' };
/** Any number that fits: every central instance takes this lock while it migrates. */
const MIGRATION_LOCK = 0x6b696f736b;

// Values as SQLite's driver gives them, so store/columns.ts reads the same row the same way on both engines:
// int8 (COUNT, BIGINT columns) and numeric (SUM) as numbers, booleans (EXISTS) as 1/0. BYTEA is a Buffer on both.
const NUMBER_TYPES = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (NUMBER_TYPES.has(oid)) return (value: string) => Number(value);
    if (oid === pg.types.builtins.BOOL) return (value: string) => (value === 't' ? 1 : 0);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

function toPgValue(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

type Attempt<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly error: unknown; readonly again: boolean };

/**
 * PostgreSQL through a pool. Every write transaction is SERIALIZABLE and runs
 * again, whole, after a serialization failure or deadlock (bounded, with
 * jittered backoff): a check-then-write inside it behaves as under SQLite's
 * single writer, also with several central processes on the same database.
 * Reads outside a transaction see committed state.
 */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres';
  private readonly keys = new Map<string, { key: string[]; rowidIsIdentity: boolean }>();
  private readonly translated = new Map<string, ReturnType<typeof statementToPostgres>>();
  /** Serialization failures seen (and retried): tests and the bench read it. */
  retries = 0;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string, options: { max?: number } = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
    // An idle client whose server went away: the next checkout gets a fresh one; nothing to crash over.
    pool.on('error', () => undefined);
    const db = new PostgresDatabase(pool);
    try {
      await db.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return db;
  }

  /** One source of migrations for both engines; instances starting together take turns (an advisory lock). */
  private async migrate(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS central_schema (version INTEGER NOT NULL)');
      const row = (await client.query<{ version: number }>('SELECT version FROM central_schema')).rows[0];
      if (!row) await client.query('INSERT INTO central_schema (version) VALUES (0)');
      for (let version = row?.version ?? 0; version < MIGRATIONS.length; version += 1) {
        await client.query(ddlToPostgres(MIGRATIONS[version] ?? ''));
        await client.query('UPDATE central_schema SET version = $1', [version + 1]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return MIGRATIONS.length;
  }

  private async prepare(sql: string, client: pg.PoolClient | pg.Pool): Promise<string> {
    let translated = this.translated.get(sql);
    if (!translated) {
      translated = statementToPostgres(sql);
      this.translated.set(sql, translated);
    }
    if (!translated.replace) return translated.sql;
    const table = translated.replace.table;
    let key = this.keys.get(table);
    if (!key) {
      const { rows } = await client.query<{ name: string; identity: string }>(
        `SELECT a.attname AS name, '' AS identity FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = to_regclass($1) AND i.indisprimary
         UNION ALL SELECT '' AS name, a.attidentity::text AS identity FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = 'rowid'`,
        [table],
      );
      key = { key: rows.filter((r) => r.name !== '').map((r) => r.name), rowidIsIdentity: rows.some((r) => r.identity === 'a' || r.identity === 'd') };
      if (key.key.length === 0) throw new Error(`INSERT OR REPLACE INTO ${table}: the table has no primary key to replace by`);
      this.keys.set(table, key);
    }
    return withReplace(translated, key.key, key.rowidIsIdentity);
  }

  private async query(client: pg.PoolClient | pg.Pool, sql: string, params: SqlParams): Promise<pg.QueryResult<Row>> {
    let text = await this.prepare(sql, client);
    // lastId as SQLite gives it: the rowid of the row just inserted.
    if (/^\s*INSERT\s/i.test(text) && !/\bRETURNING\b/i.test(text)) text += ' RETURNING rowid';
    return client.query<Row>(text, params.map(toPgValue));
  }

  private tx(client: pg.PoolClient): Tx {
    return {
      run: async (sql, params = []) => {
        const result = await this.query(client, sql, params);
        const last = result.rows.at(-1)?.rowid;
        return { changes: result.rowCount ?? 0, lastId: typeof last === 'number' ? last : 0 };
      },
      get: async (sql, params = []) => (await this.query(client, sql, params)).rows[0],
      all: async (sql, params = []) => (await this.query(client, sql, params)).rows,
    };
  }

  async transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
    const once = async (): Promise<Attempt<T>> => {
      const client = await this.pool.connect();
      let broken = false;
      // The server gone mid-transaction (a restart, a failover): the next query fails with it; nothing to crash over.
      const lost = (): void => {
        broken = true;
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const value = await body(this.tx(client));
        await client.query('COMMIT');
        return { done: true, value };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        return { done: false, error, again: RETRYABLE.has(sqlState(error) ?? '') };
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    };
    const outcome = await retry(
      async (n) => {
        if (n > 0) this.retries += 1;
        return once();
      },
      { attempts: ATTEMPTS, policy: BACKOFF, again: (attempt) => !attempt.done && attempt.again },
    );
    if (outcome.done) return outcome.value;
    throw outcome.error;
  }

  async get(sql: string, params: SqlParams = []): Promise<Row | undefined> {
    return (await this.query(this.pool, sql, params)).rows[0];
  }

  async all(sql: string, params: SqlParams = []): Promise<Row[]> {
    return (await this.query(this.pool, sql, params)).rows;
  }

  async tableNames(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'central_schema' ORDER BY tablename");
    return rows.map((row) => row.name);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
