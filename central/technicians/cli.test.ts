import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTechnicianTrack3 } from '../../common/rules/technicianCardSecret';
import { kioskCentralConfigSchema } from '../../common/wire/kiosk';
import type { PushedTechnician } from '../../common/wire/technicians';
import { cardVerifierMatches } from './cardVerifier';
import { verifySecret } from '../credentials/passwords';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, testDatabase, type TestCentral } from '../testing/harness';
import { runTechnicianCommand } from './cli';
import { standalone } from '../../common/testing/standalone';

/** Provisioning technicians for production: the CLI against a temporary data dir, and a central serving what it wrote. */
async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await runTechnicianCommand(argv, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out, err };
}

/** The secret a printed track 3 carries. */
function secretOf(track3: string): Uint8Array {
  const read = decodeTechnicianTrack3(track3);
  if (!read.ok) throw new Error(`not a technician track 3: ${read.error.type}`);
  return read.value.secret;
}

function verifierOf(pushed: readonly PushedTechnician[], technicianId: string): { name: string; hash: string } {
  const entry = pushed.find((t) => t.technicianId === technicianId);
  if (!entry || !('offlineVerifier' in entry) || !entry.offlineVerifier) throw new Error(`no verifier pushed for ${technicianId}`);
  return { name: entry.name, hash: entry.offlineVerifier.hash };
}

