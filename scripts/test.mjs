#!/usr/bin/env node
// `npm test`: everything CI runs, in order, stopping at nothing so one report
// shows every stage; exits non-zero if any stage failed. Ends with one plain
// line "N passed, N failed, N skipped" summed over the test runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findElectronBinary } from './electronBinary.mjs';
import { requirePinnedNode } from './nodeVersion.mjs';
import { ensureOsPackages } from './osPackages.mjs';

// CI tests what production runs: the Node the pinned Electron embeds (README, "Node").
requirePinnedNode('npm test');
process.stdout.write(`npm test: node ${process.version} (${process.execPath})\n`);

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('test-results', { recursive: true });

if (!ensureOsPackages()) process.exit(1);

const bin = (name) => `node_modules/.bin/${name}`;
const stages = [
  // Cheap, and first: a stale generated file would make later stages test the wrong thing.
  { name: 'generated files', cmd: [process.execPath, 'scripts/gen.mjs', '--check'] },
  { name: 'lint', cmd: [bin('eslint'), '.'] },
  // Files, exports and dependencies nothing uses (knip.jsonc names the entry points): `npm run lint` runs both.
  { name: 'unused code', cmd: [bin('knip'), '--no-progress'] },
  { name: 'typecheck', cmd: [bin('tsc'), '-b'] },
  { name: 'typecheck renderer', cmd: [bin('vue-tsc'), '-p', 'renderer/tsconfig.json', '--noEmit'] },
  { name: 'typecheck common', cmd: [bin('tsc'), '-p', 'tsconfig.common.json'] },
  { name: 'build', cmd: [process.execPath, 'scripts/build.mjs'] },
  { name: 'unit', cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'], report: 'test-results/unit.json', kind: 'vitest' },
  // Central's suites again on PostgreSQL: one throw-away cluster for the run, a copy of a migrated template database per test central.
  { name: 'central on postgres', cmd: [bin('vitest'), 'run', '-c', 'central/vitest.postgres.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/central-postgres.json'], report: 'test-results/central-postgres.json', kind: 'vitest' },
  { name: 'faults', cmd: [bin('vitest'), 'run', '-c', 'test/faults/vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/faults.json'], report: 'test-results/faults.json', kind: 'vitest' },
  // The Debian package built, linted, installed into a throw-away root and run (skipped, with the reason, unless root with dpkg).
  { name: 'package', cmd: [bin('vitest'), 'run', '-c', 'test/package/vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/package.json'], report: 'test-results/package.json', kind: 'vitest' },
  { name: 'e2e', cmd: [bin('playwright'), 'test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${root}test-results/e2e.json`, KIOSK_E2E_FULL_RUN: '1', KIOSK_E2E_RETRIES: '1' }, report: 'test-results/e2e.json', kind: 'playwright' },
  { name: 'electron', cmd: [bin('playwright'), 'test', '-c', 'test/electron/playwright.config.ts', '--reporter=list,json'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${root}test-results/electron.json` }, report: 'test-results/electron.json', kind: 'playwright', optional: 'test/electron/playwright.config.ts' },
  { name: 'electronegativity', cmd: [process.execPath, 'scripts/electronegativity.mjs'], optional: 'scripts/electronegativity.mjs' },
];

// Each failed test's file, title and the first lines of its error: repeated at the very end of the output, where a
// reader of CI's last lines (the only part some reports keep) finds them.
const failures = [];
const retried = [];
const firstLines = (message) => String(message ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((line) => line.trim() && !/^\s*at /.test(line)).slice(0, 4).join(' | ').slice(0, 400);

function countVitest(file, stage) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of r.testResults ?? []) {
    const where = String(suite.name ?? '').replace(root, '');
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`${stage}: ${where} › ${test.fullName}: ${firstLines(test.failureMessages?.[0])}`);
      // Passed with failure messages: it failed, and passed when tried again (a config's `retry`).
      else if (test.status === 'passed' && test.failureMessages?.length) retried.push(`${stage}: ${where} › ${test.fullName}: first try: ${firstLines(test.failureMessages[0])}`);
    }
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed')) failures.push(`${stage}: ${where}: ${firstLines(suite.message)}`);
  }
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function countPlaywright(file, stage) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'flaky') {
          const first = (test.results ?? []).find((result) => result.status !== 'passed');
          retried.push(`${stage}: ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}: first try: ${firstLines(first?.error?.message)}`);
        }
        if (test.status !== 'unexpected') continue;
        const result = (test.results ?? []).at(-1);
        failures.push(`${stage}: ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}: ${firstLines(result?.error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, child.title && child.title !== child.file ? [...titles, child.title] : titles);
  };
  for (const suite of r.suites ?? []) visit(suite, []);
  const s = r.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
for (const stage of stages) {
  if (stage.optional && !existsSync(stage.optional)) {
    process.stdout.write(`\n== ${stage.name}: not present yet (${stage.optional})\n`);
    continue;
  }
  process.stdout.write(`\n== ${stage.name}\n`);
  if (stage.name === 'electron') {
    const electron = findElectronBinary();
    if (!electron.path) process.stdout.write(`The Electron specs are reported as skipped: no Electron binary on this machine (${electron.reason}).\n`);
  }
  if (stage.report) rmSync(stage.report, { force: true });
  // The state-coverage report is about this run alone: no steps or states left from an earlier one.
  if (stage.name === 'e2e') for (const old of ['test-results/e2e-steps', 'test-results/e2e-core-states.txt']) rmSync(old, { recursive: true, force: true });
  const started = Date.now();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.report && existsSync(stage.report)) {
    const c = stage.kind === 'vitest' ? countVitest(stage.report, stage.name) : countPlaywright(stage.report, stage.name);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
  if (run.status !== 0) failedStages.push(stage.name);
  process.stdout.write(`== ${stage.name}: ${run.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)\n`);
}

if (retried.length) process.stdout.write(`\nPassed only when tried again (${retried.length}):\n${retried.slice(0, 20).map((line) => `  ${line}`).join('\n')}\n`);
if (failures.length) process.stdout.write(`\nFailed tests (${failures.length}):\n${failures.slice(0, 20).map((line) => `  ${line}`).join('\n')}\n`);
process.stdout.write(`\nStages failed: ${failedStages.length ? failedStages.join(', ') : 'none'}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed + (failedStages.length && !totals.failed ? 1 : 0)} failed, ${totals.skipped} skipped\n`);
process.exit(failedStages.length ? 1 : 0);
