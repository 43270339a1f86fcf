import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { keyedHash } from '../credentials/keyed';
import { int } from '../store/columns';
import type { Database } from '../store/database';

/** What @fastify/rate-limit asks a store for: the count in the key's current window and the milliseconds left in it. */
interface Counted {
  readonly current: number;
  readonly ttl: number;
}

type Callback = (error: Error | null, result?: Counted) => void;

/**
 * Rate-limit counters in central's database, so every central instance
 * behind the load balancer counts against the same numbers (and a restart
 * or a killed instance forgets nothing). A fixed window per key, as
 * @fastify/rate-limit's in-memory store keeps it: the first request opens
 * the window, later ones add to it until it ends. Keys name IDs, usernames,
 * tokens and addresses, so only their keyed hash is stored. One
 * transaction per count: on PostgreSQL SERIALIZABLE, so two instances
 * counting the same key at once never both see the same number.
 */
export function databaseRateLimitStore(db: Database, hashKey: Buffer, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  const count = (key: string, windowMs: number): Promise<Counted> =>
    db.transaction(async (tx) => {
      const at = now();
      const digest = keyedHash(hashKey, 'rate-limit', key);
      const row = await tx.get('SELECT hits, window_ends_at FROM rate_limits WHERE key_hash = ?', [digest]);
      if (!row || int(row, 'window_ends_at') <= at) {
        await tx.run('INSERT OR REPLACE INTO rate_limits (key_hash, hits, window_ends_at) VALUES (?, ?, ?)', [digest, 1, at + windowMs]);
        return { current: 1, ttl: windowMs };
      }
      const hits = int(row, 'hits') + 1;
      await tx.run('UPDATE rate_limits SET hits = ? WHERE key_hash = ?', [hits, digest]);
      return { current: hits, ttl: int(row, 'window_ends_at') - at };
    });
  return class DatabaseRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      count(key, timeWindow).then(
        (counted) => callback(null, counted),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore();
    }
  };
}

/** Windows that have ended count for nothing: dropped by the periodic sweep (server.ts). */
export async function dropEndedRateLimitWindows(db: Database, at: number = Date.now()): Promise<number> {
  return db.transaction(async (tx) => (await tx.run('DELETE FROM rate_limits WHERE window_ends_at <= ?', [at])).changes);
}
