import { existsSync, mkdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Every demo host a spec starts inherits this: its core appends each journey state it enters (names only) here,
// for the coverage report (zzJourneyCoverage.spec.ts). `npm test` clears it before the e2e stage.
mkdirSync(new URL('../../test-results', import.meta.url).pathname, { recursive: true });
process.env.KIOSK_JOURNEY_TRACE ??= new URL('../../test-results/e2e-core-states.txt', import.meta.url).pathname;
// The demo population's password hashes and fingerprint templates, computed by the first host a run starts and read
// back by every later one (central/store/seedMaterial.ts checks the copy before it uses it): ~1 s off each test's start.
process.env.KIOSK_DEMO_SEED_CACHE ??= new URL('../../test-results/demo-seed', import.meta.url).pathname;

const e2eBrowser = existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';

/**
 * End-to-end specs drive Debian's Chromium (Playwright cannot download its own
 * browser here) against the real browser host started by fixtures.ts.
 */
export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e',
  // Each screen is looked at (axe, truncation, touch targets, screenshot) once a run, by the first test to reach it (looks.ts).
  globalSetup: './globalSetup.ts',
  // Two tests at a time: one test's host, page and Playwright use about half a core on average (they mostly wait on
  // line times, central and the screen). KIOSK_E2E_WORKERS=1 runs them one by one.
  workers: Number(process.env.KIOSK_E2E_WORKERS ?? 2),
  // `npm test` tries a failed test once more (KIOSK_E2E_RETRIES=1) and names every test that passed only then at the end
  // of its output: a safety net for a stalled moment on a shared machine, never a pass for a test that fails twice.
  // Everything else (a spec run by hand, `npm run test:e2e:loaded`) counts the first try.
  retries: Number(process.env.KIOSK_E2E_RETRIES ?? 0),
  // `kiosk` hands out tests, not spec files (`fullyParallel`): whole files left the two longest (journeysBranchesB,
  // atmFailures, ~6 min each) as a tail that one worker ran while the other idled. Every test has its own host, ports,
  // data dir, lab and page, and writes only files named for itself (steps: journeyHelpers.saveSteps; screenshots whole,
  // fixtures.keepPng) or appended a line at a time (the state trace) or renamed into place (the seed cache), so two
  // tests of one file may run at once. A file that ever needs its order keeps it with
  // `test.describe.configure({ mode: 'serial' })` and the reason beside it (none does).
  // The coverage report reads what every other spec left (steps drawn, states entered), so it runs after all of them.
  // Run it alone over an earlier run's files with `--no-deps`.
  projects: [
    { name: 'kiosk', testMatch: '**/*.spec.ts', testIgnore: '**/zzJourneyCoverage.spec.ts', fullyParallel: true },
    { name: 'coverage', testMatch: '**/zzJourneyCoverage.spec.ts', dependencies: ['kiosk'] },
  ],
  // Hang guards, not budgets: a spec's budget grows with the screens it looks at (journeyHelpers.lookAtStep), and
  // no expectation waits on the wall clock for anything but a state to appear (none passes sooner for a shorter one).
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]] : 'list',
  use: {
    viewport: { width: 1280, height: 1024 },
    launchOptions: {
      // Chromium's headless shell (apt: chromium-headless-shell, the same release as Debian's chromium): Playwright's
      // own choice for headless runs. The full browser in headless mode opens every new page as a browser window with
      // its toolbar's WebUI (an omnibox popup in a renderer of its own): ≈ 0.9 s of CPU a fresh page against ≈ 0.3 s
      // here, and every test opens at least one. KIOSK_BROWSER picks another.
      executablePath: process.env.KIOSK_BROWSER ?? e2eBrowser,
      // The shell hints glyph outlines fully by default, the full browser (and Electron) do not: without this, Arabic
      // runs come out ≈ 1 % wider and a screen that fits in the kiosk wraps a line more in the spec.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
    },
    trace: 'off',
  },
});
