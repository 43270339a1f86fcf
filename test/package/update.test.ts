import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rollout, UpdateStepFact } from '../../common/wire/updates';
import { CoreClient } from '../../electron/core/updates/coreClient';
import { bucketOf } from '../../electron/core/updates/rollout';
import { Keys, Repository, privateAptConfig, serveFiles, standInBaseSystem } from './testing/aptRepo';
import { stop } from '../support/process';
import { dpkg, entryOf, makeThrowawayRoot, startCentralAndLab } from './testing/debRoot';
import type { CentralInfo } from './testing/debRoot';

/**
 * Signed, staged updates (issue 16, item 4), as installed: three builds of the
 * kiosk package (1.0.0; 1.0.1; 1.0.2 whose core never starts) published by
 * reprepro to apt repositories signed with a throw-away agency key (and one
 * unsigned, one signed with another key), served on loopback. A kiosk installed
 * from 1.0.0 into a throw-away root runs its installed core against a
 * reference central and the lab; the INSTALLED kiosk-update runs with apt
 * pointed at a private state and that root (APT_CONFIG), and the test plays
 * systemd (it restarts the core when it exits). Central's rollout.json moves
 * the fleet; every step must be in central's ingested telemetry.
 */

const root = new URL('../..', import.meta.url).pathname;
const BASE_SYSTEM = ['adduser', 'passwd', 'systemd', 'chromium', 'cage', 'libc6', 'libgcc-s1', 'libstdc++6', 'libudev1', 'libusb-1.0-0'];

function whyNot(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'the package is for linux amd64';
  if (process.getuid?.() !== 0) return 'installing with dpkg --root and running the core as the kiosk user needs root';
  for (const tool of ['/usr/bin/dpkg-deb', '/usr/bin/dpkg', '/usr/bin/apt-get', '/usr/bin/reprepro', '/usr/bin/gpg', '/usr/bin/python3', '/usr/sbin/useradd'])
    if (!existsSync(tool)) return `${tool} is missing (npm test installs reprepro with apt as root)`;
  if (!existsSync(join(root, '.ci/node/bin/node'))) return 'no pinned Node in .ci/node to ship (. .ci/use-node.sh installs it)';
  return undefined;
}
const skipReason = whyNot();
if (skipReason) process.stderr.write(`update.test.ts skipped: ${skipReason}\n`);

const [A, B, C] = ['1.0.0', '1.0.1', '1.0.2'];
const started = Date.now();
let work = '';
let target = '';
const at = (path: string) => join(target, path);
const children: ChildProcess[] = [];
let server: { url: string; close(): Promise<void> } | undefined;
let aptConfig = '';
let centralDir = '';
let coreConfig: Record<string, unknown> = {};
let kioskId = '';
let core: { stop(): Promise<void>; stderr: string[] } | undefined;
let goodRepository: Repository | undefined;
const deb = (version: string) => join(work, `deb-${version}/kiosk_${version}_amd64.deb`);

