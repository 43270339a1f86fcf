import { defineConfig } from '@playwright/test';

/**
 * End-to-end specs drive Debian's Chromium (Playwright cannot download its own
 * browser here) against the real browser host started by fixtures.ts.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]] : 'list',
  use: {
    viewport: { width: 1280, height: 1024 },
    launchOptions: {
      executablePath: process.env.KIOSK_BROWSER ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
});
