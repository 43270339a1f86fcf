import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { atmJourneyServices } from '../../electron/contract/atm';
import { journeyServices } from '../../electron/contract/journeys';
import { journeyStates, screenlessStates, withAncestors } from '../../electron/core/journeys/stateList';

/**
 * Runs last (file order: named zz… so that every spec file sorts before it;
 * it was journeys-zz-…, which ran before kiosk*, receipts, speech and
 * tripOvers, and so missed the states only tripOvers reaches): which journey states the e2e specs visited,
 * against every state the machines define, measured two ways:
 *
 * * entered by the core: every demo host the specs start appends each state
 *   its journey machines enter, transient ones included (KIOSK_JOURNEY_TRACE,
 *   set in playwright.config.ts) — the issue's "visits every state";
 * * drawn on screen: the `data-step` values the journey screen showed
 *   (journeyHelpers.recordSteps), against the states a screen can show
 *   (all but `screenlessStates`: ended machines and pass-through checks).
 *
 * The government journeys and the bank-ATM one (`atm.*`: its screen's
 * `data-step`, recorded by every ATM spec through atmHelpers' `test`).
 * A state counts with its ancestors (`activate.code.entry` visits
 * `activate.code`). Under `npm test` (KIOSK_E2E_FULL_RUN=1) both must be
 * complete; a partial run only reports, unless it names the journeys it
 * covers: KIOSK_E2E_COVERAGE_OF=atm (comma-separated) demands those complete.
 * For example, with a fresh trace and steps:
 *
 *     rm -rf test-results/e2e-steps test-results/e2e-core-states.txt
 *     npx playwright test -c test/e2e/playwright.config.ts atm.spec.ts atmFailures.spec.ts atmMaintenance.spec.ts atmSpeech.spec.ts
 *     KIOSK_E2E_COVERAGE_OF=atm npx playwright test -c test/e2e/playwright.config.ts --no-deps zzJourneyCoverage
 */

const root = new URL('../..', import.meta.url).pathname;
const stepsDir = `${root}test-results/e2e-steps/`;
const coreTrace = process.env.KIOSK_JOURNEY_TRACE ?? `${root}test-results/e2e-core-states.txt`;

function drawnSteps(): { specs: number; seen: Set<string> } {
  const files = existsSync(stepsDir) ? readdirSync(stepsDir).filter((f) => f.endsWith('.json')) : [];
  const seen = new Set<string>();
  for (const file of files) for (const step of JSON.parse(readFileSync(`${stepsDir}${file}`, 'utf8')) as string[]) for (const s of withAncestors(step)) seen.add(s);
  return { specs: files.length, seen };
}

function enteredStates(): Set<string> {
  if (!existsSync(coreTrace)) return new Set();
  return new Set(
    readFileSync(coreTrace, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .flatMap(withAncestors),
  );
}

test('journey state coverage by the e2e specs', () => {
  const drawn = drawnSteps();
  const entered = enteredStates();
  test.skip(drawn.specs === 0 && entered.size === 0, 'no journey spec ran before this one (run the whole suite, or a journey spec with it)');

  const journeys = Object.fromEntries(
    [...journeyServices, ...atmJourneyServices].map((service) => {
      const all = journeyStates(service);
      const screenless = new Set(screenlessStates(service));
      const drawable = all.filter((s) => !screenless.has(s));
      return [
        service,
        {
          entered: all.filter((s) => entered.has(s)).length,
          total: all.length,
          notEntered: all.filter((s) => !entered.has(s)),
          drawn: drawable.filter((s) => drawn.seen.has(s)).length,
          drawable: drawable.length,
          notDrawn: drawable.filter((s) => !drawn.seen.has(s)),
          screenless: [...screenless],
        },
      ];
    }),
  );
  const rows = Object.values(journeys);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const totals = { entered: sum((r) => r.entered), total: sum((r) => r.total), drawn: sum((r) => r.drawn), drawable: sum((r) => r.drawable) };
  mkdirSync(`${root}test-results`, { recursive: true });
  writeFileSync(`${root}test-results/e2e-state-coverage.json`, `${JSON.stringify({ ...totals, specs: drawn.specs, journeys }, null, 2)}\n`);

  const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
  console.log(`${'journey'.padEnd(16)} ${'entered by core'.padStart(16)} ${'drawn on screen'.padStart(16)}`);
  for (const [service, r] of Object.entries(journeys)) console.log(`${service.padEnd(16)} ${`${r.entered}/${r.total}`.padStart(16)} ${`${r.drawn}/${r.drawable}`.padStart(16)}`);
  console.log(
    `${'all journeys'.padEnd(16)} ${`${totals.entered}/${totals.total} ${pct(totals.entered, totals.total)}`.padStart(16)} ${`${totals.drawn}/${totals.drawable} ${pct(totals.drawn, totals.drawable)}`.padStart(16)}`,
  );

  const demanded = process.env.KIOSK_E2E_FULL_RUN === '1' ? Object.keys(journeys) : (process.env.KIOSK_E2E_COVERAGE_OF ?? '').split(',').filter((s) => s !== '');
  const unknown = demanded.filter((service) => !(service in journeys));
  expect(unknown, 'KIOSK_E2E_COVERAGE_OF names journeys that exist').toEqual([]);
  const checked = demanded.map((service) => journeys[service]!);
  if (checked.length > 0) {
    expect(
      checked.flatMap((r) => r.notEntered),
      'states no e2e spec brought the core into',
    ).toEqual([]);
    expect(
      checked.flatMap((r) => r.notDrawn),
      'states no e2e spec showed on screen',
    ).toEqual([]);
  }
});
