import type { SqlValue } from './connection';
import type { Tx } from './database';

type RowValues = Readonly<{ [column: string]: SqlValue }>;

/** Rows gathered per table before they are written (seeding, imports), in the order they were added. */
export class Rows {
  private readonly tables = new Map<string, RowValues[]>();

  add(table: string, row: RowValues): void {
    const rows = this.tables.get(table) ?? [];
    rows.push(row);
    this.tables.set(table, rows);
  }

  of(table: string): readonly RowValues[] {
    return this.tables.get(table) ?? [];
  }
}

/** Under SQLite's oldest limit on parameters per statement (999), whichever engine runs it. */
const MAX_PARAMETERS = 999;

/**
 * Inserts `rows` (all with the first row's columns) into `table`, many rows a
 * statement, in order. Table and column names come from our code, never from input.
 */
export async function insertRows(tx: Tx, table: string, rows: readonly RowValues[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  if (![table, ...columns].every((name) => /^[a-z_][a-z0-9_]*$/.test(name))) throw new Error(`insertRows: not a plain name in ${table} (${columns.join(', ')})`);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params = chunk.flatMap((row) =>
      columns.map((column) => {
        const value = row[column];
        if (value === undefined) throw new Error(`insertRows: ${table}.${column} missing from a row`);
        return value;
      }),
    );
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params);
  }
}
