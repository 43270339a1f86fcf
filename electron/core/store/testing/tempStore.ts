import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../openStore';
import type { OpenedStore, OpenStoreOptions } from '../openStore';

/** A store in a fresh temporary directory, for specs. `dispose` closes it and removes the directory. */
export async function openTempStore(options: Partial<OpenStoreOptions> = {}): Promise<OpenedStore & { dir: string; path: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-store-'));
  const path = join(dir, 'kiosk.db');
  const opened = await openStore({ path, masterKey: randomBytes(32), ...options });
  if (!opened.ok) throw new Error(`test store did not open: ${opened.error.type}`);
  return {
    ...opened.value,
    dir,
    path,
    async dispose() {
      await opened.value.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
