#!/usr/bin/env node
// `npm run package:deb`: the Chromium-only kiosk as a Debian package,
// out/deb/kiosk_<version>_amd64.deb, built with dpkg-deb and checked with
// lintian (no errors). What goes in (packaging/deb/ holds the static files):
//   /usr/lib/kiosk/node/bin/node        the pinned Node 22 from .ci/node (bookworm's nodejs is 18)
//   /usr/lib/kiosk/app/out/host/index.js the core + browser host, one esbuild bundle (no devDependencies)
//   /usr/lib/kiosk/app/out/renderer      the renderer built for production (no dev dock)
//   /usr/lib/kiosk/app/node_modules      only the native modules and the receipt fonts, with what they require
//   /usr/lib/kiosk/bin/kiosk-screen      cage + Chromium in kiosk mode on the host's URL
//   /etc/kiosk/config.json               conffile: production profile, central URL and CA placeholders
//   /usr/lib/kiosk/app/out/updater/index.js kiosk-update (electron/core/updates/updaterMain.ts)
//   /usr/share/keyrings/kiosk-archive-keyring.gpg the agency's repository key (--archive-key), pinned by Signed-By
//   /lib/systemd/system/kiosk-{core,screen,update}.service, kiosk-update.timer, /lib/udev/rules.d/70-kiosk.rules
// Options: --no-lintian (skip the check), --out=<dir>, --version=<debian version> (default: package.json's),
// --archive-key=<file> (the public key the agency signs its apt repository with, armored or not).
// Prints the .deb's path on stdout.
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { nativePackages, nodeBundle } from './nodeBundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: options } = parseArgs({ options: { lintian: { type: 'boolean', default: true }, 'no-lintian': { type: 'boolean', default: false }, out: { type: 'string' }, version: { type: 'string' }, 'archive-key': { type: 'string' } } });
const started = Date.now();
const log = (message) => process.stderr.write(`package:deb: [${((Date.now() - started) / 1000).toFixed(0)} s] ${message}\n`);
function fail(message) {
  log(message);
  process.exit(1);
}
function run(cmd, args, extra = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...extra });
  if (result.error) fail(`${cmd}: ${result.error.message}`);
  return result;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = options.version ?? pkg.version;
if (!/^(\d+:)?[0-9][A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)?$/.test(version)) fail(`--version ${version} is not a Debian version`);
const outDir = options.out ?? join(root, 'out/deb');
const stage = join(outDir, 'staging');
const debPath = join(outDir, `kiosk_${version.replace(/^\d+:/, "")}_amd64.deb`);
const appDir = join(stage, 'usr/lib/kiosk/app');
const nodeBinary = join(root, '.ci/node/bin/node');

if (!existsSync('/usr/bin/dpkg-deb')) fail('dpkg-deb is missing (apt-get install dpkg)');
if (!existsSync(nodeBinary)) fail('no pinned Node in .ci/node (run: . .ci/use-node.sh)');
rmSync(stage, { recursive: true, force: true });
rmSync(debPath, { force: true });
mkdirSync(appDir, { recursive: true });

// 1. The renderer, for production: the dev dock compiled out. Built into the stage, never over the demo's out/.
log('renderer (production, no dev dock)');
{
  const { loadConfigFromFile, build: viteBuild } = await import('vite');
  process.env.KIOSK_DEV_DOCK = 'false';
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(root, 'electron.vite.config.ts'), root, 'error');
  const renderer = loaded.config.renderer;
  await viteBuild({
    ...renderer,
    configFile: false,
    root: join(root, 'renderer'),
    logLevel: 'error',
    build: { ...renderer.build, outDir: join(appDir, 'out/renderer'), emptyOutDir: true, rollupOptions: { input: join(root, 'renderer/index.html') } },
  });
}

