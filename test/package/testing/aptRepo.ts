import { spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * What an agency has, made here in miniature for update.test.ts: signing keys
 * in a throw-away GNUPGHOME, apt repositories built by reprepro, served over
 * HTTP on loopback, and apt itself pointed (APT_CONFIG) at a private state,
 * cache and sources and at a throw-away dpkg root, so nothing of this
 * machine's apt or dpkg is read or changed.
 */

function checked(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

export class Keys {
  constructor(readonly home: string) {
    mkdirSync(home, { recursive: true, mode: 0o700 });
  }

  private gpg(...args: string[]): string {
    return checked(spawnSync('gpg', ['--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { env: { ...process.env, GNUPGHOME: this.home }, encoding: 'utf8' }), `gpg ${args[0]}`);
  }

  /** A new signing key (ed25519, no passphrase); answers its fingerprint. */
  create(name: string): string {
    this.gpg('--quick-gen-key', `${name} <${name.toLowerCase().replace(/\W+/g, '-')}@example.invalid>`, 'ed25519', 'sign', 'never');
    const listing = this.gpg('--with-colons', '--list-keys', name);
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(listing)?.[1];
    if (!fpr) throw new Error(`no fingerprint for ${name}`);
    return fpr;
  }

  exportArmored(fpr: string, file: string): void {
    writeFileSync(file, this.gpg('--armor', '--export', fpr));
  }
}

/** A reprepro repository: suite `stable`, component `main`, the newest version published only (bookworm's reprepro keeps one), signed with `signWith` or not at all. */
export class Repository {
  constructor(
    readonly dir: string,
    private readonly keys: Keys,
    signWith: string | null,
  ) {
    mkdirSync(join(dir, 'conf'), { recursive: true });
    writeFileSync(
      join(dir, 'conf/distributions'),
      ['Origin: Kiosk test agency', 'Label: kiosk', 'Codename: stable', 'Suite: stable', 'Architectures: amd64', 'Components: main', ...(signWith ? [`SignWith: ${signWith}`] : []), ''].join('\n'),
    );
  }

  publish(deb: string): void {
    checked(spawnSync('reprepro', ['--basedir', this.dir, '--silent', 'includedeb', 'stable', deb], { env: { ...process.env, GNUPGHOME: this.keys.home }, encoding: 'utf8' }), `reprepro includedeb ${deb}`);
  }
}

/**
 * A static file server on 127.0.0.1 for the repositories under `root`: Python's
 * http.server, in its own process (the test's own event loop waits on apt).
 */
export async function serveFiles(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`http.server exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /port (\d+)/.exec(line)?.[1];
      if (found) resolve(found);
    });
  });
  child.stderr.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * apt's configuration for the throw-away root (APT_CONFIG): read first, it
 * moves apt's own configuration files, state, cache, sources and trusted keys
 * into `dir`, reads dpkg's database of `root`, and runs dpkg with --root (the
 * maintainer scripts chrootless, as the install test does).
 */
export function privateAptConfig(dir: string, root: string): string {
  for (const sub of ['etc/apt.conf.d', 'etc/sources.list.d', 'etc/trusted.gpg.d', 'etc/preferences.d', 'state/lists/partial', 'cache/archives/partial', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const file = join(dir, 'apt.conf');
  writeFileSync(
    file,
    `Dir::Etc::main "${dir}/etc/apt.conf";
Dir::Etc::parts "${dir}/etc/apt.conf.d";
Dir::Etc::sourcelist "${dir}/etc/sources.list";
Dir::Etc::sourceparts "${dir}/etc/sources.list.d";
Dir::Etc::trusted "${dir}/etc/trusted.gpg";
Dir::Etc::trustedparts "${dir}/etc/trusted.gpg.d";
Dir::Etc::preferences "${dir}/etc/preferences";
Dir::Etc::preferencesparts "${dir}/etc/preferences.d";
Dir::State "${dir}/state";
Dir::State::status "${root}/var/lib/dpkg/status";
Dir::Cache "${dir}/cache";
Dir::Log "${dir}/log";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
Acquire::http::Proxy "DIRECT";
APT::Sandbox::User "root";
DPkg::Options { "--root=${root}"; "--force-script-chrootless"; "--force-not-root"; "--log=${root}/var/log/dpkg.log"; };
`,
  );
  return file;
}

/**
 * The base system the kiosk package depends on, as the throw-away root's dpkg
 * database sees it: stand-in entries (the real ones are this host's), so apt
 * resolves the package's Depends without installing anything.
 */
export function standInBaseSystem(root: string, packages: string[]): void {
  const entries = packages.map((name) => `Package: ${name}\nStatus: install ok installed\nPriority: optional\nMaintainer: test <test@example.invalid>\nArchitecture: amd64\nVersion: 999\nDescription: stand-in for the base system\n`);
  writeFileSync(join(root, 'var/lib/dpkg/status'), `${entries.join('\n')}\n`);
  for (const name of packages) writeFileSync(join(root, `var/lib/dpkg/info/${name}.list`), '');
  mkdirSync(join(root, 'var/log'), { recursive: true });
}
