import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from './openStore';
import { migrations } from './schema';

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

async function dbPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-migrate-'));
  dirs.push(dir);
  return join(dir, 'kiosk.db');
}

const versions = z.object({ version: z.number().int(), name: z.string() });
const masterKey = randomBytes(32);

describe('migrations', () => {
  it('apply once, in order, and record themselves', async () => {
    const path = await dbPath();
    const extra = [...migrations, { version: 2, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);' }];
    for (let i = 0; i < 2; i++) {
      const opened = await openStore({ path, masterKey, migrations: extra });
      if (!opened.ok) throw new Error(opened.error.type);
      const applied = await opened.value.store.read((tx) => tx.all(versions, 'SELECT version, name FROM schema_migrations ORDER BY version'));
      expect(applied).toEqual([
        { version: 1, name: 'initial schema' },
        { version: 2, name: 'notes' },
      ]);
      await opened.value.store.close();
    }
  });

  it('run each migration in its own transaction: a failing one leaves the earlier ones and none of itself', async () => {
    const path = await dbPath();
    const broken = [...migrations, { version: 2, name: 'half done', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);' }];
    await expect(openStore({ path, masterKey, migrations: broken })).rejects.toThrow(/nowhere/);
    const opened = await openStore({ path, masterKey });
    if (!opened.ok) throw new Error(opened.error.type);
    const { store } = opened.value;
    expect(await store.read((tx) => tx.all(versions, 'SELECT version, name FROM schema_migrations'))).toEqual([{ version: 1, name: 'initial schema' }]);
    expect(await store.read((tx) => tx.all(z.object({ name: z.string() }), "SELECT name FROM sqlite_master WHERE name = 'half'"))).toEqual([]);
    await store.close();
  });

  it('refuse a database written by a newer kiosk', async () => {
    const path = await dbPath();
    const newer = await openStore({ path, masterKey, migrations: [...migrations, { version: 9, name: 'future', sql: 'SELECT 1;' }] });
    if (!newer.ok) throw new Error(newer.error.type);
    await newer.value.store.close();
    const older = await openStore({ path, masterKey });
    expect(older).toEqual({ ok: false, error: { type: 'newerSchema', found: 9, supported: 1 } });
  });

  it('refuse the wrong master key instead of making a new data key', async () => {
    const path = await dbPath();
    const first = await openStore({ path, masterKey });
    if (!first.ok) throw new Error(first.error.type);
    await first.value.store.close();
    expect(await openStore({ path, masterKey: randomBytes(32) })).toEqual({ ok: false, error: { type: 'wrongMasterKey' } });
    const again = await openStore({ path, masterKey });
    expect(again.ok && again.value.dataKey.equals(first.value.dataKey)).toBe(true);
    if (again.ok) await again.value.store.close();
  });
});
