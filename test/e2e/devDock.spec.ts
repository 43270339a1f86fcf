import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { TestKiosk } from '../../central/testing/kioskClient';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { e2eTimings, expect, screenshotDir, startKioskHost, test as base } from './fixtures';
import type { KioskProcess } from './fixtures';

/**
 * The demo's dev dock beside the kiosk: the browser host with the simulated
 * lab and the embedded central (what `npm start` runs), driven as a demo
 * operator would. Screenshots land in test-results/screenshots for people to look at.
 */

type Language = 'ar' | 'en';

const test = base.extend<{ demoKiosk: KioskProcess }>({
  demoKiosk: async ({}, use) => {
    const host = await startKioskHost({
      devices: { simulated: true },
      central: { embedded: true },
      session: { ...e2eTimings, idleWarningAfterMs: 600_000, idleCountdownMs: 30_000 },
    });
    await use(host);
    host.process.kill('SIGTERM');
  },
});

/**
 * Faisal asks the embedded central for a sign-in code from a second, test
 * kiosk, as central's own specs do: the SMS lands in the outbox the dock reads.
 * Resolves with the code central sent.
 */
async function sendSignInCode(host: KioskProcess): Promise<string> {
  if (!host.centralUrl || !host.centralCa) throw new Error('the demo host printed no embedded central');
  const kiosk = await TestKiosk.create(host.centralUrl, readFileSync(host.centralCa, 'utf8'));
  try {
    const issued = await kiosk.call('/dev/enrolment-codes', { method: 'POST' });
    await kiosk.enrol((issued.body as { enrolmentCode: string }).enrolmentCode);
    const started = await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD } });
    expect(started.status).toBe(202);
    const sms = await kiosk.call('/dev/sms?mobile=%2B966548986580&limit=1');
    const code = (sms.body as { messages: { code: string | null }[] }).messages[0]?.code;
    if (!code) throw new Error('central sent no code');
    return code;
  } finally {
    await kiosk.close();
  }
}

/** How far the embedded central's clock has been moved (demo `GET /dev/clock`). */
async function centralClockOffsetMs(host: KioskProcess): Promise<number> {
  if (!host.centralUrl || !host.centralCa) throw new Error('the demo host printed no embedded central');
  const kiosk = await TestKiosk.create(host.centralUrl, readFileSync(host.centralCa, 'utf8'));
  try {
    const clock = await kiosk.call('/dev/clock');
    expect(clock.status).toBe(200);
    return (clock.body as { offsetMs: number }).offsetMs;
  } finally {
    await kiosk.close();
  }
}

async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
}

/** The kiosk's controls and its top bar that the dock (collapsed: its strip; open: its panel) lies over, or that are off the screen. */
function kioskUnderDock(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const dock = document.querySelector('[data-dev-dock]')?.getBoundingClientRect();
    if (!dock) return ['no dock'];
    const kiosk = [...document.querySelectorAll<HTMLElement>('header.top-bar, button, input, a[href], [role="button"]')].filter(
      (el) => !el.closest('[data-dev-dock]') && el.checkVisibility(),
    );
    const problems: string[] = [];
    for (const el of kiosk) {
      const r = el.getBoundingClientRect();
      const name = el.dataset.testid ?? el.className;
      // Half a pixel: a scaled kiosk's edge may end a fraction past where the dock begins.
      const overlapX = Math.min(r.right, dock.right) - Math.max(r.left, dock.left);
      const overlapY = Math.min(r.bottom, dock.bottom) - Math.max(r.top, dock.top);
      if (overlapX > 0.5 && overlapY > 0.5) problems.push(`${name} is under the dock`);
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) problems.push(`${name} is off the screen`);
    }
    return problems;
  });
}

/** The kiosk's screen as drawn: its width and height on the page. */
function kioskBox(page: Page): Promise<{ width: number; height: number }> {
  return page.getByTestId('kiosk-screen').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { width: r.width, height: r.height };
  });
}

/**
 * The open dock beside the kiosk: over none of its controls or its top bar, and the kiosk still the shape of its
 * screen (`shape`: width over height, as it was with the dock collapsed), only smaller.
 */
async function expectBesideTheKiosk(page: Page, shape: number, where: string): Promise<void> {
  expect(await kioskUnderDock(page), where).toEqual([]);
  const drawn = await kioskBox(page);
  expect(Math.abs(drawn.width / drawn.height - shape) / shape, `the kiosk keeps its shape, ${where}`).toBeLessThan(0.01);
}

