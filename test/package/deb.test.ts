import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stop } from '../support/process';
import { dpkg, entryOf, makeThrowawayRoot, startAndWaitForLine, startCentralAndLab } from './testing/debRoot';
import { parseUdevRules, valueOf } from './testing/udevRules';

/**
 * The Debian package, tested as installed (issue 16, item 3): `npm run
 * package:deb` builds it and lintian passes it; dpkg installs it into a
 * throw-away root (`dpkg --root` with the maintainer scripts run chrootless:
 * no chroot, no container, nothing of this host's /etc or dpkg database
 * touched); then the INSTALLED Node and bundle, started with the unit's own
 * command line as the kiosk user the package created, with the packaged
 * configuration pointed at a reference central and the simulated lab, serve
 * the kiosk to Chromium, where a person picks a language and a service.
 */

const root = new URL('../..', import.meta.url).pathname;

function whyNot(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'the package is for linux amd64';
  if (process.getuid?.() !== 0) return 'installing with dpkg --root and running the core as the kiosk user needs root';
  for (const tool of ['/usr/bin/dpkg-deb', '/usr/bin/dpkg', '/usr/bin/lintian', '/usr/bin/chromium', '/usr/bin/socat', '/usr/sbin/useradd'])
    if (!existsSync(tool)) return `${tool} is missing (npm test installs lintian, chromium and socat with apt as root)`;
  if (!existsSync(join(root, '.ci/node/bin/node'))) return 'no pinned Node in .ci/node to ship (. .ci/use-node.sh installs it)';
  return undefined;
}
const skipReason = whyNot();
if (skipReason) process.stderr.write(`deb.test.ts skipped: ${skipReason}\n`);

const deb = join(root, 'out/deb/kiosk_0.1.0_amd64.deb');
let built: { status: number | null; stderr: string; seconds: number };
let target = '';
let installed: { status: number | null; output: string };
const at = (path: string) => join(target, path);

