#!/usr/bin/env node
// `npm run bench`: every test/bench/<suite>.ts in its own process, one after
// another (2 cores: parallel suites would measure each other). Prints a table
// and writes bench/results.json. Exits 0 even when a budget is over: budgets are
// reported, not asserted, so shared machines do not make CI flaky.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);
const only = process.argv.slice(2);
const suites = readdirSync('test/bench')
  .filter((f) => f.endsWith('.ts') && !['types.ts', 'runOne.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

const results = { when: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, suites: {} };
for (const name of suites) {
  const out = join(tmpdir(), `bench-${name}-${process.pid}.json`);
  process.stdout.write(`\n== ${name}\n`);
  const started = Date.now();
  const run = spawnSync('node_modules/.bin/tsx', ['test/bench/runOne.ts', `test/bench/${name}.ts`, out], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) {
    results.suites[name] = { error: `exited ${run.status}` };
    process.stdout.write(`   FAILED to run (exit ${run.status})\n`);
    continue;
  }
  const figures = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  for (const f of figures) {
    const over = (f.budget?.max !== undefined && f.value > f.budget.max) || (f.budget?.min !== undefined && f.value < f.budget.min);
    f.withinBudget = f.budget ? !over : null;
    const budget = f.budget ? (f.budget.max !== undefined ? `≤ ${f.budget.max}` : `≥ ${f.budget.min}`) : '';
    const verdict = f.budget ? (over ? 'OVER' : 'ok') : '';
    process.stdout.write(`   ${f.name.padEnd(58)} ${String(+f.value.toFixed(3)).padStart(10)} ${f.unit.padEnd(8)} ${budget.padEnd(10)} ${verdict}${f.note ? `  (${f.note})` : ''}\n`);
  }
  results.suites[name] = { seconds: (Date.now() - started) / 1000, figures };
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
const all = Object.values(results.suites).flatMap((s) => s.figures ?? []);
const over = all.filter((f) => f.withinBudget === false);
process.stdout.write(`\nbench: ${all.length} figures, ${over.length} over budget${over.length ? `: ${over.map((f) => f.name).join('; ')}` : ''}; written to bench/results.json\n`);
