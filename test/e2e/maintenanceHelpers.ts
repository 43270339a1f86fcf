import type { Page } from '@playwright/test';
import { keepScreenshot, pageScrolls, seriousAxeViolations, transitionsSettled } from './fixtures';
import { anyUnclaimed, lookOnce } from './looks';
import { centralCall, expect, findSmallTargets, findTruncatedText, labPost, labState, takeCard } from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';

/** Maintenance mode in the e2e specs: the demo technician, entering with card and PIN, and the three looks at each overlay screen. */

export const TECHNICIAN = { card: 'technician-1001', pin: '2468', name: 'Technician One' };

export const overlay = (page: Page) => page.getByTestId('maintenance-overlay');

/** Axe, truncation and touch targets, then a screenshot in test-results/screenshots; once a run (looks.ts). */
export async function look(page: Page, file: string): Promise<void> {
  await lookOnce(`maintenance-${file}`, async () => {
    await page.mouse.move(0, 0);
    await transitionsSettled(page);
    expect.soft(await seriousAxeViolations(page, { exclude: '[data-dev-dock]' }), `axe, ${file}`).toEqual([]);
    expect.soft(await findTruncatedText(page), `truncation, ${file}`).toEqual([]);
    expect.soft(await findSmallTargets(page), `touch targets, ${file}`).toEqual([]);
    await keepScreenshot(page, `maintenance-${file}`, { fullPage: await pageScrolls(page), animations: 'disabled' });
  });
}

/** The overlay's screen in the technician's language, then in the other one, then high contrast + large text. */
export async function lookBothWays(page: Page, language: Language, name: string): Promise<void> {
  const other: Language = language === 'ar' ? 'en' : 'ar';
  // Each look once a run (looks.ts): a screen another test has looked at in all three ways is not switched through again.
  if (!anyUnclaimed([`maintenance-${name}-${language}`, `maintenance-${name}-${other}`, `maintenance-${name}-${other}-hc-large`])) return;
  await look(page, `${name}-${language}`);
  await setTechnicianLanguage(page, other);
  await look(page, `${name}-${other}`);
  // No customer session, so no top-bar toggles: the theme classes the session would set, set here.
  await page.evaluate(() => document.documentElement.classList.add('theme-high-contrast', 'text-large'));
  await look(page, `${name}-${other}-hc-large`);
  await page.evaluate(() => document.documentElement.classList.remove('theme-high-contrast', 'text-large'));
  await setTechnicianLanguage(page, language);
}

export async function setTechnicianLanguage(page: Page, language: Language): Promise<void> {
  if ((await overlay(page).getAttribute('lang')) !== language) await page.getByTestId('maintenance-language').click();
  await expect(overlay(page)).toHaveAttribute('lang', language);
}

export async function openAttract(page: Page, demo: DemoKiosk): Promise<void> {
  await page.goto(demo.url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 30_000 });
  await configurationInForce(page);
}

/**
 * Waits until central's first configuration is in force on the kiosk (the snapshot's `central.configVersion`): the
 * technicians list and its offline verifiers come with it, so a spec that takes central down afterwards meets the
 * kiosk it means to test, not one that never heard from central (on a loaded machine that first fetch can be late).
 */
export async function configurationInForce(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => (window.__kioskDebug?.storeState().session as { snapshot?: { central?: { configVersion?: string | null } } } | undefined)?.snapshot?.central?.configVersion ?? null), {
      message: 'central’s configuration in force on the kiosk',
      timeout: 30_000,
      intervals: [100, 250, 500],
    })
    .not.toBeNull();
}

/** The technician card goes into the slot (pushed until the shutter, stripe cards only between customers, takes it). */
export async function insertTechnicianCard(demo: DemoKiosk): Promise<void> {
  await expect.poll(async () => (await labPost(demo, '/card/insert', { card: TECHNICIAN.card })).status, { timeout: 15_000, intervals: [100] }).toBe(200);
}

export async function typePin(page: Page, pin: string): Promise<void> {
  const keys = page.getByTestId('maintenance-pin').getByTestId('keyboard');
  for (const digit of pin) await keys.locator(`[data-skbtn="${digit}"]`).click();
  await page.getByTestId('maintenance-pin-submit').click();
}

/** The technician card stays in the slot while the PIN pad is open (its track 3 secret is what the offline check needs). */
export async function cardStaysIn(demo: DemoKiosk): Promise<void> {
  expect((await labState(demo)).cardSlot.card?.at).toBe('inside');
}

/** Card, PIN, signed in; the card comes back after the PIN and is taken. */
export async function signIn(page: Page, demo: DemoKiosk, language: Language): Promise<void> {
  await insertTechnicianCard(demo);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
  await setTechnicianLanguage(page, language);
  await cardStaysIn(demo);
  await typePin(page, TECHNICIAN.pin);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'on');
  await takeCard(demo);
}

export async function fleetReason(demo: DemoKiosk): Promise<string | null> {
  const { body } = await centralCall(demo, 'GET', '/dev/fleet');
  return (body as { kiosks: { unavailableReason: string | null }[] }).kiosks[0]?.unavailableReason ?? null;
}
