#!/usr/bin/env node
// `npm run bench`: every test/bench/<suite>.ts in its own process, one after
// another (2 cores: parallel suites would measure each other). Each figure is
// printed beside the baseline measured in the same run and their ratio; budgets
// are on the ratios. Writes bench/results.json and compares it with the
// previous run on this machine (bench/history/<machine>.json). Exits 0 even
// when a budget is over: budgets are reported, not asserted.
// `npm run bench -- --beside-load=1` runs the same with `stress-ng --cpu 1`
// keeping a core busy throughout (issue 18: the ratios must hold under load).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureOsPackages, keepCpusBusy, loadRehearsalPackages } from '../../scripts/osPackages.mjs';
import { compareRuns, keepRun, machineId, previousRun } from './history.mjs';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);
const { values: flags, positionals: only } = parseArgs({ options: { 'beside-load': { type: 'string' } }, allowPositionals: true });
const besideLoad = flags['beside-load'] === undefined ? 0 : Number(flags['beside-load']);
if (!Number.isInteger(besideLoad) || besideLoad < 0 || besideLoad > 64) throw new Error(`--beside-load must be a number of CPUs to keep busy, 0..64 (got ${flags['beside-load']})`);
const helpers = ['types.ts', 'runOne.ts'];
const suites = readdirSync('test/bench')
  .filter((f) => f.endsWith('.ts') && !helpers.includes(f) && !f.startsWith('_') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

const machine = machineId();
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const results = { when: new Date().toISOString(), besideLoad, machine: { id: machine, cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, load: { start: load() }, suites: {} };
const fmt = (v) => (Number.isFinite(v) ? String(+v.toPrecision(4)) : String(v));
const spreadText = (s) => (s ? `min ${fmt(s.min)} · median ${fmt(s.median)} · max ${fmt(s.max)}, ${s.runs} runs` : '');
const budgetText = (b) => (b ? (b.max !== undefined ? `≤ ${b.max}` : `≥ ${b.min}`) : '');
const judged = (f) => (f.ratio ? f.ratio.value : f.value);
const line = (text) => process.stdout.write(`${text}\n`);

// The load beside a loaded run: started before the first suite, stopped after the last.
let stopLoad = () => {};
if (besideLoad > 0) {
  if (!ensureOsPackages({ packages: loadRehearsalPackages })) process.exit(1);
  stopLoad = await keepCpusBusy(besideLoad);
  line(`stress-ng --cpu ${besideLoad} beside the whole run`);
}

/**
 * What the machine takes from a thread that never sleeps: a busy loop for `ms` notes every gap between two clock reads
 * over 0.5 ms (the CPU was elsewhere: the hypervisor, another task, an interrupt). On this kind of machine (two vCPUs
 * of a VM) there are a few a minute with the other vCPU idle and about four a second, of 0.5–6 ms, with stress-ng on
 * it: tail figures (a p99 of round trips of 0.05 ms) move with these, not with the code, and the line says how many.
 */
function machineStalls(ms = 2_000) {
  const end = performance.now() + ms;
  let last = performance.now();
  let count = 0;
  let lost = 0;
  let longest = 0;
  for (let now = last; now < end; now = performance.now()) {
    const gap = now - last;
    last = now;
    if (gap <= 0.5) continue;
    count += 1;
    lost += gap;
    longest = Math.max(longest, gap);
  }
  return { perSecond: +(count / (ms / 1000)).toFixed(1), lostMsPerSecond: +(lost / (ms / 1000)).toFixed(2), longestMs: +longest.toFixed(2) };
}
const stallText = (s) => `${s.perSecond} stalls > 0.5 ms a second, ${s.lostMsPerSecond} ms a second lost, longest ${s.longestMs} ms`;
machineStalls(300); // the loop's own first iterations (compiled while they run) are not the machine's
results.machine.stalls = { start: machineStalls() };
line(`machine: a busy loop for 2 s saw ${stallText(results.machine.stalls.start)}`);

// A suite's own process collects its garbage on its own thread. V8's default hands parts of each collection to helper
// threads; on this kind of machine (two vCPUs of a VM) waking one on the idle vCPU costs more than the work it takes,
// and when the other vCPU is busy the main thread does it alone, sooner: the fingerprint decoder ran at 205 MB/s with
// the other vCPU idle, 253–289 with stress-ng on it, and 368 quiet / 380–387 loaded with this flag (its baseline, a
// copy and a byte sum that make no garbage, did not move). With it a figure measures the code, not the other vCPU.
// (Processes a suite starts — the host, central, Chromium — run as they would in production.) `--expose-gc` lets a
// throughput figure start each measurement from a collected heap (support/bytes.ts, rateOf).
const suiteNodeFlags = ['--single-threaded-gc', '--expose-gc'];
results.suiteNodeFlags = suiteNodeFlags;

// Suites whose figures are made of wake-ups (a commit, a request and its answer, SQLite's worker thread handing a
// result back) run on one CPU; the load beside a loaded run is not pinned (the kernel puts it where it will). On this
// kind of machine (two vCPUs of a VM) a wake-up across vCPUs costs an exit: with both vCPUs free the two ends of each
// wake-up sat on different vCPUs and central on SQLite ingested 4,412 events/s; with stress-ng on one they shared
// the other and it ingested 11,375, so the ratios against bare INSERTs and between the engines moved 1.2–2.8× with
// the weather. Pinned, it ingested 10,301 quiet. Central's heartbeat used 0.53 ms of CPU a request (its main thread
// and SQLite's worker on two idle vCPUs) against 0.46 beside stress-ng or pinned, while the bare Fastify route (one
// thread) used 0.09 either way: its ratio read 5.9 quiet and 4.9 loaded unpinned, 4.8 and 5.2 pinned. The load
// generator shares the CPU with the servers, the same for central and its baseline. Every process the suite starts
// (PostgreSQL's too) inherits the CPU, so both sides of each ratio run alike. (The e2e stage and the product are not
// pinned; this is how the bench measures, not how the kiosk runs.)
const pinnedSuites = { outbox: '0', centralIngest: '0', central: '0' };
results.pinnedSuites = pinnedSuites;

const startedAll = Date.now();
const loads = [];
for (const name of suites) {
  const out = join(tmpdir(), `bench-${name}-${process.pid}.json`);
  line(`\n== ${name}  (load average ${load().join(' ')})`);
  const started = Date.now();
  const suite = [process.execPath, ...suiteNodeFlags, '--import', 'tsx', 'test/bench/runOne.ts', `test/bench/${name}.ts`, out];
  const cpu = pinnedSuites[name];
  if (cpu !== undefined) line(`   (on CPU ${cpu} only: its figures are wake-ups)`);
  const [command, ...args] = cpu === undefined ? suite : ['taskset', '-c', cpu, ...suite];
  const run = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  loads.push(load()[0]);
  if (run.status !== 0) {
    results.suites[name] = { error: `exited ${run.status}` };
    line(`   FAILED to run (exit ${run.status})`);
    continue;
  }
  const figures = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  for (const f of figures) {
    const value = judged(f);
    const over = (f.budget?.max !== undefined && value > f.budget.max) || (f.budget?.min !== undefined && value < f.budget.min);
    f.withinBudget = f.budget ? !over : null;
    const verdict = f.budget ? (over ? 'OVER' : 'ok') : '';
    if (!f.ratio) {
      line(`   ${f.name.padEnd(66)} ${fmt(f.value).padStart(9)} ${f.unit.padEnd(9)} ${budgetText(f.budget).padEnd(9)} ${verdict}${f.note ? `  (${f.note})` : ''}`);
      continue;
    }
    line(`   ${f.name}${f.note ? `  (${f.note})` : ''}`);
    line(`      figure    ${fmt(f.value).padStart(9)} ${f.unit.padEnd(9)} ${spreadText(f.spread)}`);
    line(`      baseline  ${fmt(f.baseline.value).padStart(9)} ${f.baseline.unit.padEnd(9)} ${f.baseline.name}${f.baseline.spread ? `; ${spreadText(f.baseline.spread)}` : ''}`);
    line(`      ratio     ${fmt(f.ratio.value).padStart(9)} ${'×'.padEnd(9)} ${budgetText(f.budget).padEnd(9)} ${verdict.padEnd(5)} ${spreadText(f.ratio.spread)}`);
  }
  results.suites[name] = { seconds: (Date.now() - started) / 1000, figures };
}
results.machine.stalls.end = machineStalls();
line(`\nmachine: a busy loop for 2 s saw ${stallText(results.machine.stalls.end)}`);
stopLoad();
results.seconds = Math.round((Date.now() - startedAll) / 1000);
results.load.end = load();
results.load.afterEachSuite = loads;

const previous = previousRun('bench', machine);
const history = compareRuns(results, previous);
results.comparedWith = previous ? { when: previous.when, rows: history } : null;
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
if (only.length === 0) keepRun('bench', machine, results);
else if (previous) {
  // A partial run refreshes only the suites it ran in this machine's history.
  keepRun('bench', machine, { ...previous, suites: { ...previous.suites, ...results.suites } });
} else keepRun('bench', machine, results);

const ratios = Object.values(results.suites).flatMap((s) => s.figures ?? []);
const over = ratios.filter((f) => f.withinBudget === false);
const failed = Object.entries(results.suites).filter(([, s]) => s.error).map(([n]) => n);
if (previous) {
  const loadText = (n) => (n ? `stress-ng --cpu ${n} beside it` : 'nothing beside it');
  line(`\n== against the previous run on this machine (${machine}, ${previous.when}, ${loadText(previous.besideLoad ?? 0)}; this run: ${loadText(besideLoad)}): ratio of ratios`);
  for (const row of history) {
    const mark = row.verdict === 'regression' ? 'REGRESSION beyond the spread' : row.verdict === 'improvement' ? 'better, beyond the spread' : '';
    line(`   ${`${row.suite}: ${row.name}`.padEnd(90)} ${fmt(row.previous).padStart(8)} → ${fmt(row.current).padEnd(8)} ${fmt(row.ratioOfRatios).padStart(6)}  ${mark}`);
  }
} else line(`\n(no previous run on this machine, ${machine}: nothing to compare with)`);
const regressions = history.filter((r) => r.verdict === 'regression');
if (history.length > 0) {
  const apart = history.filter((r) => r.ratioOfRatios > 1.2 || r.ratioOfRatios < 1 / 1.2);
  line(`   ${history.length - apart.length} of ${history.length} ratios within 20 % of the previous run's${apart.length ? `; further apart: ${apart.map((r) => `${r.name} (${fmt(r.ratioOfRatios)})`).join('; ')}` : ''}`);
}
line(
  `\nbench: ${ratios.length} figures (${ratios.filter((f) => f.ratio).length} ratios), ${over.length} over budget${over.length ? `: ${over.map((f) => f.name).join('; ')}` : ''}` +
    `${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}; ${regressions.length} regressions; ${results.seconds} s; load average ${results.load.start[0]} → ${results.load.end[0]}; written to bench/results.json`,
);
