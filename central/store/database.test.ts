import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachedCluster, createTemplateDatabase, type PostgresCluster, startPostgresCluster } from '../testing/postgres';
import { blob, int, optionalInt, text } from './columns';
import { type Database, type DatabaseLocation, parseDatabaseLocation } from './database';
import { openDatabase } from './openDatabase';
import { MIGRATIONS } from './migrations';
import { PostgresDatabase } from './postgresDatabase';

// The store's promises, the same on both engines: what every central route relies on.
let cluster: PostgresCluster;
const folders: string[] = [];
beforeAll(async () => {
  cluster = await startPostgresCluster();
  // The figure the report quotes (initdb + start on this machine, under whatever load it has).
  console.info(`postgres cluster started in ${cluster.startMs} ms`);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function freshLocation(engine: 'sqlite' | 'postgres'): Promise<DatabaseLocation> {
  if (engine === 'postgres') return { engine, url: await cluster.createDatabase('store') };
  const folder = mkdtempSync(join(tmpdir(), 'central-store-'));
  folders.push(folder);
  return { engine, path: join(folder, 'central.sqlite') };
}

async function columnsOf(db: Database, table: string): Promise<string[]> {
  const rows =
    db.engine === 'sqlite'
      ? await db.all(`SELECT name FROM pragma_table_info('${table}')`)
      : await db.all("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name <> 'rowid'", [table]);
  return rows.map((row) => text(row, 'name')).sort();
}

describe('database locations', () => {
  it('reads sqlite:<path> and postgres:// and refuses anything else without echoing a password', () => {
    expect(parseDatabaseLocation('sqlite:/var/lib/central/db.sqlite')).toEqual({ engine: 'sqlite', path: '/var/lib/central/db.sqlite' });
    expect(parseDatabaseLocation('postgres://central@127.0.0.1:5432/central')).toEqual({ engine: 'postgres', url: 'postgres://central@127.0.0.1:5432/central' });
    expect(() => parseDatabaseLocation('mysql://u:secret@h/db')).toThrow(/expected sqlite:<path> or postgres/);
    expect(() => parseDatabaseLocation('mysql://u:secret@h/db')).not.toThrow(/secret/);
  });
});

describe('both engines have the same schema from the one list of migrations', () => {
  it('every migration applies on both, twice-opened changes nothing, and each table has the same columns', async () => {
    const sqlite = await openDatabase(await freshLocation('sqlite'));
    const postgresLocation = await freshLocation('postgres');
    const postgres = await openDatabase(postgresLocation);
    try {
      const tables = await sqlite.tableNames();
      expect(tables.length).toBeGreaterThan(20);
      expect(await postgres.tableNames()).toEqual(tables);
      for (const table of tables) expect({ table, columns: await columnsOf(postgres, table) }).toEqual({ table, columns: await columnsOf(sqlite, table) });
      await postgres.transaction((tx) => tx.run('INSERT INTO kiosks (kiosk_id, enrolled_at) VALUES (?, ?)', ['K-1', 1]));
      // A second instance on the same database (another central process starting): migrations already done, data kept.
      const again = await openDatabase(postgresLocation);
      const version = await again.get('SELECT version FROM central_schema');
      expect(version && int(version, 'version')).toBe(MIGRATIONS.length);
      expect(await again.all('SELECT kiosk_id FROM kiosks')).toEqual([{ kiosk_id: 'K-1' }]);
      await again.close();
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('the store on %s', (engine) => {
  it('reads back what it wrote with the same column types (numbers, text, blobs, NULL, JSON fields, insertion order)', async () => {
    const db = await openDatabase(await freshLocation(engine));
    try {
      const now = 1_796_000_000_000; // beyond 32 bits: milliseconds since 1970
      await db.transaction(async (tx) => {
        await tx.run('INSERT INTO persons (id_number, holder_type, name_ar, name_en, date_of_birth, nationality, mobile, email, id_card_type, id_card_issued_on, id_card_expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', ['1000000001', 'citizen', 'أ', 'A', '1990-01-01', 'SA', null, null, 'national', '2020-01-01', '2030-01-01']);
        await tx.run('INSERT INTO fingerprints (id_number, finger, template) VALUES (?, ?, ?)', ['1000000001', 'right-index', new Uint8Array([0, 1, 254, 255])]);
        for (const [tx_id, type, bin] of [['b', 'card.retained', 3], ['a', 'card.retained', 4]] as const) {
          await tx.run('INSERT INTO outbox_events (kiosk_id, tx_id, kind, occurred_at, payload_json, content_hash, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', ['K', tx_id, 'telemetry', '2026-01-01T00:00:00Z', JSON.stringify({ type, binCount: bin }), 'h', now]);
        }
      });
      const fingerprint = await db.get('SELECT template FROM fingerprints WHERE id_number = ?', ['1000000001']);
      expect(fingerprint && [...blob(fingerprint, 'template')]).toEqual([0, 1, 254, 255]);
      const count = await db.get('SELECT COUNT(*) AS n, MAX(received_at) AS at FROM outbox_events');
      expect(count && [int(count, 'n'), int(count, 'at')]).toEqual([2, now]);
      const person = await db.get('SELECT mobile FROM persons');
      expect(person && optionalInt(person, 'mobile')).toBeNull();
      // Same occurred_at: insertion order (rowid) breaks the tie, the second event is the newest.
      const newest = await db.get(
        "SELECT tx_id, json_extract(payload_json, '$.binCount') AS bin FROM outbox_events WHERE json_extract(payload_json, '$.type') = ? ORDER BY occurred_at DESC, rowid DESC LIMIT 1",
        ['card.retained'],
      );
      expect(newest).toEqual({ tx_id: 'a', bin: 4 });
    } finally {
      await db.close();
    }
  });

  it('INSERT OR IGNORE keeps the first row, INSERT OR REPLACE the last, and a unique key refuses a second insert', async () => {
    const db = await openDatabase(await freshLocation(engine));
    try {
      const log = (last: number, body: string) =>
        db.transaction((tx) => tx.run('INSERT OR REPLACE INTO kiosk_logs (kiosk_id, upload_id, part, last, text, received_at) VALUES (?, ?, ?, ?, ?, ?)', ['K', 'u', 0, last, body, 1]));
      await log(0, 'first');
      await log(1, 'second');
      expect(await db.all('SELECT last, text FROM kiosk_logs')).toEqual([{ last: 1, text: 'second' }]);
      const link = (hash: string) => db.transaction((tx) => tx.run('INSERT OR IGNORE INTO audit_links (kiosk_id, seq, hash, received_at) VALUES (?, ?, ?, ?)', ['K', 1, hash, 1]));
      expect((await link('h1')).changes).toBe(1);
      expect((await link('h2')).changes).toBe(0);
      expect(await db.all('SELECT hash FROM audit_links')).toEqual([{ hash: 'h1' }]);
      const insert = () => db.transaction((tx) => tx.run("INSERT INTO idempotency (kiosk_id, key, request_hash, status, body_json, created_at) VALUES ('K', 'key', 'h', 200, '{}', 1)"));
      await insert();
      await expect(insert()).rejects.toThrow(/UNIQUE|unique/);
      const sms = await db.transaction((tx) => tx.run('INSERT INTO sms_log (to_mobile, purpose, sent_at) VALUES (?, ?, ?)', ['+966500000000', 'otp', 1]));
      expect(sms.lastId).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('a throw rolls the whole transaction back', async () => {
    const db = await openDatabase(await freshLocation(engine));
    try {
      await expect(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO kiosks (kiosk_id, enrolled_at) VALUES (?, ?)', ['K-1', 1]);
          throw new Error('refused half-way');
        }),
      ).rejects.toThrow('refused half-way');
      expect(await db.all('SELECT * FROM kiosks')).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('two instances racing the same check-then-write: exactly one writes, and each idempotency key is stored once', async () => {
    const location = await freshLocation(engine);
    const first = await openDatabase(location);
    const second = await openDatabase(location);
    try {
      // The OTP rule's shape: "no more than one send per id": a check, then an insert no unique key protects.
      const send = (db: Database, at: number) =>
        db.transaction(async (tx) => {
          const sent = await tx.get('SELECT COUNT(*) AS n FROM otp_sends WHERE id_number = ?', ['1000000001']);
          if (int(sent ?? { n: 0 }, 'n') > 0) return false;
          await tx.run('INSERT INTO otp_sends (id_number, sent_at) VALUES (?, ?)', ['1000000001', at]);
          return true;
        });
      const outcomes = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i % 2 === 0 ? first : second, i)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect(await first.all('SELECT COUNT(*) AS n FROM otp_sends')).toEqual([{ n: 1 }]);

      // The unique key is the final word on idempotency: concurrent first uses of one key, one row, the others refused.
      const claim = (db: Database) => db.transaction((tx) => tx.run("INSERT INTO idempotency (kiosk_id, key, request_hash, status, body_json, created_at) VALUES ('K', 'same', 'h', 200, '{}', 1)"));
      const claims = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => claim(i % 2 === 0 ? first : second)));
      expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
      expect(await second.all('SELECT COUNT(*) AS n FROM idempotency')).toEqual([{ n: 1 }]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('PostgreSQL transactions', () => {
  it('a serialization failure runs the whole body again, which then sees the other writer', async () => {
    const url = await cluster.createDatabase('serial');
    const first = await PostgresDatabase.open(url);
    const second = await PostgresDatabase.open(url);
    try {
      let firstRead: () => void = () => undefined;
      const readDone = new Promise<void>((resolve) => (firstRead = resolve));
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const seen: number[] = [];
      const slow = first.transaction(async (tx) => {
        const row = await tx.get('SELECT COUNT(*) AS n FROM otp_sends');
        seen.push(int(row ?? { n: 0 }, 'n'));
        if (seen.length === 1) {
          firstRead();
          await released; // the other instance writes and commits meanwhile: what this body read is stale
        }
        if (int(row ?? { n: 0 }, 'n') === 0) await tx.run('INSERT INTO otp_sends (id_number, sent_at) VALUES (?, ?)', ['1000000001', 1]);
      });
      await readDone;
      await second.transaction(async (tx) => {
        await tx.get('SELECT COUNT(*) AS n FROM otp_sends');
        await tx.run('INSERT INTO otp_sends (id_number, sent_at) VALUES (?, ?)', ['1000000001', 2]);
      });
      release();
      await slow;
      expect(seen).toEqual([0, 1]);
      expect(first.retries).toBe(1);
      expect(await first.all('SELECT sent_at FROM otp_sends')).toEqual([{ sent_at: 2 }]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('test databases copied from a migrated template (the PostgreSQL test stage)', () => {
  it('each copy starts with every migration applied and nothing in it, and what one copy writes the others never see', async () => {
    const template = await createTemplateDatabase(cluster, 'store_template');
    const copies = attachedCluster(cluster.baseUrl, template);
    const [first, second] = [await copies.createDatabase('copy'), await copies.createDatabase('copy')];
    expect(new URL(first).port).toBe(String(cluster.port));
    // Migrated already: its schema version is the last migration's before any central opens it.
    const probe = new pg.Client({ connectionString: first });
    await probe.connect();
    try {
      expect((await probe.query('SELECT version FROM central_schema')).rows).toEqual([{ version: MIGRATIONS.length }]);
    } finally {
      await probe.end();
    }
    const a = await openDatabase({ engine: 'postgres', url: first });
    const b = await openDatabase({ engine: 'postgres', url: second });
    try {
      expect(await a.tableNames()).toEqual(await b.tableNames());
      expect(await a.all('SELECT kiosk_id FROM kiosks')).toEqual([]);
      await a.transaction((tx) => tx.run('INSERT INTO kiosks (kiosk_id, enrolled_at) VALUES (?, ?)', ['K-copy', 1]));
      expect(await a.all('SELECT kiosk_id FROM kiosks')).toEqual([{ kiosk_id: 'K-copy' }]);
      expect(await b.all('SELECT kiosk_id FROM kiosks')).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
    await copies.dropDatabase(first);
    await copies.dropDatabase(second);
    await expect(copies.createDatabase('copy')).resolves.toMatch(/\/copy_[0-9a-f]{12}$/);
  });
});