function buildDeb(version: string, key: string): void {
  const run = spawnSync(process.execPath, ['scripts/packageDeb.mjs', '--no-lintian', `--version=${version}`, `--archive-key=${key}`, `--out=${join(work, `deb-${version}`)}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`package:deb ${version}: ${run.stderr}`);
}

/** A release whose core dies at start (a bad build): `from` repacked as `version`, its bundle replaced. */
function brokenRelease(from: string, version: string): void {
  const dir = join(work, `unpacked-${version}`);
  expect(spawnSync('dpkg-deb', ['-R', from, dir]).status).toBe(0);
  const control = join(dir, 'DEBIAN/control');
  writeFileSync(control, readFileSync(control, 'utf8').replace(/^Version: .*$/m, `Version: ${version}`));
  const pkg = join(dir, 'usr/lib/kiosk/app/package.json');
  writeFileSync(pkg, readFileSync(pkg, 'utf8').replace(/"version": "[^"]*"/, `"version": "${version}"`));
  writeFileSync(join(dir, 'usr/lib/kiosk/app/out/host/index.js'), "throw new Error('this release never starts');\n");
  mkdirSync(join(work, `deb-${version}`), { recursive: true });
  const built = spawnSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z1', '--build', dir, deb(version)], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  rmSync(dir, { recursive: true, force: true });
}

function setRollout(rollout: Omit<Rollout, 'healthDeadlineSeconds'> & { healthDeadlineSeconds?: number }): void {
  writeFileSync(join(centralDir, 'rollout.json'), JSON.stringify(rollout));
}

function setRepository(name: 'good' | 'unsigned' | 'rogue'): void {
  const config = { ...coreConfig, updates: { repository: `${server!.url}/${name}`, suite: 'stable', component: 'main', keyring: at('usr/share/keyrings/kiosk-archive-keyring.gpg') } };
  writeFileSync(at('etc/kiosk/config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** The installed core, started as its unit starts it, and started again whenever it exits (systemd's Restart=). */
function superviseCore(labDevices: Record<string, string>, enrolmentCode: string): { stop(): Promise<void>; stderr: string[] } {
  const [, , uid = '', gid = ''] = entryOf(readFileSync(at('etc/passwd'), 'utf8'), 'kiosk') ?? [];
  spawnSync('install', ['-d', '-m', '0700', '-o', uid, '-g', gid, at('run/kiosk')]);
  const line = (path: string): string => {
    const real = realpathSync(path);
    chownSync(real, 0, Number(gid));
    chmodSync(real, 0o660);
    return real;
  };
  coreConfig = {
    ...(JSON.parse(readFileSync(at('etc/kiosk/config.json'), 'utf8')) as Record<string, unknown>),
    kioskId,
    central: { url: centralInfo.url, caFile: at('etc/kiosk/central-ca.pem'), embedded: false },
    store: { dataDir: at('var/lib/kiosk') },
    devices: {
      fingerprint: { path: line(labDevices.fingerprint ?? ''), baudRate: 57600, noModemLines: true },
      cardSlot: { path: line(labDevices.cardSlot ?? ''), baudRate: 38400, noModemLines: true },
      printer: { path: line(labDevices.printer ?? ''), baudRate: 115200, noModemLines: true, widthDots: 576 },
      magstripe: null,
      simulated: false,
    },
  };
  setRepository('good');
  const stderr: string[] = [];
  let child: ChildProcess | undefined;
  let stopping = false;
  const start = (): void => {
    // The unit's own command line, read again at every start (an upgrade may change it), the root in front of its paths.
    const unit = readFileSync(at('lib/systemd/system/kiosk-core.service'), 'utf8');
    const words = /^ExecStart=(.*)$/m.exec(unit)?.[1]?.split(' ') ?? [];
    const [program = '', ...args] = words.map((word) => word.replace(/^(--[a-z-]+=)?\//, (_, flag: string | undefined) => `${flag ?? ''}${target}/`));
    const env: Record<string, string> = {};
    for (const [, key = '', value = ''] of readFileSync(at('etc/kiosk/store.env'), 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=(.*)$/gm)) env[key] = value;
    child = spawn(program, args, {
      cwd: '/',
      uid: Number(uid),
      gid: Number(gid),
      env: { ...env, PATH: '/usr/bin:/bin', HOME: at('var/lib/kiosk'), USER: 'kiosk', NODE_ENV: 'production', KIOSK_ENROLMENT_CODE: enrolmentCode },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    writeFileSync(join(work, 'core.pid'), String(child.pid));
    child.once('exit', () => {
      // RestartSec=: a core that dies at once is not started in a tight loop.
      if (!stopping) setTimeout(start, 1_000);
    });
  };
  start();
  return {
    stderr,
    stop: async () => {
      stopping = true;
      await stop(child);
    },
  };
}

let centralInfo: CentralInfo;

/** One run of the installed kiosk-update, as its unit runs it (apt pointed at the private state and the root). */
function runUpdater(): Promise<{ code: number | null; stderr: string }> {
  const restart = join(work, 'restart-core.sh');
  writeFileSync(restart, `#!/bin/sh\nkill -TERM "$(cat ${join(work, 'core.pid')})" 2>/dev/null || true\n`, { mode: 0o755 });
  const child = spawn(
    at('usr/lib/kiosk/node/bin/node'),
    [at('usr/lib/kiosk/app/out/updater/index.js'), `--config=${at('etc/kiosk/config.json')}`, `--state=${join(work, 'update/state.json')}`, `--control-socket=${at('run/kiosk/control.sock')}`, `--restart-command=${restart}`, '--poll-seconds=1'],
    { env: { ...process.env, APT_CONFIG: aptConfig }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr: stderr.join('') })));
}

