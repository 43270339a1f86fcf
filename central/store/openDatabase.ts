import type { Database, DatabaseLocation } from './database';

/** Opens (and migrates) the store at `location`: one source of migrations for both engines (store/migrations.ts). */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.engine === 'sqlite') {
    const { SqliteDatabase } = await import('./sqliteDatabase');
    return SqliteDatabase.open(location.path);
  }
  const { PostgresDatabase } = await import('./postgresDatabase');
  return PostgresDatabase.open(location.url);
}
