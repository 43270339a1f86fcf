#!/usr/bin/env node
// `npm run test:e2e:loaded [-- --runs=3 --cpu=2]`: the e2e stage, exactly as `npm test` runs it, while stress-ng
// keeps the machine's cores busy — the rehearsal to run before resolving any issue that adds e2e specs (not part
// of CI). Prints each run's result and time, writes test-results/e2eLoaded.json, exits non-zero if any run failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureOsPackages, keepCpusBusy, loadRehearsalPackages, osPackages } from './osPackages.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, cpu: { type: 'string', default: String(cpus().length) } } });
const runs = Number(values.runs);
const workers = Number(values.cpu);
if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error(`--runs must be 1..10 (got ${values.runs})`);
if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--cpu must be 1..64 (got ${values.cpu})`);
if (!ensureOsPackages({ packages: [...osPackages, ...loadRehearsalPackages] })) process.exit(1);

mkdirSync('test-results', { recursive: true });
if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);

// Both cores busy for the whole rehearsal.
const stopStress = await keepCpusBusy(workers);

const results = [];
for (let run = 1; run <= runs; run += 1) {
  const report = `${root}test-results/e2eLoaded-${run}.json`;
  for (const old of ['test-results/e2e-steps', 'test-results/e2e-core-states.txt', report]) rmSync(old, { recursive: true, force: true });
  process.stdout.write(`\n== e2e under load (stress-ng --cpu ${workers}), run ${run} of ${runs}\n`);
  const started = Date.now();
  const load = [];
  const sampler = setInterval(() => load.push(loadavg()[0]), 10_000);
  // Spawned, not spawnSync: the load sampler needs this event loop while the run goes on.
  const child = await new Promise((resolve) => {
    const run = spawn('node_modules/.bin/playwright', ['test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], {
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report, KIOSK_E2E_FULL_RUN: '1' },
    });
    run.on('exit', (code) => resolve({ status: code }));
  });
  clearInterval(sampler);
  const seconds = Math.round((Date.now() - started) / 1000);
  let stats = {};
  try {
    stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
  } catch {
    // no report: counted as a failed run below
  }
  const result = {
    run,
    exitCode: child.status,
    seconds,
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    flaky: stats.flaky ?? 0,
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    meanLoad1m: load.length ? Number((load.reduce((a, b) => a + b, 0) / load.length).toFixed(2)) : null,
  };
  results.push(result);
  process.stdout.write(`== run ${run}: ${child.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s (${result.passed} passed, ${result.failed} failed, load average ${result.meanLoad1m})\n`);
}
stopStress();

writeFileSync('test-results/e2eLoaded.json', `${JSON.stringify({ cores: cpus().length, stressWorkers: workers, results }, null, 2)}\n`);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`run ${r.run}: ${r.exitCode === 0 ? 'ok' : 'FAILED'} ${r.seconds} s, ${r.passed} passed, ${r.failed} failed, ${r.flaky} flaky, load ${r.meanLoad1m}\n`);
process.exit(results.every((r) => r.exitCode === 0) ? 0 : 1);
