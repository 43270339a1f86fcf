import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kioskCentralConfigSchema } from '../../common/wire/kiosk';
import { verifySecret } from '../credentials/passwords';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, testDatabase, type TestCentral } from '../testing/harness';
import { runTechnicianCommand } from './cli';

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

describe('technicians CLI', () => {
  let dataDir: string;
  /** Where the CLI writes: the data dir, and the database the test central runs on when that is not the data dir's file. */
  let store: string[];
  let central: TestCentral;
  let kiosk: TestKiosk;
  const verify = (technicianId: string, pin: string) => kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId, pin } });
  const pushed = async () => kioskCentralConfigSchema.parse((await kiosk.call('/v1/kiosks/config')).body).technicians ?? [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-techcli-'));
    const database = await testDatabase(dataDir);
    store = ['--data-dir', dataDir, ...(database ? ['--database', database] : [])];
    // Added before any central ran on the data dir: the first start publishes it.
    expect(await cli(['add', ...store, '--id', '3001', '--name', 'Field Technician'], '2580\n')).toMatchObject({ code: 0 });
    central = await startTestCentral({ dataDir, profile: 'production' });
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol(await central.issueEnrolmentCode())).status).toBe(201);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('add: both hashes written (never the PIN), the technician verified by central and pushed to kiosks with the kiosk-side hash', async () => {
    const row = (await central.rows("SELECT * FROM technicians WHERE technician_id = '3001'"))[0]!;
    expect(JSON.stringify(row)).not.toContain('2580');
    expect(row.pin_hash).not.toBe(row.offline_pin_hash);
    expect((await verify('3001', '2580')).status).toBe(200);
    const entry = (await pushed()).find((t) => t.technicianId === '3001');
    expect(entry?.name).toBe('Field Technician');
    expect(await verifySecret('2580', entry!.pinHash)).toBe(true);
  });

  it('reset-pin while central runs: the new PIN works, the old one does not, the kiosks get the new hash within seconds, and central’s wrong-PIN count starts again', async () => {
    for (let i = 0; i < 4; i++) expect((await verify('3001', '9999')).status).toBe(401);
    const before = (await pushed()).find((t) => t.technicianId === '3001')!.pinHash;
    expect(await cli(['reset-pin', ...store, '--id', '3001'], '4826\n')).toMatchObject({ code: 0, out: expect.stringContaining('"pinReset"') });
    expect((await verify('3001', '2580')).status).toBe(401);
    const right = await verify('3001', '4826');
    expect(right.status).toBe(200);
    await expect.poll(async () => (await pushed()).find((t) => t.technicianId === '3001')?.pinHash, { timeout: 20_000 }).not.toBe(before);
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
