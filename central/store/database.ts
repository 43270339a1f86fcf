import type { Row, SqlParams } from './connection';

/** What a transaction body may do: statements only, never the network (a body may run again, and writes wait behind it). */
export interface Tx {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastId: number }>;
  get(sql: string, params?: SqlParams): Promise<Row | undefined>;
  all(sql: string, params?: SqlParams): Promise<Row[]>;
}

/**
 * Central's store, whichever engine keeps it. Statements are written in
 * SQLite's dialect with `?` parameters; the PostgreSQL engine translates them
 * (store/dialect.ts). A transaction is all-or-nothing and sees no other
 * transaction's writes half-done: a check-then-write inside one is safe under
 * any number of concurrent writers (SQLite: one writer at a time; PostgreSQL:
 * SERIALIZABLE, the body run again on a serialization failure).
 */
export interface Database {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs `body` as one write transaction; a throw rolls everything back. The body may run more than once (PostgreSQL retries). */
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  /** Reads committed state outside any transaction. */
  get(sql: string, params?: SqlParams): Promise<Row | undefined>;
  all(sql: string, params?: SqlParams): Promise<Row[]>;
  /** The tables of central's schema (and the demo profile's), by name. */
  tableNames(): Promise<string[]>;
  close(): Promise<void>;
}

export type DatabaseLocation = { readonly engine: 'sqlite'; readonly path: string } | { readonly engine: 'postgres'; readonly url: string };

/** `sqlite:<path>` or `postgres://…` / `postgresql://…` (a connection string as libpq reads it). */
export function parseDatabaseLocation(spec: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//.test(spec)) return { engine: 'postgres', url: spec };
  if (spec.startsWith('sqlite:') && spec.length > 'sqlite:'.length) return { engine: 'sqlite', path: spec.slice('sqlite:'.length) };
  throw new Error(`database: expected sqlite:<path> or postgres://…, got ${JSON.stringify(spec.replace(/\/\/[^@/]*@/, '//…@'))}`);
}
