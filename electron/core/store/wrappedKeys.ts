import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { open, seal } from './payloadCipher';
import type { Tx, TxWork } from './statements';

const wrappedRow = z.object({ wrapped: z.instanceof(Buffer) });

export class WrappedKeyError extends Error {
  constructor(name: string) {
    super(`the stored key "${name}" does not open with this master key (wrong key, or the row was altered)`);
    this.name = 'WrappedKeyError';
  }
}

/** A secret stored encrypted under the master key, its name as associated data. */
export function* readWrapped(tx: Tx, masterKey: Buffer, name: string): TxWork<Buffer | undefined> {
  const row = yield* tx.get(wrappedRow, 'SELECT wrapped FROM wrapped_keys WHERE name = ?', [name]);
  if (!row) return undefined;
  const opened = open(masterKey, `wrapped-key:${name}`, row.wrapped);
  if (!opened.ok) throw new WrappedKeyError(name);
  return opened.value;
}

export function* writeWrapped(tx: Tx, masterKey: Buffer, name: string, secret: Buffer, now: number): TxWork<void> {
  yield* tx.run('INSERT OR REPLACE INTO wrapped_keys (name, wrapped, created_at) VALUES (?, ?, ?)', [name, seal(masterKey, `wrapped-key:${name}`, secret), now]);
}

/** The per-kiosk outbox data key: random, made once, stored wrapped. */
export function* loadOrCreateDataKey(tx: Tx, masterKey: Buffer, now: number): TxWork<Buffer> {
  const existing = yield* readWrapped(tx, masterKey, 'outbox-data-key');
  if (existing) return existing;
  const key = randomBytes(32);
  yield* writeWrapped(tx, masterKey, 'outbox-data-key', key, now);
  return key;
}
