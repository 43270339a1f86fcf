import type { Page } from '@playwright/test';
import { e2eTimings, expect, pageScrolls, screenshotDir, seriousAxeViolations, startKioskHost, test as base, transitionsSettled } from './fixtures';
import type { KioskProcess } from './fixtures';

/**
 * Every screen, in both languages and every display mode: axe finds nothing
 * serious, no text is cut off, every control is a 44×44 px touch target with
 * room around it. Screenshots land in test-results/screenshots for people to look at.
 */

type Language = 'ar' | 'en';
interface Variant {
  name: string;
  highContrast: boolean;
  largeText: boolean;
  screenshot: boolean;
}

const languages: Language[] = ['ar', 'en'];
const variants: Variant[] = [
  { name: '', highContrast: false, largeText: false, screenshot: true },
  { name: 'contrast', highContrast: true, largeText: false, screenshot: false },
  { name: 'large', highContrast: false, largeText: true, screenshot: false },
  { name: 'contrast-large', highContrast: true, largeText: true, screenshot: true },
];

/** A kiosk whose idle warning will not interrupt a long look at one screen. */
const test = base.extend<{ patientKiosk: KioskProcess }>({
  patientKiosk: async ({}, use) => {
    const host = await startKioskHost({ session: { ...e2eTimings, idleWarningAfterMs: 600_000, idleCountdownMs: 30_000 } });
    await use(host);
    host.process.kill('SIGTERM');
  },
});

async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
}

async function setMode(page: Page, language: Language, variant: Variant): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('toggle-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  for (const [testId, on] of [
    ['toggle-contrast', variant.highContrast],
    ['toggle-large-text', variant.largeText],
  ] as const) {
    const toggle = page.getByTestId(testId);
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', String(on));
  }
}

async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  // Let colour transitions finish so axe reads the final colours.
  await transitionsSettled(page);
  expect(await seriousAxeViolations(page), where).toEqual([]);
}

