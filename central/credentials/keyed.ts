import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The central's hashing key: bearer secrets (session and verification
 * tokens, enrolment codes) and SMS codes are stored only as HMAC-SHA256
 * under it, so a copy of the database alone cannot test a 4-digit code or
 * match a token. Made on first start (`hash.key`, mode 0600, beside the CA
 * key); `CENTRAL_HASH_KEY` (hex, ≥ 32 bytes) overrides it, e.g. from a vault.
 */
export async function openHashKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const fromEnv = env.CENTRAL_HASH_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'hex');
    if (key.length < 32) throw new Error('CENTRAL_HASH_KEY must be at least 32 bytes of hex');
    return key;
  }
  const path = join(dataDir, 'hash.key');
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
    if (key.length >= 32) return key;
    throw new Error(`${path} is not a usable key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** HMAC-SHA256 of `text` under the central's key, hex; `purpose` keeps one kind of secret from matching another. */
export function keyedHash(key: Buffer, purpose: string, text: string): string {
  return createHmac('sha256', key).update(purpose).update('\0').update(text).digest('hex');
}
