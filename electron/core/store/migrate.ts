import { z } from 'zod';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { Store } from './store';

export interface Migration {
  version: number;
  name: string;
  /** One script; it runs inside the migration's own transaction. */
  sql: string;
}

type MigrationError = { type: 'newerSchema'; found: number; supported: number };

const versionRow = z.object({ version: z.number().int().nullable() });

/**
 * Brings the database up to the newest migration, each in its own
 * transaction, and refuses a database written by a newer kiosk version:
 * running old code on a newer schema could silently drop what it does not know.
 */
export async function migrate(store: Store, list: readonly Migration[]): Promise<Result<{ from: number; to: number }, MigrationError>> {
  const supported = list.reduce((max, m) => Math.max(max, m.version), 0);
  const from = await store.write(function* (tx) {
    yield* tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
    );
    const row = yield* tx.get(versionRow, 'SELECT MAX(version) AS version FROM schema_migrations');
    return row?.version ?? 0;
  });
  if (from > supported) return err({ type: 'newerSchema', found: from, supported });

  const pending = [...list].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    // exec() runs a multi-statement script; BEGIN IMMEDIATE/COMMIT around it keep it all-or-nothing.
    await store.raw(async (connection) => {
      await connection.run('BEGIN IMMEDIATE');
      try {
        await connection.exec(migration.sql);
        await connection.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
  return ok({ from, to: Math.max(from, supported) });
}
