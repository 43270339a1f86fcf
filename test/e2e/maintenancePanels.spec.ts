import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import vue from '@vitejs/plugin-vue';
import { createServer, type ViteDevServer } from 'vite';
import { seriousAxeViolations } from './fixtures';

/**
 * The maintenance diagnostics and readiness panels in Arabic and English
 * (and high contrast + large text), on a test-only Vite page with the
 * renderer's fake core (renderer/src/maintenance/diagnostics/testing/preview/). The overlay that hosts them
 * for a signed-in technician is built on another branch; the core's side is
 * specified with the lab in electron/core/maintenance/diagnostics.
 */

const repo = fileURLToPath(new URL('../..', import.meta.url));
let server: ViteDevServer;
let base = '';

test.beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../../renderer/src/maintenance/diagnostics/testing/preview', import.meta.url)),
    plugins: [vue()],
    logLevel: 'warn',
    define: {
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __INTLIFY_JIT_COMPILATION__: 'true',
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
      __KIOSK_DEV_DOCK__: 'false',
    },
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repo, realpathSync(`${repo}/node_modules`)] }, hmr: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen');
  base = `http://127.0.0.1:${address.port}/`;
});

test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page, panel: 'diagnostics' | 'readiness', lang: 'ar' | 'en', hc = false): Promise<void> {
  await page.goto(`${base}?panel=${panel}&lang=${lang}${hc ? '&hc=1' : ''}`);
}

async function look(page: Page, name: string): Promise<void> {
  // A tab or button that just changed is still in its colour transition: axe judges the colours it ends with.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  expect.soft(await seriousAxeViolations(page), `axe, ${name}`).toEqual([]);
  // Every button a technician touches is at least 44 px each way.
  const small = await page.locator('button').evaluateAll((buttons) =>
    buttons.filter((b) => b.getBoundingClientRect().width < 44 || b.getBoundingClientRect().height < 44).map((b) => b.textContent?.trim()),
  );
  expect.soft(small, `touch targets, ${name}`).toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/maint-${name}.png`, fullPage: true });
}

for (const lang of ['ar', 'en'] as const) {
  const text = lang === 'ar'
    ? { module: 'وحدة القارئ', cardSlot: 'فتحة البطاقات', bin: 'صندوق البطاقات المحتجزة', network: 'الشبكة والخادم المركزي', retry: 'أعد المحاولة', discard: 'تجاهل', run: 'شغّل واطبع', warn: 'جاهز مع تنبيهات', capture: 'التقاط تجريبي' }
    : { module: 'Reader module', cardSlot: 'Card slot', bin: 'Retain bin', network: 'Network and central', retry: 'Retry', discard: 'Discard', run: 'Run and print', warn: 'Ready with warnings', capture: 'Test capture' };

  test(`diagnostics panel, ${lang}: each device's screen, a test capture, dead letters`, async ({ page }) => {
    await open(page, 'diagnostics', lang);
    await expect(page.locator('[data-check="fingerprint.module"]')).toContainText(text.module);
    await page.locator('[data-action="fingerprint.testCapture"]').click();
    await expect(page.locator('canvas')).toBeVisible();
    await look(page, `diagnostics-fingerprint-${lang}`);
    await page.getByRole('tab', { name: text.cardSlot }).click();
    await expect(page.locator('[data-check="cardSlot.retainBin"]')).toContainText(text.bin);
    await page.locator('[data-action="cardSlot.binEmptied"]').click();
    await expect(page.getByTestId('diag-bin-dialog')).toBeVisible();
    await look(page, `diagnostics-cardSlot-${lang}`);
    await page.getByTestId('diag-bin-keep').click();
    await page.getByRole('tab', { name: text.network }).click();
    await expect(page.locator('[data-tx]')).toHaveCount(2);
    await page.getByRole('button', { name: text.retry }).first().click();
    await expect(page.locator('[data-tx]')).toHaveCount(1);
    await look(page, `diagnostics-network-${lang}`);
    await page.locator('[data-tx]').getByRole('button', { name: text.discard }).click();
    await expect(page.getByTestId('dead-letter-dialog')).toBeVisible();
    await look(page, `diagnostics-discard-confirm-${lang}`);
    await page.getByTestId('dead-letter-discard').click();
    await expect(page.locator('[data-tx]')).toHaveCount(0);
    // A call the core refuses: why, in the technician's language (never the core's own words).
    await page.evaluate(() => Object.assign((window as unknown as { previewDiagnostics: { refuse: unknown } }).previewDiagnostics, { refuse: { procedure: 'diagnose', code: 'timeout', message: 'raw core words' } }));
    await page.getByRole('tab', { name: text.cardSlot }).click();
    await expect(page.getByTestId('diag-refused')).toHaveAttribute('data-code', 'timeout');
    await expect(page.getByTestId('diag-refused')).not.toContainText('raw core words');
    await look(page, `diagnostics-refused-${lang}`);
    await open(page, 'diagnostics', lang, true);
    await expect(page.locator('[data-check="fingerprint.module"]')).toBeVisible();
    await look(page, `diagnostics-fingerprint-${lang}-hc`);
    await page.evaluate(() => Object.assign((window as unknown as { previewDiagnostics: { refuse: unknown } }).previewDiagnostics, { refuse: { procedure: 'diagnosticAction', code: 'not_allowed', message: 'raw core words' } }));
    await page.locator('[data-action="fingerprint.ledTest"]').click();
    await expect(page.getByTestId('diag-refused')).toHaveAttribute('data-code', 'not_allowed');
    await look(page, `diagnostics-refused-${lang}-hc`);
    await page.evaluate(() => Object.assign((window as unknown as { previewDiagnostics: { refuse: unknown } }).previewDiagnostics, { refuse: null }));
    await page.getByRole('tab', { name: text.cardSlot }).click();
    // Its checks drawn first (the buttons below them move while they load).
    await expect(page.locator('[data-check="cardSlot.retainBin"]')).toContainText(text.bin);
    await page.locator('[data-action="cardSlot.binEmptied"]').click();
    await expect(page.getByTestId('diag-bin-dialog')).toBeVisible();
    await look(page, `diagnostics-bin-confirm-${lang}-hc`);
  });

  test(`readiness panel, ${lang}: run and print, amber, manual tests with their last result`, async ({ page }) => {
    await open(page, 'readiness', lang);
    await page.getByRole('button', { name: text.run }).click();
    await expect(page.locator('[data-overall="warn"]')).toContainText(text.warn);
    await expect(page.locator('[data-check="fingerprint.testCapture"]')).toContainText(text.capture);
    await look(page, `readiness-${lang}`);
    await open(page, 'readiness', lang, true);
    await page.getByRole('button', { name: text.run }).click();
    await expect(page.locator('[data-overall="warn"]')).toBeVisible();
    await look(page, `readiness-${lang}-hc`);
  });
}
