import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pino from 'pino';
import { type RunningCentral, startCentral, type StartCentralOptions } from '../server';
import { text } from '../store/columns';
import { sharedPostgresCluster, testEngine } from './postgres';

/**
 * A movable domain clock: tests jump it past OTP expiry and lock periods. Certificates keep real time. A `frozen`
 * clock stands still but for `advance`: a spec that stops 1 s short of a deadline stays short of it however long a
 * restart in between takes (a PostgreSQL restart on a loaded machine takes seconds).
 */
export class TestClock {
  private offset = 0;
  private readonly frozenAt: number | undefined;
  constructor(options: { readonly frozen?: boolean } = {}) {
    this.frozenAt = options.frozen ? Date.now() : undefined;
  }
  now = (): number => (this.frozenAt ?? Date.now()) + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface TestCentral extends RunningCentral {
  readonly clock: TestClock;
  readonly dataDir: string;
  /** Everything in every table (but those named), as a digest: "changes nothing" means this stays the same. */
  snapshot(except?: readonly string[]): Promise<string>;
  /** Rows of one table, for direct checks. */
  rows(sql: string, params?: readonly (string | number)[]): Promise<Record<string, unknown>[]>;
  /** The code in the newest SMS to this E.164 number. */
  lastCode(mobile: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Under CENTRAL_TEST_DATABASE=postgres, the data dir's own database in this process's throw-away cluster (a restart
 * spec that passes the same data dir finds the same database again); under SQLite, none (the data dir's file).
 */
export async function testDatabase(dataDir: string): Promise<string | undefined> {
  if (testEngine() !== 'postgres') return undefined;
  const marker = join(dataDir, 'test-database-url');
  const known = await readFile(marker, 'utf8').catch(() => undefined);
  if (known) return known;
  const url = await (await sharedPostgresCluster()).createDatabase('central');
  await writeFile(marker, url);
  return url;
}

/**
 * A real central server on a free port, in a fresh data dir, with cheap password hashing and silent logs.
 * A restart spec passes the same `dataDir` and `clock` again: the domain clock then carries on where it was.
 */
export async function startTestCentral(input: Partial<StartCentralOptions> & { readonly clock?: TestClock } = {}): Promise<TestCentral> {
  const { clock: given, ...options } = input;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'central-test-')));
  const clock = given ?? new TestClock();
  const database = options.database ?? (await testDatabase(dataDir));
  const central = await startCentral({
    port: 0,
    scryptCost: 1024,
    logger: pino({ level: 'silent' }),
    now: clock.now,
    bankActivationDelayMs: 60_000,
    ...options,
    dataDir,
    database,
  });
  return {
    ...central,
    clock,
    dataDir,
    snapshot: async (except = []) => {
      const hash = createHash('sha256');
      for (const name of await central.db.tableNames()) {
        // Rate-limit counters count requests, refused ones too (http/rateLimitStore.ts): not an effect of what was asked.
        if (except.includes(name) || name === 'rate_limits') continue;
        const rows = await central.db.all(`SELECT * FROM "${name}" ORDER BY rowid`);
        hash.update(name).update(JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value)));
      }
      return hash.digest('hex');
    },
    rows: (sql, params = []) => central.db.all(sql, params),
    lastCode: async (mobile) => {
      const row = await central.db.get('SELECT code FROM sms_outbox WHERE to_mobile = ? AND code IS NOT NULL ORDER BY id DESC LIMIT 1', [mobile]);
      if (!row) throw new Error(`no code sent to ${mobile}`);
      return text(row, 'code');
    },
    stop: async () => {
      await central.close();
      if (options.dataDir) return;
      if (database !== undefined && options.database === undefined) await (await sharedPostgresCluster()).dropDatabase(database);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