describe('technicians CLI', () => {
  let dataDir: string;
  /** Where the CLI writes: the data dir, and the database the test central runs on when that is not the data dir's file. */
  let store: string[];
  let central: TestCentral;
  let kiosk: TestKiosk;
  let added: { card: { cardNumber: string; track3: string; issuedAt: string } };
  const verify = (technicianId: string, pin: string) => kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId, pin } });
  const pushed = async () => kioskCentralConfigSchema.parse((await kiosk.call('/v1/kiosks/config')).body).technicians ?? [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-techcli-'));
    const database = await testDatabase(dataDir);
    store = ['--data-dir', dataDir, ...(database ? ['--database', database] : [])];
    // Added before any central ran on the data dir: the first start publishes it.
    const add = await cli(['add', ...store, '--id', '3001', '--name', 'Field Technician'], '2580\n');
    expect(add).toMatchObject({ code: 0 });
    added = JSON.parse(add.out) as typeof added;
    central = await startTestCentral({ dataDir, profile: 'production' });
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol(await central.issueEnrolmentCode())).status).toBe(201);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('add: the PIN hash and the card verifier written (never the PIN, never the card secret), the card printed, verified by central and pushed to kiosks', async () => {
    const row = (await central.rows("SELECT * FROM technicians WHERE technician_id = '3001'"))[0]!;
    expect(JSON.stringify(row)).not.toMatch(standalone('2580'));
    expect(row).not.toHaveProperty('offline_pin_hash');
    expect(row.card_issued_at).toEqual(expect.any(Number));
    const secret = secretOf(added.card.track3);
    expect(added.card.cardNumber).toBe('9999010000030018');
    expect(JSON.stringify(row)).not.toContain(Buffer.from(secret).toString('hex'));
    expect((await verify('3001', '2580')).status).toBe(200);
    const entry = verifierOf(await pushed(), '3001');
    expect(entry.name).toBe('Field Technician');
    expect(entry.hash).toBe(row.card_verifier);
    expect(await cardVerifierMatches('2580', secret, entry.hash)).toBe(true);
    expect(await cardVerifierMatches('2581', secret, entry.hash)).toBe(false);
    expect(await verifySecret('2580', entry.hash)).toBe(false);
  });

  it('issue-card: needs the current PIN, prints a new card whose secret the new verifier needs; the old card no longer matches', async () => {
    expect(await cli(['issue-card', ...store, '--id', '3001'], '1111\n')).toMatchObject({ code: 1, err: expect.stringContaining('not this technician’s PIN') });
    expect(await cli(['issue-card', ...store, '--id', '3999'], '2580\n')).toMatchObject({ code: 1, err: expect.stringContaining('no active technician') });
    const before = verifierOf(await pushed(), '3001').hash;
    const issued = await cli(['issue-card', ...store, '--id', '3001'], '2580\n');
    expect(issued).toMatchObject({ code: 0 });
    const card = (JSON.parse(issued.out) as typeof added).card;
    expect(card.track3).not.toBe(added.card.track3);
    await expect.poll(async () => verifierOf(await pushed(), '3001').hash, { timeout: 20_000 }).not.toBe(before);
    const now = verifierOf(await pushed(), '3001').hash;
    expect(await cardVerifierMatches('2580', secretOf(card.track3), now)).toBe(true);
    expect(await cardVerifierMatches('2580', secretOf(added.card.track3), now)).toBe(false);
    // Online, central checks the PIN: unchanged.
    expect((await verify('3001', '2580')).status).toBe(200);
  });

  it('reset-pin while central runs: the new PIN works, the old one does not, a new card is printed, the kiosks get the new verifier within seconds, and central’s wrong-PIN count starts again', async () => {
    for (let i = 0; i < 4; i++) expect((await verify('3001', '9999')).status).toBe(401);
    const before = verifierOf(await pushed(), '3001').hash;
    const reset = await cli(['reset-pin', ...store, '--id', '3001'], '4826\n');
    expect(reset).toMatchObject({ code: 0, out: expect.stringContaining('"pinReset"') });
    const card = (JSON.parse(reset.out) as typeof added).card;
    expect((await verify('3001', '2580')).status).toBe(401);
    const right = await verify('3001', '4826');
    expect(right.status).toBe(200);
    await expect.poll(async () => verifierOf(await pushed(), '3001').hash, { timeout: 20_000 }).not.toBe(before);
    expect(await cardVerifierMatches('4826', secretOf(card.track3), verifierOf(await pushed(), '3001').hash)).toBe(true);
    // After the reset (and the right PIN), five tries again.
    expect((await verify('3001', '9999')).body).toMatchObject({ attemptsRemaining: 4 });
  });

  it('disable: central refuses the technician like an unknown one, and kiosks stop getting their hash', async () => {
    expect(await cli(['disable', ...store, '--id', '3001'])).toMatchObject({ code: 0 });
    expect((await verify('3001', '4826')).body).toMatchObject({ code: 'technician_pin_wrong' });
    await expect.poll(async () => (await pushed()).some((t) => t.technicianId === '3001'), { timeout: 20_000 }).toBe(false);
    expect(JSON.parse((await cli(['list', ...store])).out)).toEqual({ technicians: [{ technicianId: '3001', name: 'Field Technician', active: false }] });
  });

  it('refuses a PIN on the command line, a bad or guessable PIN, a second add, and an unknown technician — writing nothing', async () => {
    const before = await central.snapshot();
    expect((await cli(['add', ...store, '--id', '3002', '--name', 'X', '--pin', '2580'])).code).toBe(2);
    expect((await cli(['add', ...store, '--id', '3002', '--name', 'X'], '25a0\n')).code).toBe(2);
    expect((await cli(['add', ...store, '--id', '3002', '--name', 'X'], '\n')).code).toBe(2);
    expect((await cli(['add', ...store, '--id', '3002', '--name', 'X'], '1234\n')).code).toBe(1);
    expect((await cli(['add', ...store, '--id', '3002', '--name', 'X'], '7777\n')).code).toBe(1);
    expect((await cli(['add', ...store, '--id', '3001', '--name', 'Again'], '2580\n')).code).toBe(1);
    expect((await cli(['reset-pin', ...store, '--id', '4444'], '2580\n')).code).toBe(1);
    expect((await cli(['disable', ...store, '--id', '0123'])).code).toBe(2);
    expect((await cli(['add', '--id', '3002', '--name', 'X'], '2580\n')).code).toBe(2);
    expect(await central.snapshot()).toBe(before);
  });
});
