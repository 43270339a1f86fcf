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

/** Kiosk controls whose box the collapsed dock's tab overlaps. */
function controlsUnderTab(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tab = document.querySelector('[data-testid="dev-dock-open"]')?.getBoundingClientRect();
    if (!tab) return ['no tab'];
    return [...document.querySelectorAll<HTMLElement>('button, input, a[href], [role="button"]')]
      .filter((el) => !el.closest('[data-dev-dock]') && el.checkVisibility())
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < tab.right && r.right > tab.left && r.top < tab.bottom && r.bottom > tab.top;
      })
      .map((el) => el.dataset.testid ?? el.tagName);
  });
}

for (const language of ['ar', 'en'] as const satisfies readonly Language[]) {
  test(`the dev dock drives the lab beside the kiosk (${language})`, async ({ page, demoKiosk }) => {
    await openKiosk(page, demoKiosk.url);
    await page.getByTestId(`attract-language-${language}`).click();
    await expect(page.getByTestId('screen-services')).toBeVisible();

    // Collapsed: a tab in its own strip, over none of the kiosk's controls.
    const tab = page.getByTestId('dev-dock-open');
    await expect(tab).toBeVisible();
    expect(await controlsUnderTab(page)).toEqual([]);

    await tab.click();
    const panel = page.getByTestId('dev-dock-panel');
    await expect(panel).toBeVisible();
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
    await page.getByTestId('dev-dock-close').click();
    await expect(panel).toBeHidden();
    await expect(tab).toBeVisible();
  });
}
