import { z } from 'zod';
import type { Tx, TxWork } from './statements';

/** The configuration central last pushed, as applied: its version, ETag and JSON. */
interface StoredConfiguration {
  version: string;
  etag: string | null;
  config: unknown;
  appliedAt: number;
}

const configurationRow = z.object({ version: z.string(), etag: z.string().nullable(), config_json: z.string(), applied_at: z.number().int() });

export function* readConfiguration(tx: Tx): TxWork<StoredConfiguration | null> {
  const row = yield* tx.get(configurationRow, 'SELECT version, etag, config_json, applied_at FROM configuration WHERE id = 1');
  if (!row) return null;
  return { version: row.version, etag: row.etag, config: JSON.parse(row.config_json) as unknown, appliedAt: row.applied_at };
}

export function* writeConfiguration(tx: Tx, value: StoredConfiguration): TxWork<void> {
  yield* tx.run('INSERT OR REPLACE INTO configuration (id, version, etag, config_json, applied_at) VALUES (1, ?, ?, ?, ?)', [
    value.version,
    value.etag,
    JSON.stringify(value.config),
    value.appliedAt,
  ]);
}
