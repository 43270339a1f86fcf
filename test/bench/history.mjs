// Bench history: the previous run on the same machine, and this run's ratios set against it (ratio of ratios).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';

/** A stable id for this machine: its systemd machine id (or host name), CPU model and count, memory. */
export function machineId() {
  const id = ['/etc/machine-id', '/var/lib/dbus/machine-id'].map((p) => (existsSync(p) ? readFileSync(p, 'utf8').trim() : '')).find(Boolean) ?? hostname();
  return createHash('sha256')
    .update(`${id}|${cpus()[0]?.model}|${cpus().length}|${Math.round(totalmem() / 2 ** 30)}`)
    .digest('hex')
    .slice(0, 12);
}

const file = (dir, machine) => join(dir, 'history', `${machine}.json`);

export function previousRun(dir, machine) {
  const path = file(dir, machine);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

export function keepRun(dir, machine, results) {
  mkdirSync(join(dir, 'history'), { recursive: true });
  writeFileSync(file(dir, machine), `${JSON.stringify(results, null, 2)}\n`);
}

/** Lower is better unless the figure says otherwise or its budget is a minimum. */
const worseIsHigher = (figure) => (figure.better ? figure.better === 'lower' : figure.budget?.min === undefined);

/**
 * Each ratio against the same figure's ratio in `previous`: the ratio of ratios, and a verdict. A change counts only
 * when it is beyond both runs' spreads (this median outside the previous run's min..max, and the previous median
 * outside this run's), so the weather inside one run is not called a regression.
 */
export function compareRuns(current, previous) {
  const rows = [];
  for (const [suite, { figures = [] }] of Object.entries(current.suites)) {
    for (const figure of figures) {
      if (!figure.ratio) continue;
      const before = previous?.suites?.[suite]?.figures?.find((f) => f.name === figure.name && f.ratio);
      if (!before) continue;
      const now = figure.ratio;
      const then = before.ratio;
      const change = now.value / then.value;
      const beyond = (a, b) => a.value > b.spread.max && b.value < a.spread.min;
      const up = beyond(now, then);
      const down = beyond(then, now);
      const worse = worseIsHigher(figure) ? up : down;
      const better = worseIsHigher(figure) ? down : up;
      rows.push({ suite, name: figure.name, previous: then.value, current: now.value, ratioOfRatios: Number(change.toFixed(3)), verdict: worse ? 'regression' : better ? 'improvement' : 'same' });
    }
  }
  return rows;
}