// 2. The core and the browser host: one bundle with every pure-JavaScript dependency inside. Left outside: native
// modules (their .node files are found next to their own package) and the receipt fonts (resolved as files).
log('core + browser host bundle');
await build({
  ...nodeBundle,
  absWorkingDir: root,
  entryPoints: ['electron/host/main.ts'],
  outfile: join(appDir, 'out/host/index.js'),
  external: nativePackages,
  minify: false,
  legalComments: 'none',
  logLevel: 'error',
  define: { 'process.env.NODE_ENV': '"production"' },
});
// kiosk-update, run as root by kiosk-update.service: the updater alone (no devices, no store), one small bundle.
await build({
  ...nodeBundle,
  absWorkingDir: root,
  entryPoints: ['electron/core/updates/updaterMain.ts'],
  outfile: join(appDir, 'out/updater/index.js'),
  minify: false,
  legalComments: 'none',
  logLevel: 'error',
});
// The version the core reports (heartbeat, the updater's health check) is the package's.
writeFileSync(join(appDir, 'package.json'), `${JSON.stringify({ name: 'kiosk', version, private: true, type: 'module' }, null, 2)}\n`);

// 3. node_modules: the external packages and everything they require, as npm laid them out, for linux-x64 only.
const sourceModules = join(root, 'node_modules');
/** Node's lookup: the nearest node_modules/<name> from `fromDir` up to the project's. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; dir.startsWith(sourceModules); dir = dirname(dir)) {
    const candidate = join(dir, dir.endsWith('/node_modules') ? '' : 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return existsSync(join(sourceModules, name, 'package.json')) ? join(sourceModules, name) : null;
}
const fontFile = /-(latin|arabic)-(400|700)-normal\.woff2$/;
/** What of a package never runs here: other platforms' prebuilt binaries, sources, build leftovers, docs. */
function keep(packageDir, path) {
  const rel = relative(packageDir, path);
  if (rel === '') return true;
  const base = rel.split('/').at(-1);
  // (.ts covers the type declarations, .d.ts.)
  if (/^(\.|README|CHANGELOG|HISTORY)|\.(md|markdown|ts|map|gyp|gypi|cc|cpp|h|c|a|o|mk|tgz)$/i.test(base)) return false;
  if (/^(test|tests|example|examples|docs|bin)$/.test(base) && statSync(path).isDirectory()) return false;
  // A native module's C/C++ sources and build leftovers (only its compiled .node file is loaded).
  const native = existsSync(join(packageDir, 'binding.gyp'));
  if (native && /^(src|deps|hidapi|obj|obj\.target|\.deps|node-addon-api)$/.test(base) && statSync(path).isDirectory()) return false;
  // Command-line tools of build helpers (node-gyp-build's), never run by the kiosk.
  if (/^(bin|build-test|optional)\.js$/.test(rel)) return false;
  if (/^prebuilds\/[^/]+/.test(rel)) {
    const platform = rel.split('/')[1];
    if (!/^(HID(_hidraw)?-)?linux-x64$/.test(platform)) return false;
    if (/musl/.test(rel)) return false;
  }
  if (/^files\//.test(rel) && packageDir.includes('@fontsource') && !fontFile.test(base)) return false;
  return true;
}
/** Needed to build or fetch a native module at install time, never to load it: npm's build tools, headers, tar. */
const installTimeOnly = new Set(['prebuild-install', 'node-gyp', 'tar', 'node-addon-api', 'node-gyp-build-optional-packages']);
const copied = new Set();
const queue = [];
for (const name of nativePackages) {
  if (name.endsWith('/*')) {
    const scope = name.slice(0, -2);
    for (const entry of readdirSync(join(sourceModules, scope))) if (pkg.dependencies[`${scope}/${entry}`] || scope === '@serialport') queue.push([`${scope}/${entry}`, root]);
  } else queue.push([name, root]);
}
while (queue.length) {
  const [name, from] = queue.shift();
  if (installTimeOnly.has(name)) continue;
  const dir = resolvePackage(name, from);
  if (!dir) continue; // an optional dependency for another platform
  if (copied.has(dir)) continue;
  copied.add(dir);
  const target = join(appDir, 'node_modules', relative(sourceModules, dir));
  cpSync(dir, target, { recursive: true, dereference: true, filter: (path) => path.startsWith(join(dir, 'node_modules')) ? false : keep(dir, path) });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})]) queue.push([dep, dir]);
}
log(`${copied.size} packages in node_modules`);

