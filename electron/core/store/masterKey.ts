import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';

/** The environment variable carrying the production wrapping key: 32 bytes, base64. */
const masterKeyVariable = 'KIOSK_STORE_KEY';

export type MasterKeyError = { type: 'missing'; variable: string } | { type: 'malformed'; where: string };

interface MasterKeySource {
  profile: 'demo' | 'production';
  env: Readonly<Record<string, string | undefined>>;
  /** Demo only: where a generated key is kept so the demo's data survives a restart. */
  demoKeyFile: string;
}

function decode(text: string, where: string): Result<Buffer, MasterKeyError> {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? ok(key) : err({ type: 'malformed', where });
}

/**
 * The key that wraps the kiosk's data key and private key. Production takes it
 * from the environment (the OS keystore or provisioning puts it there) and
 * never invents one; the demo makes one up and keeps it beside the database.
 */
export async function resolveMasterKey(source: MasterKeySource): Promise<Result<Buffer, MasterKeyError>> {
  const fromEnv = source.env[masterKeyVariable];
  if (fromEnv) return decode(fromEnv, masterKeyVariable);
  if (source.profile === 'production') return err({ type: 'missing', variable: masterKeyVariable });
  try {
    return decode(await readFile(source.demoKeyFile, 'utf8'), source.demoKeyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(source.demoKeyFile), { recursive: true });
  await writeFile(source.demoKeyFile, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return ok(key);
}
