// The Debian packages the tests and the kiosk need, how to tell each is
// present, and installing the missing ones with apt where we can.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const osPackages = [
  { name: 'chromium', why: 'the browser host (npm start), the package and bench specs', present: () => existsSync('/usr/bin/chromium') },
  {
    name: 'chromium-headless-shell',
    why: "end-to-end specs: the same Chromium's headless shell opens a page for a third of the CPU a headless window costs",
    present: () => existsSync('/usr/bin/chromium-headless-shell'),
  },
  { name: 'socat', why: 'serial drivers are tested over pty pairs', present: () => existsSync('/usr/bin/socat') },
  {
    name: 'libusb-1.0-0',
    why: 'node-hid loads it',
    present: () => {
      try {
        return execSync('ldconfig -p', { encoding: 'utf8' }).includes('libusb-1.0.so');
      } catch {
        return false;
      }
    },
  },
  { name: 'lintian', why: 'npm run package:deb checks the Debian package with it', present: () => existsSync('/usr/bin/lintian') },
  { name: 'reprepro', why: 'the update test publishes the kiosk package to a signed apt repository', present: () => existsSync('/usr/bin/reprepro') },
  { name: 'gpg', why: 'the update test signs that repository', present: () => existsSync('/usr/bin/gpg') },
  { name: 'python3', why: 'the watchdog spec listens as systemd does; the update test serves the repository', present: () => existsSync('/usr/bin/python3') },
  { name: 'fonts-noto-core', why: 'Arabic glyphs in Chromium screenshots', present: () => existsSync('/usr/share/fonts/truetype/noto') },
  {
    name: 'postgresql',
    why: "central's store specs start a throw-away PostgreSQL cluster (central/testing/postgres.ts)",
    present: () => {
      try {
        return readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
      } catch {
        return false;
      }
    },
  },
  { name: 'haproxy', why: 'the central fleet (central/testing/haproxy.ts): the failover fault spec and the fleet bench put central instances behind it', present: () => existsSync('/usr/sbin/haproxy') },
];

/** Only for `npm run test:e2e:loaded` (not CI): keeps both cores busy while the e2e stage runs. */
export const loadRehearsalPackages = [{ name: 'stress-ng', why: 'the e2e load rehearsal', present: () => existsSync('/usr/bin/stress-ng') }];

/**
 * `stress-ng --cpu <cpus>` beside a rehearsal (`npm run test:e2e:loaded`, `npm run bench -- --beside-load=N`): started
 * now and given 2 s to take its cores; stopped by the function this resolves with, or when this process ends (at the
 * latest after 3 h). Install it first (`loadRehearsalPackages`).
 */
export async function keepCpusBusy(cpus) {
  const stress = spawn('stress-ng', ['--cpu', String(cpus), '--timeout', '3h', '--quiet'], { stdio: 'ignore' });
  const stop = () => {
    if (stress.exitCode === null && stress.signalCode === null) stress.kill('SIGTERM');
  };
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return stop;
}

function missingPackages(packages = osPackages) {
  return packages.filter((p) => !p.present());
}

/** Installs what is missing when we are root with apt; otherwise says the exact command. Returns true when all are present. */
export function ensureOsPackages({ log = (m) => process.stderr.write(`${m}\n`), packages = osPackages } = {}) {
  const missing = missingPackages(packages);
  if (missing.length === 0) return true;
  const names = missing.map((p) => p.name).join(' ');
  const command = `apt-get update && apt-get install -y --no-install-recommends ${names}`;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    log(`Missing OS packages: ${missing.map((p) => `${p.name} (${p.why})`).join(', ')}`);
    log(`Install them with:\n  sudo ${command}`);
    return false;
  }
  log(`Installing missing OS packages: ${names}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((p) => p.name)], { stdio: 'inherit', env });
  if (!install || install.status !== 0 || missingPackages(packages).length > 0) {
    log(`apt could not install them. Run:\n  ${command}`);
    return false;
  }
  return true;
}
