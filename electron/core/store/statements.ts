import type { z } from 'zod';
import type { RunOutcome, SqlParams } from './connection';

/** One statement a unit of work asks the store to run; the store answers with its result. */
export type Step =
  | { readonly op: 'run'; readonly sql: string; readonly params: SqlParams }
  | { readonly op: 'get'; readonly sql: string; readonly params: SqlParams }
  | { readonly op: 'all'; readonly sql: string; readonly params: SqlParams };

/**
 * A unit of work inside a transaction is a *generator*, not an async function:
 * it can only yield statements, so it cannot await the network (or anything
 * else) while `BEGIN IMMEDIATE` holds the write lock. TypeScript rejects an
 * async function or an async generator here, and the store refuses at run time
 * anything yielded that is not a statement.
 */
export type TxWork<T> = Generator<Step, T, unknown>;

/** The statement runner handed to a unit of work. Rows are validated with zod: the file is a boundary too. */
export interface Tx {
  run(sql: string, params?: SqlParams): TxWork<RunOutcome>;
  get<S extends z.ZodType>(schema: S, sql: string, params?: SqlParams): TxWork<z.infer<S> | undefined>;
  all<S extends z.ZodType>(schema: S, sql: string, params?: SqlParams): TxWork<z.infer<S>[]>;
}

const stepMark = Symbol('store.step');

export function isStep(value: unknown): value is Step {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[stepMark] === true;
}

function step(op: Step['op'], sql: string, params: SqlParams): Step {
  return Object.assign({ op, sql, params }, { [stepMark]: true });
}

export const tx: Tx = {
  *run(sql, params = []) {
    return (yield step('run', sql, params)) as RunOutcome;
  },
  *get(schema, sql, params = []) {
    const row: unknown = yield step('get', sql, params);
    return row === undefined ? undefined : schema.parse(row);
  },
  *all(schema, sql, params = []) {
    const rows = (yield step('all', sql, params)) as unknown[];
    return rows.map((row) => schema.parse(row));
  },
};