/** Text that needs more room than its box has (cut off or scrolling), and a page that scrolls sideways. */
function findTruncatedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      // Text only for screen readers (.visually-hidden) is a 1 px box by design, never cut off for anyone who reads it.
      if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      const style = getComputedStyle(el);
      if (!hasText || style.display === 'inline') continue;
      // Glyphs may rise above a line box without being cut; height only counts where overflow is clipped.
      const clipsHeight = style.overflowY !== 'visible';
      if (el.scrollWidth > el.clientWidth + 1 || (clipsHeight && el.scrollHeight > el.clientHeight + 1)) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth}`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
    return problems;
  });
}

/** Controls smaller than 44×44 CSS px, or closer than 8 px to a neighbour. */
function findSmallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    // Only what a finger can reach: not covered by a dialog's backdrop or the docked keyboard.
    const reachable = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return true;
      const hit = document.elementFromPoint(x, y);
      return hit !== null && el.contains(hit);
    };
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, a[href], [role="button"]')].filter(
      (el) => el.checkVisibility() && reachable(el),
    );
    const describe = (el: HTMLElement) => el.dataset.testid ?? el.getAttribute('data-skbtn') ?? (el.textContent ?? '').trim().slice(0, 30);
    for (const el of controls) {
      const rect = el.getBoundingClientRect();
      if (rect.width < 43.5 || rect.height < 43.5) problems.push(`${describe(el)} is ${Math.round(rect.width)}×${Math.round(rect.height)}`);
    }
    // Spacing is about what is visible: a tile scrolled under the docked keyboard ends where the keyboard begins.
    const layers = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
      .map((el) => ({ el, rect: el.getBoundingClientRect() }));
    const visiblePart = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      let top = r.top;
      let bottom = r.bottom;
      for (const layer of layers) {
        if (layer.el.contains(el) || layer.rect.left > r.left || layer.rect.right < r.right) continue;
        if (layer.rect.top >= r.top && layer.rect.top < bottom) bottom = layer.rect.top;
        else if (layer.rect.bottom <= r.bottom && layer.rect.bottom > top) top = layer.rect.bottom;
      }
      return { left: r.left, right: r.right, top, bottom };
    };
    const rects = controls.map((el) => ({ el, rect: visiblePart(el) })).filter(({ rect }) => rect.bottom > rect.top);
    for (let i = 0; i < rects.length; i += 1) {
      for (let j = i + 1; j < rects.length; j += 1) {
        const a = rects[i]!;
        const b = rects[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.max(0, b.rect.left - a.rect.right, a.rect.left - b.rect.right);
        const dy = Math.max(0, b.rect.top - a.rect.bottom, a.rect.top - b.rect.bottom);
        const overlapX = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const overlapY = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        // Overlapping boxes are one layer over another (the docked keyboard over a tile scrolled beneath it), not neighbours.
        if (overlapX > 0 && overlapY > 0) continue;
        if (Math.hypot(dx, dy) < 7.5) problems.push(`${describe(a.el)} and ${describe(b.el)} are ${Math.round(Math.hypot(dx, dy))} px apart`);
      }
    }
    return problems;
  });
}

/** What a person sees at once: dialogs and the docked keyboard belong to the viewport, screens to the whole page. */
const viewportOnly = new Set(['services-keyboard', 'explain-dialog', 'end-session', 'idle-warning']);

async function checkScreen(page: Page, screen: string, language: Language, variant: Variant): Promise<void> {
  const where = `${screen} (${language}${variant.name ? `, ${variant.name}` : ''})`;
  await expectNoSeriousAxeViolations(page, where);
  expect(await findTruncatedText(page), where).toEqual([]);
  expect(await findSmallTargets(page), where).toEqual([]);
  if (variant.screenshot) {
    const suffix = variant.name ? `-${variant.name}` : '';
    await page.screenshot({ path: `${screenshotDir}${screen}-${language}${suffix}.png`, fullPage: !viewportOnly.has(screen) && (await pageScrolls(page)) });
  }
}

for (const language of languages) {
  for (const variant of variants) {
    test(`every screen, ${language}${variant.name ? `, ${variant.name}` : ''}`, async ({ page, patientKiosk }) => {
      await openKiosk(page, patientKiosk.url);
      await expect(page.getByTestId('screen-attract')).toBeVisible();
      if (variant.name === '' && language === 'ar') await checkScreen(page, 'attract-idle', language, variant);

      await setMode(page, language, variant);
      await expect(page.getByTestId('screen-attract')).toBeVisible();
      await checkScreen(page, 'attract', language, variant);

      await page.getByTestId('attract-start').click();
      await expect(page.getByTestId('screen-services')).toBeVisible();
      await checkScreen(page, 'services', language, variant);

      await page.getByTestId('service-search').click();
      await expect(page.getByTestId('keyboard')).toBeVisible();
      await page.getByTestId('keyboard').locator('[data-skbtn="{bksp}"]').click();
      await checkScreen(page, 'services-keyboard', language, variant);
      await page.getByTestId('keyboard-hide').click();

      // The journeys are available now (central and devices up); a service without its steps on this kiosk still explains itself.
      await expect(page.getByTestId('service-activate')).toHaveAttribute('data-available', 'true');
      await page.getByTestId('service-visaStatus').click();
      await expect(page.getByTestId('explain-dialog')).toBeVisible();
      await checkScreen(page, 'explain-dialog', language, variant);
      await page.getByTestId('explain-ok').click();

      await page.getByTestId('nav-help').click();
      await expect(page.getByTestId('screen-help')).toBeVisible();
      await checkScreen(page, 'help', language, variant);

      await page.getByTestId('nav-home').click();
      await expect(page.getByTestId('end-session-dialog')).toBeVisible();
      await checkScreen(page, 'end-session', language, variant);
      await page.getByTestId('end-session-cancel').click();
    });
  }

  test.describe(() => {
    // The warning comes after 6 s without a touch; its countdown is long enough that the checks finish inside it however busy the machine is.
    test.use({ sessionTimings: { ...e2eTimings, idleCountdownMs: 120_000 } });
    test(`idle warning, ${language}, default and contrast-large`, async ({ page, kioskUrl }) => {
      await openKiosk(page, kioskUrl);
      await page.getByTestId('attract-start').click();
      for (const variant of [variants[0]!, variants[3]!]) {
        // The look is set in the session (the top bar's toggles are touches too); then nobody touches the screen.
        await setMode(page, language, variant);
        await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 20_000 });
        await expect(page.getByTestId('idle-more-time')).toBeFocused();
        await checkScreen(page, 'idle-warning', language, variant);
        await page.getByTestId('idle-more-time').click();
        await expect(page.getByTestId('idle-warning')).toBeHidden();
      }
    });
  });
}

test('out of service, in both languages at once', async ({ page }) => {
  const host = await startKioskHost({ outOfService: true });
  try {
    await openKiosk(page, host.url);
    const screen = page.getByTestId('screen-out-of-service');
    await expect(screen).toBeVisible();
    await expect(screen.locator('[lang="ar"]:has(h1)')).toContainText('خارج الخدمة');
    await expect(screen.locator('[lang="en"]:has(h1)')).toContainText('out of service');
    await expect(screen).toContainText('920020405');
    await expect(screen).toContainText('00966114618666');
    await checkScreen(page, 'out-of-service', 'ar', variants[0]!);
    await page.screenshot({ path: `${screenshotDir}out-of-service-en.png`, fullPage: await pageScrolls(page) });
  } finally {
    host.process.kill('SIGTERM');
  }
});