// 4. The pinned Node, and the rest of the tree from packaging/deb.
const files = join(root, 'packaging/deb');
const install = (from, to, mode) => {
  mkdirSync(dirname(join(stage, to)), { recursive: true });
  copyFileSync(from, join(stage, to));
  chmodSync(join(stage, to), mode);
};
install(nodeBinary, 'usr/lib/kiosk/node/bin/node', 0o755);
install(join(root, '.ci/node/LICENSE'), 'usr/lib/kiosk/node/LICENSE', 0o644);
install(join(files, 'kiosk-screen'), 'usr/lib/kiosk/bin/kiosk-screen', 0o755);
install(join(files, 'config.json'), 'etc/kiosk/config.json', 0o644);
install(join(files, 'kiosk-core.service'), 'lib/systemd/system/kiosk-core.service', 0o644);
install(join(files, 'kiosk-screen.service'), 'lib/systemd/system/kiosk-screen.service', 0o644);
install(join(files, 'kiosk-update.service'), 'lib/systemd/system/kiosk-update.service', 0o644);
install(join(files, 'kiosk-update.timer'), 'lib/systemd/system/kiosk-update.timer', 0o644);
if (options['archive-key']) {
  // apt wants a binary keyring for Signed-By files ending .gpg: an armored key is dearmored.
  const key = readFileSync(options['archive-key']);
  const binary = key.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----') ? run('gpg', ['--dearmor'], { input: key, encoding: 'buffer', stdio: ['pipe', 'pipe', 'pipe'] }) : { status: 0, stdout: key };
  if (binary.status !== 0 || binary.stdout.length === 0) fail(`gpg --dearmor ${options['archive-key']}: ${binary.stderr}`);
  mkdirSync(join(stage, 'usr/share/keyrings'), { recursive: true });
  writeFileSync(join(stage, 'usr/share/keyrings/kiosk-archive-keyring.gpg'), binary.stdout);
} else log('no --archive-key: the package carries no repository key, so kiosk-update refuses every repository');
install(join(files, 'logind-kiosk.conf'), 'lib/systemd/logind.conf.d/kiosk.conf', 0o644);
install(join(files, '70-kiosk.rules'), 'lib/udev/rules.d/70-kiosk.rules', 0o644);
install(join(files, 'lintian-overrides'), 'usr/share/lintian/overrides/kiosk', 0o644);
install(join(files, 'copyright'), 'usr/share/doc/kiosk/copyright', 0o644);
install(join(files, 'README.Debian'), 'usr/share/doc/kiosk/README.Debian', 0o644);
const date = new Date().toUTCString().replace('GMT', '+0000');
const changelog = `kiosk (${version}) unstable; urgency=medium\n\n  * Package of the Chromium-only kiosk, built by npm run package:deb.\n\n -- Kiosk maintainers <kiosk@example.invalid>  ${date}\n`;
mkdirSync(join(stage, 'usr/share/doc/kiosk'), { recursive: true });
writeFileSync(join(stage, 'usr/share/doc/kiosk/changelog.gz'), gzipSync(changelog, { level: 9 }));

