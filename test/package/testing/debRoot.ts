import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A throw-away root for `dpkg --root`: an empty dpkg database and the base
 * system's users and groups (base-passwd's masters), so the package's
 * maintainer scripts can add the kiosk user there. dpkg runs them on this
 * host (`--force-script-chrootless`) with DPKG_ROOT set; they act on the
 * root only. Nothing of the host's /etc or dpkg database is touched.
 */
export function makeThrowawayRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-deb-root-'));
  // The installed core runs as the kiosk user, who must reach the files under it, as under /.
  chmodSync(root, 0o755);
  for (const dir of ['var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers', 'etc', 'run', 'tmp']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'var/lib/dpkg/status'), '');
  writeFileSync(join(root, 'var/lib/dpkg/available'), '');
  copyFileSync('/usr/share/base-passwd/passwd.master', join(root, 'etc/passwd'));
  copyFileSync('/usr/share/base-passwd/group.master', join(root, 'etc/group'));
  writeFileSync(join(root, 'etc/shadow'), '', { mode: 0o640 });
  writeFileSync(join(root, 'etc/gshadow'), '', { mode: 0o640 });
  if (existsSync('/etc/login.defs')) copyFileSync('/etc/login.defs', join(root, 'etc/login.defs'));
  return root;
}

/** `dpkg --root` with its own database and maintainer scripts run chrootless; `Depends` are not in that database, so forced. */
export function dpkg(root: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-depends', '--force-not-root', `--log=${join(root, 'var/log/dpkg.log')}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** The fields of the `name` line of a passwd or group file's text. */
export function entryOf(text: string, name: string): string[] | undefined {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
}

interface Started {
  child: ChildProcess;
  stderr: string[];
  /** Resolves with the first stdout line that `pick` accepts (its return value); rejects if the process exits first or in `budgetMs`. */
  line: Promise<string>;
}

/**
 * Starts a process and waits for one stdout line. The budget is a net for a
 * process that lives but says nothing (a loaded machine starts tsx slowly), not
 * a timed assertion.
 */
export function startAndWaitForLine(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number }, pick: (line: string) => string | undefined, budgetMs = 120_000): Started {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const line = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} printed nothing usable in ${budgetMs / 1000} s:\n${stderr.join('')}`)), budgetMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code ?? signal}):\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const picked = pick(text);
      if (picked !== undefined) {
        clearTimeout(timer);
        resolve(picked);
      }
    });
  });
  line.catch(() => undefined);
  return { child, stderr, line };
}

/** What the reference central prints first (`central/main.ts`). */
export interface CentralInfo {
  url: string;
  caCert: string;
  enrollmentCode: string;
}

/** What the simulated lab prints first (`drivers/lab/main.ts`): the pty each device answers on. */
interface LabInfo {
  devices: { fingerprint: string; cardSlot: string; printer: string };
}

/**
 * A reference central (demo profile: it issues an enrolment code; a port of its own, so specs can run side by side)
 * and the simulated lab, from the source tree, on loopback. Their processes go into `children` at once, so the caller
 * stops them whatever happens next; resolves with what each printed first.
 */
export async function startCentralAndLab(root: string, centralDir: string, children: ChildProcess[]): Promise<{ central: CentralInfo; lab: LabInfo }> {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const json = (line: string) => (line.startsWith('{') ? line : undefined);
  const central = startAndWaitForLine(tsx, ['central/main.ts', '--profile', 'demo', '--port', '0', '--data-dir', centralDir], { cwd: root }, json);
  const lab = startAndWaitForLine(tsx, ['drivers/lab/main.ts'], { cwd: root }, json);
  children.push(central.child, lab.child);
  return { central: JSON.parse(await central.line) as CentralInfo, lab: JSON.parse(await lab.line) as LabInfo };
}
