import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { Connection } from './connection';
import { migrate } from './migrate';
import type { Migration } from './migrate';
import { migrations as kioskMigrations } from './schema';
import { Store } from './store';
import { loadOrCreateDataKey, WrappedKeyError } from './wrappedKeys';

export type OpenStoreError =
  | { type: 'newerSchema'; found: number; supported: number }
  | { type: 'wrongMasterKey' };

export interface OpenedStore {
  store: Store;
  /** Unwrapped in memory only; encrypts outbox payloads. */
  dataKey: Buffer;
  /** Wraps the data key and the kiosk's private key. */
  masterKey: Buffer;
}

export interface OpenStoreOptions {
  path: string;
  masterKey: Buffer;
  busyTimeoutMs?: number;
  now?: () => number;
  /** Tests only: a different migration list. */
  migrations?: readonly Migration[];
}

export async function openStore(options: OpenStoreOptions): Promise<Result<OpenedStore, OpenStoreError>> {
  const connection = await Connection.open(options.path);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  connection.configureBusyTimeout(busyTimeoutMs);
  // WAL + FULL: a COMMIT that returned is on disk, even if the power goes next (the outbox's promise).
  // secure_delete: a purged outbox row's bytes are overwritten, not left in free pages.
  await connection.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA secure_delete = ON;
    PRAGMA busy_timeout = ${busyTimeoutMs};
  `);
  const store = new Store(connection);
  const migrated = await migrate(store, options.migrations ?? kioskMigrations);
  if (!migrated.ok) {
    await store.close();
    return migrated;
  }
  const now = options.now ?? Date.now;
  try {
    const dataKey = await store.write((tx) => loadOrCreateDataKey(tx, options.masterKey, now()));
    return ok({ store, dataKey, masterKey: options.masterKey });
  } catch (error) {
    await store.close();
    if (error instanceof WrappedKeyError) return err({ type: 'wrongMasterKey' });
    throw error;
  }
}
