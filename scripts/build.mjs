#!/usr/bin/env node
// Builds everything `npm start`, the tests and the packager run:
//   out/main, out/preload, out/renderer   electron-vite
//   out/core/utility.js                   the core as Electron's utilityProcess entry (esbuild)
//   out/host/index.js                     the browser host: the same core in plain Node (esbuild)
//   out/chunks/                           what those two load when first needed (esbuild's code splitting)
// and fails when the initial renderer JavaScript is over its budget (scripts/rendererBudget.mjs).
// Build chatter goes to stderr so stdout stays machine-readable for callers.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { nativePackages, nodeBundle } from './nodeBundle.mjs';
import { initialRendererJs, rendererBudgetProblem } from './rendererBudget.mjs';

const root = new URL('..', import.meta.url).pathname;

const vite = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', process.stderr, process.stderr],
});
if (vite.status !== 0) {
  process.stderr.write('build: electron-vite failed\n');
  process.exit(vite.status ?? 1);
}
const overBudget = rendererBudgetProblem();
if (overBudget) {
  process.stderr.write(`build: ${overBudget}\n`);
  process.exit(1);
}
process.stderr.write(`build: initial renderer JavaScript ${initialRendererJs().kib.toFixed(1)} KiB gzip\n`);

// One esbuild run for both entries, split: what the core imports with `await import()` (the embedded central and lab,
// the receipt layout, PostgreSQL, ...) is a chunk of its own, and so are the packages it imports, which load only
// when that chunk does. Unsplit, esbuild hoists every package import to the top of the one file and a demo host
// loaded all of them before it could say a word (pg, canvas, qrcode, ... on every start).
rmSync(`${root}out/chunks`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { 'core/utility': 'electron/core/utility.ts', 'host/index': 'electron/host/main.ts' },
  outdir: 'out',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  ...nodeBundle,
  // Pure-JavaScript packages inside, as the Debian package's bundle has them (scripts/packageDeb.mjs): Node resolves and
  // reads a few dozen files at start instead of some hundreds. Native modules stay outside, beside their .node files.
  external: nativePackages,
  sourcemap: true,
  logLevel: 'warning',
});
process.stderr.write('build: out/ ready\n');
