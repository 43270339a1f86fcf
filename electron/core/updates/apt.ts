import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '../../../common/result';
import { err, ok } from '../../../common/result';

/**
 * apt, as the updater uses it: only the kiosk's own source, the kiosk package
 * only. Every call honours APT_CONFIG (the install test points apt at a
 * private state, cache, sources and dpkg root with it; a kiosk uses /etc/apt).
 */
const PACKAGE = 'kiosk';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

type RunCommand = (command: string, args: string[]) => Promise<Ran>;

const runCommand: RunCommand = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C.UTF-8' } });
    const out: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error) => resolve({ status: null, stdout: '', stderr: error.message }));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errors).toString('utf8') }));
  });

/** The apt source file for the kiosk's repository, deb822, its key pinned with Signed-By. */
export function sourcesFile(updates: { repository: string; suite: string; component: string; keyring: string }): string {
  return [
    '# Written by kiosk-update from /etc/kiosk/config.json ("updates"); edit that file, not this one.',
    'Types: deb',
    `URIs: ${updates.repository}`,
    `Suites: ${updates.suite}`,
    `Components: ${updates.component}`,
    `Signed-By: ${updates.keyring}`,
    '',
  ].join('\n');
}

export class Apt {
  constructor(
    /** The kiosk's own .sources file: apt-get update reads it alone. */
    private readonly sources: string,
    private readonly run: RunCommand = runCommand,
  ) {}

  /** Where apt keeps source files (Dir::Etc::sourceparts, as APT_CONFIG may move it). */
  static async sourceParts(run: RunCommand = runCommand): Promise<string> {
    const shown = await run('apt-config', ['shell', 'PARTS', 'Dir::Etc::sourceparts/d']);
    const dir = /^PARTS='(.*)'$/m.exec(shown.stdout)?.[1];
    return dir && dir.length > 0 ? dir.replace(/\/$/, '') : '/etc/apt/sources.list.d';
  }

  /**
   * Fetches the kiosk repository's indexes. apt checks their signature against
   * the pinned key; anything wrong (unsigned, another key, unreachable) is an
   * error here (APT::Update::Error-Mode=any), with apt's own words.
   */
  async update(): Promise<Result<void, string>> {
    const ran = await this.run('apt-get', ['update', '-q', '-o', `Dir::Etc::sourcelist=${this.sources}`, '-o', 'Dir::Etc::sourceparts=-', '-o', 'APT::Get::List-Cleanup=0', '-o', 'APT::Update::Error-Mode=any']);
    if (ran.status === 0 && !/^E: /m.test(ran.stderr)) return ok();
    return err(lastLines(ran.stderr || ran.stdout));
  }

  /** The versions of the kiosk package the (verified) repository offers. */
  async available(): Promise<string[]> {
    const ran = await this.run('apt-cache', ['madison', PACKAGE]);
    return ran.stdout
      .split('\n')
      .map((line) => line.split('|').map((field) => field.trim()))
      .filter((fields) => fields[0] === PACKAGE && fields[1])
      .map((fields) => fields[1] ?? '');
  }

  /** The installed version (apt's view of dpkg's database), or null. */
  async installed(): Promise<string | null> {
    const ran = await this.run('apt-cache', ['policy', PACKAGE]);
    const version = /^\s*Installed: (\S+)$/m.exec(ran.stdout)?.[1];
    return version && version !== '(none)' ? version : null;
  }

  /**
   * Installs exactly `version` (older or newer) from the repository, or a kept
   * package file (a path), keeping the agency's edited /etc/kiosk/config.json.
   */
  async install(version: string): Promise<Result<void, string>> {
    const what = version.startsWith('/') ? version : `${PACKAGE}=${version}`;
    const ran = await this.run('apt-get', ['install', '-y', '-q', '--allow-downgrades', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confold', '-o', 'Dpkg::Options::=--force-confdef', what]);
    return ran.status === 0 ? ok() : err(lastLines(ran.stderr || ran.stdout));
  }
}

/** apt's name for a downloaded package file (an epoch's colon is written %3a). */
const debFileName = (version: string): string => `${PACKAGE}_${version.replace(/:/g, '%3a')}_amd64.deb`;

/**
 * The previous version, for a rollback: a repository usually lists only the
 * newest version (reprepro keeps one), so after each installation the .deb apt
 * downloaded (checked against the signed index) is kept in the updater's own
 * folder, the version installed before it too, and nothing older.
 */
export class KeptVersions {
  constructor(
    private readonly dir: string,
    private readonly run: RunCommand = runCommand,
  ) {}

  async keep(version: string, previous: string): Promise<boolean> {
    const archives = /^ARCHIVES='(.*)'$/m.exec((await this.run('apt-config', ['shell', 'ARCHIVES', 'Dir::Cache::archives/d'])).stdout)?.[1] ?? '/var/cache/apt/archives/';
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    try {
      await copyFile(join(archives, debFileName(version)), join(this.dir, debFileName(version)));
    } catch {
      return false;
    }
    for (const name of await readdir(this.dir)) if (name !== debFileName(version) && name !== debFileName(previous)) await rm(join(this.dir, name), { force: true });
    return true;
  }

  path(version: string): string {
    return join(this.dir, debFileName(version));
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-6).join('\n');
}