function installedVersion(): string {
  return spawnSync('dpkg-query', [`--admindir=${at('var/lib/dpkg')}`, '--showformat=${Version}', '--show', 'kiosk'], { encoding: 'utf8' }).stdout.trim();
}

/** The update steps central ingested from this kiosk's outbox, in the kiosk's order. */
async function ingestedSteps(): Promise<UpdateStepFact[]> {
  const db = new sqlite3.Database(join(centralDir, 'central.sqlite'), sqlite3.OPEN_READONLY);
  try {
    const rows = await new Promise<{ payload_json: string }[]>((resolve, reject) =>
      db.all("SELECT payload_json FROM outbox_events WHERE kind = 'telemetry' AND json_extract(payload_json, '$.type') = 'update.step'", (error, r: { payload_json: string }[]) => (error ? reject(error) : resolve(r))),
    );
    return rows
      .map((row) => JSON.parse(row.payload_json) as UpdateStepFact & { audit: { seq: number } })
      .sort((a, b) => a.audit.seq - b.audit.seq)
      .map(({ step, fromVersion, toVersion, reason }) => ({ step, fromVersion, toVersion, reason }));
  } finally {
    db.close();
  }
}

/** Waits (a state, not a time) until central has ingested `count` steps; the outbox delivers them in the background. */
async function stepsAtCentral(count: number): Promise<UpdateStepFact[]> {
  for (;;) {
    const steps = await ingestedSteps();
    if (steps.length >= count) return steps;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits until the running core is the given version and healthy (what the updater checks). */
async function healthyAt(version: string): Promise<void> {
  const client = new CoreClient(at('run/kiosk/control.sock'));
  for (;;) {
    const health = await client.health();
    if (health.ok && health.value.version === version && health.value.heartbeatAccepted && health.value.ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const always = { start: '00:00', end: '00:00', utcOffsetMinutes: 0 };
/** A window that closed an hour ago (and opens in 22 hours). */
function closedWindow(): Rollout['maintenanceWindow'] {
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  return { start: hhmm(Date.now() + 22 * 3_600_000), end: hhmm(Date.now() - 3_600_000), utcOffsetMinutes: 0 };
}

describe.skipIf(skipReason !== undefined)('signed, staged updates from an apt repository', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kiosk-update-'));
    chmodSync(work, 0o755);
    // The agency's signing key, and another party's.
    const keys = new Keys(join(work, 'gnupg'));
    const agency = keys.create('Kiosk Test Agency');
    const rogue = keys.create('Someone Else');
    keys.exportArmored(agency, join(work, 'agency.asc'));
    buildDeb(A, join(work, 'agency.asc'));
    buildDeb(B, join(work, 'agency.asc'));
    brokenRelease(deb(B), C);
    const repos = join(work, 'repos');
    goodRepository = new Repository(join(repos, 'good'), keys, agency);
    goodRepository.publish(deb(B));
    new Repository(join(repos, 'unsigned'), keys, null).publish(deb(B));
    new Repository(join(repos, 'rogue'), keys, rogue).publish(deb(B));
    server = await serveFiles(repos);

    target = makeThrowawayRoot();
    standInBaseSystem(target, BASE_SYSTEM);
    const installed = dpkg(target, '--install', deb(A));
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    aptConfig = privateAptConfig(join(work, 'apt'), target);

    centralDir = join(work, 'central');
    const running = await startCentralAndLab(root, centralDir, children);
    centralInfo = running.central;
    const labInfo = running.lab;
    copyFileSync(centralInfo.caCert, at('etc/kiosk/central-ca.pem'));
    // A kiosk outside a 10% canary (the ring is the stable hash of its id).
    for (let n = 1; !kioskId; n++) if (bucketOf(`KIOSK-UPDATE-${n}`) >= 10) kioskId = `KIOSK-UPDATE-${n}`;
    // Until central says otherwise, the fleet runs what it runs.
    setRollout({ version: A, canary: null, maintenanceWindow: always });
    core = superviseCore(labInfo.devices, centralInfo.enrollmentCode);
    try {
      await healthyAt(A);
    } catch (error) {
      throw new Error(`${String(error)}\n${core.stderr.join('').slice(-3000)}`);
    }
    process.stderr.write(`update.test.ts: set up (3 builds, 3 repositories, ${A} installed and healthy) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }, 900_000);

  afterAll(async () => {
    await core?.stop();
    for (const child of children.reverse()) await stop(child);
    await server?.close();
    process.stderr.write(`update.test.ts: ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`);
    if (target) rmSync(target, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('leaves a kiosk outside the canary alone until the ring says all', async () => {
    setRollout({ version: A, canary: { version: B, percent: 10 }, maintenanceWindow: always });
    const run = await runUpdater();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('outcome: nothing');
    expect(installedVersion()).toBe(A);
  });

  it('offers the new version to every kiosk once the ring says all, and defers it outside the maintenance window', async () => {
    setRollout({ version: B, canary: null, maintenanceWindow: closedWindow() });
    const run = await runUpdater();
    expect(run.stderr).toContain('outcome: deferred');
    expect(installedVersion()).toBe(A);
    expect(await stepsAtCentral(2)).toEqual([
      { step: 'offered', fromVersion: A, toVersion: B, reason: 'all' },
      { step: 'deferred', fromVersion: A, toVersion: B, reason: 'outsideWindow' },
    ]);
  });

  it('refuses a repository that is unsigned, or signed with another key (apt’s own check against the pinned key)', async () => {
    setRollout({ version: B, canary: null, maintenanceWindow: always });
    for (const repository of ['unsigned', 'rogue'] as const) {
      setRepository(repository);
      const run = await runUpdater();
      expect(run.stderr, repository).toContain('outcome: refused');
      expect(run.stderr, repository).toMatch(repository === 'unsigned' ? /is not signed/ : /NO_PUBKEY|is not signed|couldn't be verified/);
      expect(installedVersion(), repository).toBe(A);
    }
    expect((await stepsAtCentral(3))[2]).toEqual({ step: 'refused', fromVersion: A, toVersion: B, reason: 'repositoryRefused' });
  });

  it('installs it from the signed repository; the new version reports healthy', async () => {
    setRepository('good');
    const run = await runUpdater();
    expect(run.stderr).toContain('outcome: healthy');
    expect(installedVersion()).toBe(B);
    await healthyAt(B);
    expect((await stepsAtCentral(6)).slice(3)).toEqual([
      { step: 'installing', fromVersion: A, toVersion: B, reason: null },
      { step: 'installed', fromVersion: A, toVersion: B, reason: null },
      { step: 'healthy', fromVersion: B, toVersion: B, reason: null },
    ]);
  }, 600_000);

  it('rolls back a version that never becomes healthy, and does not try it again', async () => {
    // The agency publishes C (the repository now lists C alone: B comes back from the package file kept when it was installed).
    goodRepository!.publish(deb(C));
    setRollout({ version: C, canary: null, maintenanceWindow: always, healthDeadlineSeconds: 30 });
    const run = await runUpdater();
    expect(run.stderr).toContain('outcome: rolledBack');
    expect(installedVersion()).toBe(B);
    await healthyAt(B);
    expect((await stepsAtCentral(10)).slice(6)).toEqual([
      { step: 'offered', fromVersion: B, toVersion: C, reason: 'all' },
      { step: 'installing', fromVersion: B, toVersion: C, reason: null },
      { step: 'installed', fromVersion: B, toVersion: C, reason: null },
      { step: 'rolledBack', fromVersion: C, toVersion: B, reason: 'unhealthy' },
    ]);
    const again = await runUpdater();
    expect(again.stderr).toContain('outcome: nothing');
    expect(installedVersion()).toBe(B);
  }, 600_000);
});
