import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/**
 * Real Electron, real core, built app (out/). Specs end in .e2e.ts so Vitest's
 * default *.spec/*.test glob never picks them up. One worker: a kiosk is one
 * window holding one single-instance lock.
 */
export default defineConfig({
  testDir: here,
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: path.join(root, 'test-results', 'electron'),
  reporter: [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report', 'electron') }]],
});
