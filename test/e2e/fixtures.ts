import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { test as base, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { hostFixtureTimeout, startHost } from './demoHost';

export { expect };

const root = new URL('../..', import.meta.url).pathname;

/** Where specs write what people should look at: an ignored output folder, never the tree (one run's images, not history). */
export const screenshotDir = `${root}test-results/screenshots/`;
mkdirSync(screenshotDir, { recursive: true });

/**
 * Keeps a PNG in `screenshotDir` whole: written beside it and renamed over it. Tests of one spec file run at once
 * (`fullyParallel`), and two of them may look at the same screen in the same language (`lookAtStep`'s file names
 * come from the step): two plain writes to one path can interleave into a broken image, a rename cannot.
 */
export function keepPng(file: string, png: Buffer): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, png);
  renameSync(partial, file);
}

/** `target.screenshot(options)` kept as `<screenshotDir><name>.png` (see keepPng). */
export async function keepScreenshot(target: Page | Locator, name: string, options: { fullPage?: boolean; animations?: 'disabled' } = {}): Promise<void> {
  keepPng(`${screenshotDir}${name}.png`, await target.screenshot(options));
}

/**
 * Short idle timings, for the specs about the idle warning (production keeps ≥ 20 s; the config schema enforces it).
 * The warning comes after 6 s without a touch: long enough that no spec's own pause between two touches brings it on
 * a busy machine, short enough that an idle spec waits seconds, not minutes.
 */
export const e2eTimings = { idleWarningAfterMs: 6_000, idleCountdownMs: 4_000, extensionsAllowed: 10, sessionCapMs: 600_000 };

/** No idle warning interrupts a spec that is not about it, however long its checks take. */
export const patientTimings = { ...e2eTimings, idleWarningAfterMs: 300_000, idleCountdownMs: 30_000 };

export interface KioskProcess {
  url: string;
  process: ChildProcess;
  stderr: string[];
  /** Every stdout line so far. */
  lines: string[];
  /** Demo only: the simulated lab's control API, the embedded central and its CA file. */
  labControl: string | undefined;
  centralUrl: string | undefined;
  centralCa: string | undefined;
}

/** The demo the specs run against: simulated devices and the embedded reference central (≈ 1 s to start). */
export const e2eDemo = { devices: { simulated: true }, central: { embedded: true } };

/**
 * Starts `out/host/index.js --browser=none` and resolves with the `Kiosk UI:` URL it prints.
 * `config` is layered over the demo and the short timings (top-level keys replace).
 */
export async function startKioskHost(config: object = {}): Promise<KioskProcess> {
  const { process: child, lines, stderr } = await startHost(JSON.stringify({ session: patientTimings, log: { level: 'warn' }, ...e2eDemo, ...config }));
  const url = lines.find((l) => l.startsWith('Kiosk UI: '))?.slice('Kiosk UI: '.length) ?? '';
  const after = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length);
  return { url, process: child, stderr, lines, labControl: after('Lab control: '), centralUrl: after('Central: '), centralCa: after('Central CA: ') };
}

/**
 * A fresh kiosk per test, so no session or state leaks from one spec into the next. Its start (≈ 2–3 s on this
 * machine: the embedded central, the lab, enrolment over mTLS) and the page's first load (≈ 1–2 s) are in every test. Its session timings are patient unless a spec about the idle warning asks for others (`test.use({ sessionTimings: … })`).
 */
export const test = base.extend<{ kioskUrl: string; kioskHost: KioskProcess; sessionTimings: typeof e2eTimings }>({
  // A failed test keeps what the page said (console warnings and errors, uncaught errors): the renderer says there when its
  // link to the host closed and with which code, which the host's log cannot tell when the link died on the browser's side.
  page: async ({ page }, use, testInfo) => {
    const said: string[] = [];
    const at = () => new Date().toISOString().slice(11, 23);
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') said.push(`${at()} ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => said.push(`${at()} uncaught: ${error.message}`));
    page.on('crash', () => said.push(`${at()} the page crashed`));
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && said.length > 0) await testInfo.attach('page-console', { body: said.join('\n'), contentType: 'text/plain' });
  },
  sessionTimings: [patientTimings, { option: true }],
  kioskHost: [
    async ({ sessionTimings }, use, testInfo) => {
      const host = await startKioskHost({ session: sessionTimings });
      await use(host);
      // A failed test keeps what the host said (warnings and errors; log level warn) and whether it was still running:
      // a core that died mid-test shows here, not only as a renderer stuck reconnecting.
      if (testInfo.status !== testInfo.expectedStatus) {
        const state = host.process.exitCode === null && host.process.signalCode === null ? 'still running' : `exited (code ${host.process.exitCode}, signal ${host.process.signalCode})`;
        const said = `browser host ${state}\n${host.stderr.join('')}`;
        writeFileSync(testInfo.outputPath('kiosk-host-stderr.txt'), said);
        await testInfo.attach('kiosk-host-stderr', { body: said, contentType: 'text/plain' });
      }
      host.process.kill('SIGTERM');
    },
    { timeout: hostFixtureTimeout },
  ],
  kioskUrl: async ({ kioskHost }, use) => use(kioskHost.url),
});

/**
 * Waits until the page's CSS transitions have run (a theme or language change fades colours), so a check reads
 * the final look. Endless animations (a spinner) are not waited for. No fixed sleep: on a busy machine it waits
 * as long as the transitions take, on an idle one no longer.
 */
export async function transitionsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === 'running');
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * The top bar keeps text size, contrast, speech and volume behind one "accessibility" button, so it stays one row
 * at every screen shape: opens it (unless it is open) before one of those toggles is touched.
 */
export async function openAccessibility(page: Page): Promise<void> {
  const button = page.getByTestId('toggle-accessibility');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/** Whether the page is taller than the window: only then is a full-page screenshot worth its cost. */
export function pageScrolls(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
}

/**
 * axe-core as @axe-core/playwright ships it, put in the page once per document and run there directly. The builder's
 * `analyze()` injects the whole library and finishes each run in a blank page of its own (≈ 2 s a run on this
 * machine); for our single-frame kiosk page the same rules on the same document give the same violations (≈ 0.3 s).
 */
const axeSource = readFileSync(createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeScope {
  include?: string;
  exclude?: string;
}

/** Serious and critical axe violations on the page as it is now, `rule: targets` each. */
export async function seriousAxeViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async ({ include, exclude }) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const context = { include: include ? [[include]] : [['html']], exclude: exclude ? [[exclude]] : [] };
    const results = await axe.run(context, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  }, scope);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