for (const language of ['ar', 'en'] as const satisfies readonly Language[]) {
  test(`the dev dock drives the lab beside the kiosk (${language})`, async ({ page, demoKiosk }) => {
    await openKiosk(page, demoKiosk.url);
    await page.getByTestId(`attract-language-${language}`).click();
    await expect(page.getByTestId('screen-services')).toBeVisible();

    // Collapsed: one control in its own strip, over none of the kiosk's controls.
    const tab = page.getByTestId('dev-dock-open');
    await expect(tab).toBeVisible();
    expect(await kioskUnderDock(page), 'collapsed').toEqual([]);
    const screen = page.viewportSize()!;
    const shape = (await kioskBox(page)).width / screen.height;

    // Open: beside the kiosk, which keeps its screen's shape (smaller) rather than being covered or squeezed.
    await tab.click();
    const panel = page.getByTestId('dev-dock-panel');
    await expect(panel).toBeVisible();
    await expectBesideTheKiosk(page, shape, `open, ${screen.width}×${screen.height}`);
    await expect(panel).toContainText(language === 'ar' ? 'للعرض التجريبي فقط' : 'DEMO ONLY');

    const slot = page.getByTestId('dev-dock-lab-card-slot');
    await expect(slot).toHaveAttribute('data-position', 'noCard');
    await expect(slot).toHaveAttribute('data-held', 'false');

    await page.getByTestId('dev-dock-search').fill('faisal1042');
    await expect(page.locator('[data-testid^="dev-dock-person-"]')).toHaveCount(1);
    await page.getByTestId('dev-dock-person-1000000008').click();
    await expect(page.getByTestId('dev-dock-person-1000000008')).toHaveAttribute('aria-pressed', 'true');

    // The kiosk is not asking for a card, so the card waits at the closed shutter: the lab shows it held.
    await page.getByTestId('dev-dock-insert-nationalId').click();
    await expect(slot).toHaveAttribute('data-held', 'true');
    await expect(slot).toContainText('0008');
    await expect(page.getByTestId('dev-dock-notice')).toBeVisible();

    // The code a person would read on their phone, newest first, marked as the picked person's.
    const code = await sendSignInCode(demoKiosk);
    const sms = page.getByTestId('dev-dock-sms');
    await expect(sms.locator('.dev-dock__code').first()).toHaveText(code);
    await expect(sms.locator('li').first()).toHaveAttribute('data-picked', 'true');

    const reader = page.getByTestId('dev-dock-lab-fingerprint');
    await expect(reader).toHaveAttribute('data-finger', 'none');
    await page.getByTestId('dev-dock-finger-enrolled').click();
    await expect(reader).toHaveAttribute('data-finger', 'placed');
    await expect(reader).toContainText(language === 'ar' ? 'فيصل الحربي' : 'Faisal Alharbi');

    // The kiosk keeps its own state to itself: the dock's store is not in the customer stores.
    const stores = await page.evaluate(() => Object.keys(window.__kioskDebug?.storeState() ?? {}));
    expect(stores).not.toContain('devDock');

    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${screenshotDir}dev-dock-${language}.png` });

    // Skip ahead: the kiosk's clock and the embedded central's move on five minutes together.
    await page.getByTestId('dev-dock-skip-5').click();
    await expect(page.getByTestId('dev-dock-notice')).toHaveText(language === 'ar' ? 'قُدّمت ساعتا الجهاز والبوابة.' : "The kiosk's and central's clocks moved ahead.");
    expect(await centralClockOffsetMs(demoKiosk), "central's clock moved with the kiosk's").toBe(300_000);
    await page.getByTestId('dev-dock-skip-5').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await panel.screenshot({ path: `${screenshotDir}dev-dock-time-${language}.png` });

    await page.getByTestId('dev-dock-take-card').click();
    await expect(slot).toHaveAttribute('data-held', 'false');

    // The most common floor-standing kiosk, portrait 1080×1920: the dock still lies beside it, never over its top bar.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.getByTestId('dev-dock-close').click();
    await expect(panel).toBeHidden();
    await expect(tab).toBeVisible();
    expect(await kioskUnderDock(page), 'collapsed, 1080×1920').toEqual([]);
    const portraitShape = (await kioskBox(page)).width / 1920;
    await tab.click();
    await expect(panel).toBeVisible();
    await expectBesideTheKiosk(page, portraitShape, 'open, 1080×1920');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${screenshotDir}dev-dock-${language}-1080x1920.png` });
    // A kiosk control is still a touch away with the dock open (the journey specs skip ahead this way mid-journey).
    await page.getByTestId('nav-help').click();
    await expect(page.getByTestId('screen-help')).toBeVisible();
    await page.getByTestId('dev-dock-close').click();
    await expect(panel).toBeHidden();
    await expect(tab).toBeVisible();
  });
}
