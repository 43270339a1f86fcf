import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEntry } from '../test/testing/bundledEntry';
import { startTestCentral, testDatabase } from './testing/harness';
import { testEngine } from './testing/postgres';
import { openDatabase } from './store/openDatabase';

/** Production is production: no demo population, no demo options, no demo or temporary data dir, and the command line's default. */
describe('the production profile', () => {
  it('does not seed the demo population and keeps no SMS text table', async () => {
    const central = await startTestCentral({ profile: 'production' });
    try {
      expect(await central.rows('SELECT COUNT(*) AS n FROM persons')).toEqual([{ n: 0 }]);
      expect(await central.rows('SELECT COUNT(*) AS n FROM accounts')).toEqual([{ n: 0 }]);
      expect((await central.db.tableNames()).filter((name) => name === 'sms_outbox' || name === 'demo_sms')).toEqual([]);
    } finally {
      await central.stop();
    }
  });

  it('trusts no bank by default (ATM attestations; test/security/bankAttestation.test.ts probes the rest)', async () => {
    const central = await startTestCentral({ profile: 'production' });
    try {
      expect(central.context.options.trustedBanks).toEqual([]);
      expect(central.context.bankTrust.size).toBe(0);
    } finally {
      await central.stop();
    }
  });

  it('refuses demo-only options', async () => {
    await expect(startTestCentral({ profile: 'production', populationSize: 20 })).rejects.toThrow(/demo-only options: populationSize/);
    await expect(startTestCentral({ profile: 'production', populationSeed: 1 })).rejects.toThrow(/demo-only options: populationSeed/);
  });

  it('refuses a data dir the demo profile has used (public demo passwords)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-profile-'));
    try {
      const demo = await startTestCentral({ dataDir, populationSize: 10 });
      await demo.stop();
      await expect(startTestCentral({ dataDir, profile: 'production' })).rejects.toThrow(/demo-profile database/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  // Refused before any store opens, so nothing differs by engine: the SQLite run (unit stage) covers it; the PostgreSQL stage saves four cold starts.
  it.skipIf(testEngine() === 'postgres')('is not started from the command line without a data dir, nor with a malformed option: one line, exit 2', { timeout: 120_000 }, async () => {
    const central = await bundledEntry('central/main.ts');
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [central, '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => resolve({ code, stderr }));
      });
    // Four cold starts: in parallel, and with room for a busy machine (each ends by itself, at once, on exit 2).
    const [none, badProfile, unknown, badDatabase] = await Promise.all([run(), run('--profile', 'staging'), run('--colour'), run('--data-dir', tmpdir(), '--database', 'mysql://central@db/central')]);
    expect(none).toEqual({ code: 2, stderr: expect.stringMatching(/^kiosk-central: the production profile needs --data-dir D: .*\n$/) as unknown as string });
    expect(badProfile).toEqual({ code: 2, stderr: expect.stringMatching(/^kiosk-central: --profile: .*\n$/) as unknown as string });
    expect(unknown).toEqual({ code: 2, stderr: expect.stringMatching(/^kiosk-central: Unknown option '--colour'.*\(options: --port, --data-dir, --database, --profile, --trusted-banks\)\n$/) as unknown as string });
    expect(badDatabase).toEqual({ code: 2, stderr: expect.stringMatching(/^kiosk-central: --database: expected sqlite:<path> or postgres:\/\/…\n$/) as unknown as string });
  });

  // A cold start of central beside two other busy workers: 3–14 s measured, and past the 30 s default at load 20.
  it('is what `npm run central` starts without --profile: /dev is not there', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-cli-'));
    // Under the PostgreSQL stage, `npm run central -- --data-dir D --database postgres://…` as central/README.md sets it up.
    const database = await testDatabase(dataDir);
    const child = spawn(process.execPath, [await bundledEntry('central/main.ts'), '--port', '0', '--data-dir', dataDir, ...(database ? ['--database', database] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const newline = out.indexOf('\n');
          if (newline >= 0) resolve(out.slice(0, newline));
        });
        child.once('exit', (code) => reject(new Error(`central exited ${String(code)}`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      const { request, Agent } = await import('undici');
      const agent = new Agent({ connect: { rejectUnauthorized: false } });
      for (const path of ['/dev', '/dev/sms', '/d%65v/sms', '/dev/enrolment-codes']) {
        const answer = await request(`${url}${path}`, { method: path.endsWith('codes') ? 'POST' : 'GET', dispatcher: agent });
        await answer.body.dump();
        expect(answer.statusCode, path).toBe(404);
      }
      await agent.close();
      if (database) {
        // It keeps its store where --database says: the enrolment code it printed is in that database.
        const db = await openDatabase({ engine: 'postgres', url: database });
        try {
          expect(await db.all('SELECT COUNT(*) AS n FROM enrolment_codes')).toEqual([{ n: 1 }]);
        } finally {
          await db.close();
        }
      }
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
