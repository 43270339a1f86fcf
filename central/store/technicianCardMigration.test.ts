import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../common/demo/population';
import { cardVerifierMatches } from '../technicians/cardVerifier';
import { seedTechnicians } from '../technicians/technicians';
import { Connection } from './connection';
import { migrate, MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';

/**
 * Migration 11 (issue 13): the PIN-only hash kiosks got goes, the card
 * verifier and when the card was issued come (NULL until a card is issued).
 * Made from a store really at version 10, with a technician in it. Both
 * engines get the same columns (database.test.ts compares them).
 */
describe('migration 11: technicians’ card verifier instead of the PIN-only offline hash', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'central-mig11-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function atVersion10(path: string): Promise<void> {
    const old = await Connection.open(path);
    for (const [i, sql] of MIGRATIONS.slice(0, 10).entries()) await old.exec(`${sql}; PRAGMA user_version = ${i + 1};`);
    await old.run("INSERT INTO technicians (technician_id, name, pin_hash, offline_pin_hash) VALUES ('1001', 'Technician One', 'scrypt$16384$8$1$AAAA$BBBB', 'scrypt$16384$8$1$CCCC$DDDD')");
    await old.close();
  }

  it('drops offline_pin_hash, adds card_verifier and card_issued_at (NULL), keeps the technician and central’s own PIN hash', async () => {
    const path = join(dir, 'a.sqlite');
    await atVersion10(path);
    const connection = await Connection.open(path);
    expect(await migrate(connection)).toBe(MIGRATIONS.length);
    expect((await connection.get('PRAGMA user_version'))?.user_version).toBe(11);
    const columns = (await connection.all('PRAGMA table_info(technicians)')).map((c) => c['name']);
    expect(columns).toEqual(['technician_id', 'name', 'pin_hash', 'active', 'card_verifier', 'card_issued_at']);
    expect(await connection.all('SELECT * FROM technicians')).toEqual([
      { technician_id: '1001', name: 'Technician One', pin_hash: 'scrypt$16384$8$1$AAAA$BBBB', active: 1, card_verifier: null, card_issued_at: null },
    ]);
    await connection.close();
  });

  it('the demo profile’s seed then makes the lab technicians’ verifiers from their cards’ secrets (the lab cards carry them)', async () => {
    const path = join(dir, 'b.sqlite');
    await atVersion10(path);
    const db = await openDatabase({ engine: 'sqlite', path });
    try {
      expect(await seedTechnicians(db, { N: 1024, r: 8, p: 1 })).toBe(0);
      const row = await db.get("SELECT card_verifier, card_issued_at FROM technicians WHERE technician_id = '1001'");
      const lab = generatePopulation().technicians.find((t) => t.techId === '1001')!;
      expect(row?.['card_issued_at']).toEqual(expect.any(Number));
      expect(await cardVerifierMatches(lab.pin, Buffer.from(lab.cardSecret, 'hex'), String(row?.['card_verifier']))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
