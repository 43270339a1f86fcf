import { z } from 'zod';
import type { Tx, TxWork } from './statements';

/** Content fetched from central (service texts, lookup tables), kept with its ETag for conditional requests. */
interface CachedContent {
  etag: string | null;
  body: unknown;
  fetchedAt: number;
}

const cacheRow = z.object({ etag: z.string().nullable(), body: z.string(), fetched_at: z.number().int() });

export function* readCached(tx: Tx, key: string): TxWork<CachedContent | null> {
  const row = yield* tx.get(cacheRow, 'SELECT etag, body, fetched_at FROM central_cache WHERE key = ?', [key]);
  return row ? { etag: row.etag, body: JSON.parse(row.body) as unknown, fetchedAt: row.fetched_at } : null;
}

export function* writeCached(tx: Tx, key: string, value: CachedContent): TxWork<void> {
  yield* tx.run('INSERT OR REPLACE INTO central_cache (key, etag, body, fetched_at) VALUES (?, ?, ?, ?)', [key, value.etag, JSON.stringify(value.body), value.fetchedAt]);
}
