#!/usr/bin/env node
// Builds everything `npm start`, the tests and the packager run:
//   out/main, out/preload, out/renderer   electron-vite
//   out/core/utility.js                   the core as Electron's utilityProcess entry (esbuild)
//   out/host/index.js                     the browser host: the same core in plain Node (esbuild)
// and fails when the initial renderer JavaScript is over its budget (scripts/rendererBudget.mjs).
// Build chatter goes to stderr so stdout stays machine-readable for callers.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
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

const nodeEntries = {
  'core/utility': 'electron/core/utility.ts',
  'host/index': 'electron/host/main.ts',
};
for (const [out, entry] of Object.entries(nodeEntries)) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: `out/${out}.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    // Bundled ESM has no require(); some dependencies' CJS paths need one.
    banner: { js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);" },
  });
}
process.stderr.write('build: out/ ready\n');