// Strip debugging symbols from every ELF file (Node's and the native modules'): smaller, and what Debian ships.
function isElf(path) {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(4);
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return head.toString('latin1') === '\x7fELF';
}
const everyFile = readdirSync(stage, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
const elves = everyFile.filter(isElf);
const strip = run('strip', ['--strip-unneeded', '--remove-section=.comment', '--remove-section=.note', ...elves]);
if (strip.status !== 0) fail(`strip: ${strip.stderr}`);

// Modes: directories 0755, files 0644, the two programs 0755 (dpkg-deb --root-owner-group makes them all root's).
const programs = new Set(['usr/lib/kiosk/node/bin/node', 'usr/lib/kiosk/bin/kiosk-screen'].map((path) => join(stage, path)));
for (const entry of readdirSync(stage, { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name);
  if (entry.isDirectory()) chmodSync(path, 0o755);
  else if (entry.isFile()) chmodSync(path, programs.has(path) ? 0o755 : 0o644);
}
chmodSync(stage, 0o755);

// 5. DEBIAN/: control, conffiles, maintainer scripts, md5sums.
const debian = join(stage, 'DEBIAN');
mkdirSync(debian);
const installedKb = Math.ceil(Number(run('du', ['-sk', '--exclude=DEBIAN', stage]).stdout.split('\t')[0]));
writeFileSync(
  join(debian, 'control'),
  [
    'Package: kiosk',
    `Version: ${version}`,
    'Architecture: amd64',
    'Maintainer: Kiosk maintainers <kiosk@example.invalid>',
    `Installed-Size: ${installedKb}`,
    // The native modules link libudev (node-hid's hidraw backend) and libusb (its libusb backend).
    'Depends: adduser, passwd, systemd, chromium, cage, libc6 (>= 2.28), libgcc-s1, libstdc++6, libudev1, libusb-1.0-0',
    'Recommends: fonts-noto-core',
    'Section: misc',
    'Priority: optional',
    'Homepage: https://example.invalid/kiosk',
    'Description: identity kiosk for the national e-government portal (Chromium-only)',
    ' Self-service kiosk: a person proves who they are with an ID card and a live',
    ' fingerprint, then activates an account or recovers a password. This package',
    ' runs the kiosk core (with its own Node 22 runtime) as a hardened system',
    ' service, and the screen as a cage Wayland session on tty1 running Chromium',
    ' in kiosk mode. Point it at a central server in /etc/kiosk/config.json.',
    '',
  ].join('\n'),
);
writeFileSync(join(debian, 'conffiles'), '/etc/kiosk/config.json\n');
for (const script of ['postinst', 'prerm', 'postrm']) {
  copyFileSync(join(files, script), join(debian, script));
  chmodSync(join(debian, script), 0o755);
}
const sums = [];
const hashAll = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== debian) hashAll(path);
    } else if (entry.isFile() && !path.startsWith(join(stage, 'etc/'))) {
      sums.push(`${createHash('md5').update(readFileSync(path)).digest('hex')}  ${relative(stage, path)}`);
    }
  }
};
hashAll(stage);
writeFileSync(join(debian, 'md5sums'), `${sums.join('\n')}\n`);
chmodSync(join(debian, 'md5sums'), 0o644);

// 6. Build, then lint.
log('dpkg-deb --build');
// gzip, not xz: the package is built in every npm test, and xz takes minutes over Node's 100 MB on a busy machine
// (zstd would be quicker still, but lintian in bookworm calls a zstd .deb malformed).
const built = run('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', stage, debPath]);
if (built.status !== 0) fail(`dpkg-deb: ${built.stderr}`);
log(`${relative(root, debPath)} (${(statSync(debPath).size / 1e6).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(0)} s`);

if (options.lintian && !options['no-lintian']) {
  if (!existsSync('/usr/bin/lintian')) fail('lintian is missing (apt-get install lintian), or pass --no-lintian');
  const lint = run('lintian', ['--fail-on', 'error', '--tag-display-limit', '0', debPath], { maxBuffer: 16 * 1024 * 1024 });
  process.stderr.write(lint.stdout + lint.stderr);
  if (lint.status !== 0) fail(`lintian found errors (exit ${lint.status})`);
  log('lintian: no errors');
}
process.stdout.write(`${debPath}\n`);
