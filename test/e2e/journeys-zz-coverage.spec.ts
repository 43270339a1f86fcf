import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from '@playwright/test';
import { journeyServices } from '../../electron/contract/journeys';
import { journeyStates, withAncestors } from '../../electron/core/journeys/stateList';

/**
 * Runs last (file order): which machine states the journey specs drew on
 * screen, against every state the machines have. A state counts as visited
 * with its ancestors (`activate.code.entry` visits `activate.code`). States
 * a screen can never show — transient checks, hand-overs, the wipe — stay
 * unvisited and are listed as such, not hidden.
 */

const root = new URL('../..', import.meta.url).pathname;
const stepsDir = `${root}test-results/e2e-steps/`;

test('journey state coverage by the e2e specs', () => {
  const files = (() => {
    try {
      return readdirSync(stepsDir).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  })();
  test.skip(files.length === 0, 'no journey spec ran before this one');
  const seen = new Set<string>();
  for (const file of files) for (const step of JSON.parse(readFileSync(`${stepsDir}${file}`, 'utf8')) as string[]) for (const s of withAncestors(step)) seen.add(s);

  const report = Object.fromEntries(
    journeyServices.map((service) => {
      const all = journeyStates(service);
      const visited = all.filter((s) => seen.has(s));
      return [service, { visited: visited.length, total: all.length, unvisited: all.filter((s) => !seen.has(s)) }];
    }),
  );
  const visited = Object.values(report).reduce((n, r) => n + r.visited, 0);
  const total = Object.values(report).reduce((n, r) => n + r.total, 0);
  mkdirSync(`${root}test-results`, { recursive: true });
  writeFileSync(`${root}test-results/e2e-state-coverage.json`, `${JSON.stringify({ visited, total, specs: files.length, journeys: report }, null, 2)}\n`);
  for (const [service, r] of Object.entries(report)) console.log(`${service.padEnd(16)} ${String(r.visited).padStart(3)}/${r.total}`);
  console.log(`${'all journeys'.padEnd(16)} ${String(visited).padStart(3)}/${total} (${Math.round((100 * visited) / total)}%)`);
});
