#!/usr/bin/env node
// `npm start`: the kiosk in the demo profile. Electron where its binary exists;
// otherwise the browser host, in Chromium when a display exists. Says which.
//   npm start -- --browser=none    browser host only; prints "Kiosk UI: <url>"
//   npm start -- --browser=chromium|auto
//   npm start -- --mode=atm        the kiosk as the application on a bank ATM: a simulated ATM (XFS4IoT) and bank host
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { requirePinnedNode } from './nodeVersion.mjs';

requirePinnedNode('npm start');

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const wantsBrowserHost = args.some((a) => a.startsWith('--browser'));

const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
if (built.status !== 0) process.exit(built.status ?? 1);

let electron = { path: null, reason: 'scripts/electronBinary.mjs is missing' };
if (existsSync(new URL('./electronBinary.mjs', import.meta.url))) {
  const { findElectronBinary } = await import('./electronBinary.mjs');
  electron = findElectronBinary();
}

// The demo: simulated devices and the embedded reference central (see README, "The demo"); at an ATM, the
// simulated ATM and bank host too. The mode goes in the configuration, which Electron's core reads as the host does.
const modeAt = args.findIndex((a) => a === '--mode' || a.startsWith('--mode='));
const mode = modeAt < 0 ? 'government' : args[modeAt].startsWith('--mode=') ? args[modeAt].slice('--mode='.length) : args[modeAt + 1];
const demo = { profile: 'demo', devices: { simulated: true }, central: { embedded: true }, ...(mode === 'atm' ? { mode, atm: { simulated: true } } : {}) };
const env = { ...process.env, KIOSK_PROFILE: 'demo', KIOSK_CONFIG_JSON: process.env.KIOSK_CONFIG_JSON ?? JSON.stringify(demo) };
let child;
if (electron.path && !wantsBrowserHost) {
  process.stderr.write(`kiosk: starting Electron (${electron.path})\n`);
  child = spawn(electron.path, ['out/main/index.js', ...args], { cwd: root, stdio: 'inherit', env });
} else {
  if (!wantsBrowserHost) {
    process.stderr.write(`kiosk: no Electron binary (${electron.reason}); running the browser host instead\n`);
  }
  child = spawn(process.execPath, ['out/host/index.js', '--profile', 'demo', '--demo', ...args], { cwd: root, stdio: 'inherit', env });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