describe.skipIf(skipReason !== undefined)('the Debian package, as installed', () => {
  beforeAll(() => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['scripts/packageDeb.mjs'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    built = { status: run.status, stderr: run.stderr, seconds: (Date.now() - started) / 1000 };
    process.stderr.write(`deb.test.ts: npm run package:deb took ${built.seconds.toFixed(0)} s\n`);
    target = makeThrowawayRoot();
    const install = dpkg(target, '--install', deb);
    installed = { status: install.status, output: install.stdout + install.stderr };
  }, 1_500_000);

  afterAll(() => {
    if (target) rmSync(target, { recursive: true, force: true });
  });

  it('is built by dpkg-deb, and lintian finds no errors in it', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toContain('lintian: no errors');
    const fields = spawnSync('dpkg-deb', ['--field', deb, 'Package', 'Architecture', 'Depends'], { encoding: 'utf8' }).stdout;
    expect(fields).toContain('Package: kiosk');
    expect(fields).toContain('Architecture: amd64');
    for (const needed of ['chromium', 'cage', 'adduser']) expect(fields).toMatch(new RegExp(`Depends:.*\\b${needed}\\b`));
  });

  it('installs: a kiosk system user, its state folder 0700, the configuration a conffile, both units enabled', () => {
    expect(installed.status, installed.output).toBe(0);
    const status = spawnSync('dpkg-query', [`--admindir=${at('var/lib/dpkg')}`, '--showformat=${Status}\n${Conffiles}', '--show', 'kiosk'], { encoding: 'utf8' }).stdout;
    expect(status).toMatch(/^install ok installed/);
    expect(status).toContain('/etc/kiosk/config.json');

    const user = entryOf(readFileSync(at('etc/passwd'), 'utf8'), 'kiosk');
    expect(user, 'a kiosk user').toBeDefined();
    const [, , uid = '', gid = '', , home, shell] = user ?? [];
    expect(Number(uid), 'a system uid').toBeLessThan(1000);
    expect(home).toBe('/var/lib/kiosk');
    expect(shell).toBe('/usr/sbin/nologin');
    expect(entryOf(readFileSync(at('etc/group'), 'utf8'), 'kiosk')?.[2]).toBe(gid);

    const state = statSync(at('var/lib/kiosk'));
    expect((state.mode & 0o777).toString(8)).toBe('700');
    expect([state.uid, state.gid]).toEqual([Number(uid), Number(gid)]);
    const config = statSync(at('etc/kiosk/config.json'));
    expect([config.uid, config.gid, (config.mode & 0o777).toString(8)]).toEqual([0, Number(gid), '644']);
    expect((statSync(at('etc/kiosk')).mode & 0o777).toString(8)).toBe('750');
    // The key that wraps the store's keys: made at installation, 32 random bytes, root's alone.
    const storeKey = statSync(at('etc/kiosk/store.env'));
    expect([storeKey.uid, (storeKey.mode & 0o777).toString(8)]).toEqual([0, '600']);
    expect(Buffer.from(/^KIOSK_STORE_KEY=(\S+)$/m.exec(readFileSync(at('etc/kiosk/store.env'), 'utf8'))?.[1] ?? '', 'base64')).toHaveLength(32);

    expect(lstatSync(at('etc/systemd/system/timers.target.wants/kiosk-update.timer')).isSymbolicLink(), 'kiosk-update.timer enabled').toBe(true);
    for (const unit of ['kiosk-core.service', 'kiosk-screen.service']) {
      const link = at(`etc/systemd/system/multi-user.target.wants/${unit}`);
      expect(lstatSync(link).isSymbolicLink(), `${unit} enabled`).toBe(true);
    }
  });

  it('ships root-owned files that only root can change, the two programs executable', () => {
    const listing = spawnSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout.trim().split('\n');
    const entries = listing.map((line) => {
      const [mode = '', owner = '', , , , path = ''] = line.split(/\s+/);
      return { mode, owner, path: path.replace(/^\.\//, '/') };
    });
    expect(entries.filter((e) => e.owner !== 'root/root')).toEqual([]);
    expect(entries.filter((e) => /^.{5}w|^.{8}w/.test(e.mode))).toEqual([]);
    const executable = entries.filter((e) => e.mode.startsWith('-') && e.mode.includes('x')).map((e) => e.path);
    expect(executable.sort()).toEqual(['/usr/lib/kiosk/bin/kiosk-screen', '/usr/lib/kiosk/node/bin/node']);
    for (const path of ['/lib/systemd/system/kiosk-core.service', '/lib/systemd/system/kiosk-screen.service', '/lib/udev/rules.d/70-kiosk.rules', '/lib/systemd/logind.conf.d/kiosk.conf', '/usr/share/doc/kiosk/copyright'])
      expect(entries.map((e) => e.path)).toContain(path);
  });

  it('runs its own Node 22 with the production bundle: no devDependency, no dev dock, the native modules load', () => {
    const version = spawnSync(at('usr/lib/kiosk/node/bin/node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(/^v22\./);
    const devDependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: object }).devDependencies);
    const modules = readdirSync(at('usr/lib/kiosk/app/node_modules'), { recursive: true }).map(String);
    for (const name of devDependencies) expect(modules, name).not.toContain(name);

    const bundle = readFileSync(at('usr/lib/kiosk/app/out/host/index.js'), 'utf8');
    const bare = [...bundle.matchAll(/^import .* from "([^".][^"]*)";$/gm)].map((m) => m[1] ?? '').filter((name) => !name.startsWith('node:'));
    for (const name of bare) expect(existsSync(at(`usr/lib/kiosk/app/node_modules/${name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/')}`)), `${name} is shipped`).toBe(true);

    const renderer = readdirSync(at('usr/lib/kiosk/app/out/renderer'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(js|css|html)$/.test(e.name));
    expect(renderer.length).toBeGreaterThan(0);
    for (const file of renderer) expect(readFileSync(join(file.parentPath, file.name), 'utf8'), file.name).not.toContain('dev-dock-present');

    const load = spawnSync(
      at('usr/lib/kiosk/node/bin/node'),
      ['--input-type=module', '-e', "const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); new (r('sqlite3').Database)(':memory:').close(); r('@serialport/bindings-cpp'); r('node-hid').devices(); r('@napi-rs/canvas').createCanvas(8, 8); console.log('loaded');"],
      { cwd: at('usr/lib/kiosk/app'), encoding: 'utf8' },
    );
    expect(load.stdout.trim(), load.stderr).toBe('loaded');
  });

  it.skipIf(!existsSync('/usr/bin/systemd-analyze'))('has units systemd-analyze verifies, the core hardened and the screen a cage kiosk on tty1', () => {
    // The units they refer to (sysinit.target, getty@tty1, …) are systemd's, a Depends: this host's, copied into the root.
    expect(spawnSync('cp', ['-an', '/lib/systemd/system/.', at('lib/systemd/system/')]).status).toBe(0);
    const units = ['kiosk-core.service', 'kiosk-screen.service', 'kiosk-update.service', 'kiosk-update.timer'].map((unit) => `/lib/systemd/system/${unit}`);
    const verify = spawnSync('systemd-analyze', ['verify', `--root=${target}`, ...units], { encoding: 'utf8' });
    // verify also checks every ExecStart program exists and is executable, inside the root.
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect((verify.stdout + verify.stderr).split('\n').filter((line) => /kiosk-(core|screen|update)\.(service|timer)/.test(line))).toEqual([]);

    // systemd's own exposure score of the core's sandbox (0–10, shown ×10 by --threshold): 3.2 today, "OK"; more than 4 fails.
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', '--threshold=40', at('lib/systemd/system/kiosk-core.service')], { encoding: 'utf8' });
    expect(security.status, /Overall exposure level.*/.exec(security.stdout)?.[0] ?? security.stderr).toBe(0);

    const core = readFileSync(at('lib/systemd/system/kiosk-core.service'), 'utf8');
    for (const line of ['User=kiosk', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/kiosk', 'PrivateTmp=yes', 'NoNewPrivileges=yes', 'ProtectHome=yes', 'DevicePolicy=closed', 'DeviceAllow=/dev/kiosk/fingerprint rw', 'DeviceAllow=char-hidraw rw', 'DeviceAllow=char-ttyUSB rw', 'Restart=on-failure', 'RestartSec=5s', 'StartLimitBurst=10', 'Type=notify', 'NotifyAccess=all', 'WatchdogSec=30s'])
      expect(core.split('\n'), line).toContain(line);
    expect(core).toMatch(/^ExecStart=\/usr\/lib\/kiosk\/node\/bin\/node \/usr\/lib\/kiosk\/app\/out\/host\/index\.js .*--profile=production --config=\/etc\/kiosk\/config\.json/m);

    const screen = readFileSync(at('lib/systemd/system/kiosk-screen.service'), 'utf8');
    for (const line of ['User=kiosk', 'PAMName=login', 'TTYPath=/dev/tty1', 'Conflicts=getty@tty1.service', 'Restart=always', 'PartOf=kiosk-core.service'])
      expect(screen.split('\n'), line).toContain(line);
    const script = readFileSync(at('usr/lib/kiosk/bin/kiosk-screen'), 'utf8');
    expect(script).toMatch(/exec cage -d -- chromium \\\n\s+--kiosk/);
    const cageOptions = /^exec cage ((?:-\w+ )*)--/m.exec(script)?.[1] ?? '';
    expect(cageOptions.split(' '), 'VT switching stays off: no -s').not.toContain('-s');
    expect(spawnSync('sh', ['-n', at('usr/lib/kiosk/bin/kiosk-screen')]).status, 'the screen script parses').toBe(0);
  });

  it('has udev rules that parse, giving group kiosk each device under a stable /dev/kiosk name', () => {
    const parsed = parseUdevRules(readFileSync(at('lib/udev/rules.d/70-kiosk.rules'), 'utf8'));
    if (!parsed.ok) throw new Error(`70-kiosk.rules line ${parsed.line}: ${parsed.error}`);
    const byName = new Map(parsed.rules.map((rule) => [valueOf(rule, 'SYMLINK'), rule]));
    expect([...byName.keys()].sort()).toEqual(['kiosk/cardslot', 'kiosk/fingerprint', 'kiosk/magstripe', 'kiosk/printer']);
    for (const [name, rule] of byName) {
      expect(valueOf(rule, 'GROUP'), name).toBe('kiosk');
      expect(valueOf(rule, 'MODE'), name).toBe('0660');
      expect(valueOf(rule, 'ATTRS', 'idVendor'), name).toMatch(/^[0-9a-f]{4}$/);
      expect(valueOf(rule, 'ATTRS', 'idProduct'), name).toMatch(/^[0-9a-f]{4}$/);
    }
    // DEVICES.md §3: the MagTek HID swipe reader.
    expect([valueOf(byName.get('kiosk/magstripe') ?? [], 'SUBSYSTEM'), valueOf(byName.get('kiosk/magstripe') ?? [], 'ATTRS', 'idVendor'), valueOf(byName.get('kiosk/magstripe') ?? [], 'ATTRS', 'idProduct')]).toEqual(['hidraw', '0801', '0002']);
    // A rule that does not parse is caught (the parser is not a yes-machine).
    expect(parseUdevRules('SUBSYSTEM=="tty", ATTRS{idVendor}="10c4", GROUP="kiosk"').ok).toBe(false);
    expect(parseUdevRules('SUBSYSTEM=="tty" GROUP="kiosk"').ok).toBe(false);
  });

  describe('the installed core, started as its unit starts it', () => {
    const children: ChildProcess[] = [];
    let browser: Browser | undefined;
    let launchUrl = '';
    let coreStderr: string[] = [];
    let work = '';

    beforeAll(async () => {
      expect(installed.status, installed.output).toBe(0);
      work = await mkdtemp(join(tmpdir(), 'kiosk-deb-run-'));
      const { central: centralInfo, lab: labInfo } = await startCentralAndLab(root, join(work, 'central'), children);

      const [, , uid = '', gid = ''] = entryOf(readFileSync(at('etc/passwd'), 'utf8'), 'kiosk') ?? [];
      // What an agency does (README): the central's CA beside the configuration, the enrolment code in kiosk.env.
      copyFileSync(centralInfo.caCert, at('etc/kiosk/central-ca.pem'));
      // What 70-kiosk.rules does for real devices (GROUP="kiosk", MODE="0660"): the lab's serial lines, by their
      // own /dev/pts names (the lab's links sit in its private folder), belong to the kiosk user's group.
      const line = (path: string): string => {
        const real = realpathSync(path);
        chownSync(real, 0, Number(gid));
        chmodSync(real, 0o660);
        return real;
      };

      // The unit's own command line, with the throw-away root in front of its paths.
      const unit = readFileSync(at('lib/systemd/system/kiosk-core.service'), 'utf8');
      const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1]?.split(' ') ?? [];
      const [program = '', ...args] = execStart.map((word) => word.replace(/^(--[a-z-]+=)?\//, (_, flag: string | undefined) => `${flag ?? ''}${target}/`));
      mkdirRun();
      // Layered over the packaged /etc/kiosk/config.json: only what a test kiosk must change.
      const overrides = {
        central: { url: centralInfo.url, caFile: at('etc/kiosk/central-ca.pem') },
        store: { dataDir: at('var/lib/kiosk') },
        devices: {
          fingerprint: { path: line(labInfo.devices.fingerprint), baudRate: 57600, noModemLines: true },
          cardSlot: { path: line(labInfo.devices.cardSlot), baudRate: 38400, noModemLines: true },
          printer: { path: line(labInfo.devices.printer), baudRate: 115200, noModemLines: true, widthDots: 576 },
          magstripe: null,
        },
      };
      // systemd's EnvironmentFile= lines (a leading - : optional): the store key the postinst made, kiosk.env if any.
      const fromFiles: Record<string, string> = {};
      for (const [, optional, path = ''] of unit.matchAll(/^EnvironmentFile=(-?)(\/\S+)$/gm)) {
        if (optional && !existsSync(at(path))) continue;
        for (const [, key = '', value = ''] of readFileSync(at(path), 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=(.*)$/gm)) fromFiles[key] = value;
      }
      expect(Object.keys(fromFiles)).toContain('KIOSK_STORE_KEY');
      const core = startAndWaitForLine(
        program,
        args,
        {
          cwd: '/',
          uid: Number(uid),
          gid: Number(gid),
          // What systemd gives a User= service: the user's HOME and name (and the unit's Environment=).
          env: { ...fromFiles, PATH: '/usr/bin:/bin', HOME: at('var/lib/kiosk'), USER: 'kiosk', NODE_ENV: 'production', KIOSK_ENROLMENT_CODE: centralInfo.enrollmentCode, KIOSK_CONFIG_JSON: JSON.stringify(overrides) },
        },
        (line) => /^Kiosk UI: (\S+)$/.exec(line)?.[1],
      );
      children.push(core.child);
      coreStderr = core.stderr;
      launchUrl = await core.line;
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    }, 300_000);

    function mkdirRun(): void {
      // systemd's RuntimeDirectory=kiosk: /run/kiosk, the kiosk user's alone.
      const [, , uid = '', gid = ''] = entryOf(readFileSync(at('etc/passwd'), 'utf8'), 'kiosk') ?? [];
      spawnSync('install', ['-d', '-m', '0700', '-o', uid, '-g', gid, at('run/kiosk')]);
    }

    afterAll(async () => {
      await browser?.close();
      for (const child of children.reverse()) await stop(child);
      if (work) rmSync(work, { recursive: true, force: true });
    }, 60_000);

    it('publishes its launch URL for the screen service, readable by the kiosk user alone', () => {
      const file = at('run/kiosk/ui-url');
      expect(readFileSync(file, 'utf8').trim()).toBe(launchUrl);
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect(launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    });

    it('serves the kiosk to Chromium: a person picks English, then activating an account, and the journey starts', async () => {
      const page = await browser!.newPage({ viewport: { width: 1080, height: 1920 } });
      try {
        await page.goto(launchUrl);
        await page.locator('#app[data-ready="true"]').waitFor({ timeout: 60_000 });
        await page.getByTestId('attract-language-en').click();
        await page.getByTestId('screen-services').waitFor();
        // Available only when the installed core enrolled with central and reached the fingerprint reader over its serial line.
        await page.locator('[data-testid="service-activate"][data-available="true"]').waitFor({ timeout: 90_000 });
        await page.getByTestId('service-activate').click();
        const journey = page.getByTestId('screen-journey');
        await journey.waitFor();
        expect(await journey.getAttribute('data-step')).toMatch(/^activate\./);
        expect(await page.locator('.dev-dock-present, [data-testid^="dev-dock"]').count(), 'no dev dock in production').toBe(0);
      } catch (error) {
        throw new Error(`${String(error)}\ncore stderr:\n${coreStderr.join('').slice(-4000)}`);
      } finally {
        await page.close();
      }
    }, 240_000);

    it('keeps its store in /var/lib/kiosk, written as the kiosk user', () => {
      const [, , uid = ''] = entryOf(readFileSync(at('etc/passwd'), 'utf8'), 'kiosk') ?? [];
      const files = readdirSync(at('var/lib/kiosk'));
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) expect(statSync(at(`var/lib/kiosk/${name}`)).uid, name).toBe(Number(uid));
    });
  });

  it('is removed and purged from the root: the units disabled, the state folder gone', () => {
    writeFileSync(at('var/lib/kiosk/left-behind'), '');
    const purge = dpkg(target, '--purge', 'kiosk');
    expect(purge.status, purge.stdout + purge.stderr).toBe(0);
    expect(existsSync(at('var/lib/kiosk'))).toBe(false);
    expect(existsSync(at('etc/kiosk/store.env'))).toBe(false);
    expect(existsSync(at('usr/lib/kiosk/node/bin/node'))).toBe(false);
    expect(existsSync(at('etc/systemd/system/multi-user.target.wants/kiosk-core.service'))).toBe(false);
  });
});
