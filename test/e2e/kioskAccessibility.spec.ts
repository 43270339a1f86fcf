import type { Page } from '@playwright/test';
import { e2eTimings, expect, openAccessibility, pageScrolls, screenshotDir, seriousAxeViolations, startKioskHost, test as base, transitionsSettled } from './fixtures';
import type { KioskProcess } from './fixtures';
import { DEMO_PASSWORD, enterCode, openKiosk as openDemoKiosk, people, reach, startService, submitId, test as journeyTest } from './journeyHelpers';

/**
 * Every screen, in both languages and every display mode, at the screen
 * shapes kiosks come in: axe finds nothing serious, no text is cut off,
 * every control is a 44×44 px touch target with room around it, the top bar
 * is one row, and on a portrait screen what a person touches sits in the
 * lower half, where a standing adult reaches. Screenshots land in
 * test-results/screenshots for people to look at.
 */

type Language = 'ar' | 'en';

/** A screen shape; `name` is the screenshots' suffix (none for the e2e default). */
interface Shape {
  name: string;
  width: number;
  height: number;
}
/** The e2e default (and a common 5:4 ATM screen); the most common floor-standing kiosk, portrait; a wall or desk kiosk, landscape. */
const desk: Shape = { name: '', width: 1280, height: 1024 };
const portrait: Shape = { name: '1080x1920', width: 1080, height: 1920 };
const landscape: Shape = { name: '1920x1080', width: 1920, height: 1080 };
/**
 * Where a screen is worth a look (each look costs an axe run and a screenshot): every screen at the default shape
 * and on portrait, where the layout changes most; the screens with the most across them (the top bar's row, the
 * attract screen, the services grid, a keypad and a keyboard) on the wide landscape too.
 */
const everyShape: readonly Shape[] = [desk, portrait, landscape];
const deskAndPortrait: readonly Shape[] = [desk, portrait];

interface Variant {
  name: string;
  highContrast: boolean;
  largeText: boolean;
  screenshot: boolean;
  /** The one-toggle modes are looked at on the default shape; the extremes (default, both on) at every shape. */
  shapes: readonly Shape[];
}

const languages: Language[] = ['ar', 'en'];
const variants: Variant[] = [
  { name: '', highContrast: false, largeText: false, screenshot: true, shapes: everyShape },
  { name: 'contrast', highContrast: true, largeText: false, screenshot: false, shapes: [desk] },
  { name: 'large', highContrast: false, largeText: true, screenshot: false, shapes: [desk] },
  { name: 'contrast-large', highContrast: true, largeText: true, screenshot: true, shapes: everyShape },
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
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) {
      await openAccessibility(page);
      await toggle.click();
    }
    await expect(toggle).toHaveAttribute('aria-pressed', String(on));
  }
  // The screen as a person sees it once the look is chosen: the accessibility controls put away again.
  const accessibility = page.getByTestId('toggle-accessibility');
  if ((await accessibility.getAttribute('aria-expanded')) === 'true') await accessibility.click();
  await expect(accessibility).toHaveAttribute('aria-expanded', 'false');
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

/** The top bar's brand and every control in it side by side in one row (a second row pushes every screen down), none over another. */
function topBarRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('header.top-bar');
    if (!bar?.checkVisibility()) return [];
    const items = [...bar.querySelectorAll<HTMLElement>('.top-bar__brand > *, .top-bar__actions > *')]
      .map((el) => ({ name: el.dataset.testid ?? el.textContent?.trim() ?? el.tagName, r: el.getBoundingClientRect() }))
      // Text for screen readers only (a 1 px box) is not drawn.
      .filter(({ r }) => r.width > 1 && r.height > 1);
    const problems: string[] = [];
    for (const a of items) {
      for (const b of items) {
        if (a === b) continue;
        if (a.r.bottom <= b.r.top) problems.push(`${b.name} is on a row below ${a.name}`);
        const overlapX = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const overlapY = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (a.name < b.name && overlapX > 0.5 && overlapY > 0.5) problems.push(`${a.name} and ${b.name} overlap`);
      }
    }
    return problems;
  });
}

/**
 * On a portrait screen, what a person touches to go on (`testIds`: a keypad or keyboard, the primary action) has its
 * centre in the lower half of the screen as the screen first shows it: the part a standing adult reaches.
 */
function outOfReach(page: Page, testIds: readonly string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const problems: string[] = [];
    for (const id of ids) {
      const el = [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)].find((e) => e.checkVisibility());
      if (!el) {
        problems.push(`${id} is not on screen`);
        continue;
      }
      const r = el.getBoundingClientRect();
      const centre = r.top + window.scrollY + r.height / 2;
      if (centre < window.innerHeight / 2) problems.push(`${id} is centred ${Math.round(centre)} px from the top of a ${window.innerHeight} px screen`);
    }
    return problems;
  }, testIds);
}

/** What a person sees at once: dialogs and the docked keyboard belong to the viewport, screens to the whole page. */
const viewportOnly = new Set(['services-keyboard', 'explain-dialog', 'sign-in-first', 'portal-dialog', 'end-session', 'idle-warning']);

async function checkShape(page: Page, screen: string, language: Language, variant: Variant, shape: Shape, reachIds: readonly string[]): Promise<void> {
  const size = page.viewportSize();
  if (size?.width !== shape.width || size.height !== shape.height) await page.setViewportSize({ width: shape.width, height: shape.height });
  await page.mouse.move(0, 0);
  const where = `${screen} (${language}${variant.name ? `, ${variant.name}` : ''}, ${shape.width}×${shape.height})`;
  await expectNoSeriousAxeViolations(page, where);
  expect(await findTruncatedText(page), where).toEqual([]);
  expect(await findSmallTargets(page), where).toEqual([]);
  expect(await topBarRows(page), `top bar in one row, ${where}`).toEqual([]);
  if (shape.height > shape.width) expect(await outOfReach(page, reachIds), `within reach, ${where}`).toEqual([]);
  if (variant.screenshot) {
    const suffix = `${shape.name ? `-${shape.name}` : ''}${variant.name ? `-${variant.name}` : ''}`;
    await page.screenshot({ path: `${screenshotDir}${screen}-${language}${suffix}.png`, fullPage: !viewportOnly.has(screen) && (await pageScrolls(page)) });
  }
}

interface Look {
  /** What must be within reach on portrait. */
  reach?: readonly string[];
  /** The shapes this screen is worth a look at (of the variant's). */
  shapes?: readonly Shape[];
}

/** The screen at each of the variant's shapes it is worth a look at, ending back at the default shape the next step is taken at. */
async function checkScreen(page: Page, screen: string, language: Language, variant: Variant, look: Look = {}): Promise<void> {
  const shapes = variant.shapes.filter((shape) => (look.shapes ?? deskAndPortrait).includes(shape));
  for (const shape of shapes) await checkShape(page, screen, language, variant, shape, look.reach ?? []);
  await page.setViewportSize({ width: desk.width, height: desk.height });
}

for (const language of languages) {
  for (const variant of variants) {
    test(`every screen, ${language}${variant.name ? `, ${variant.name}` : ''}`, async ({ page, patientKiosk }) => {
      // The services menu lists every service of central's catalogue (about fifty tiles): axe and the size checks on it take longer.
      test.slow();
      await openKiosk(page, patientKiosk.url);
      await expect(page.getByTestId('screen-attract')).toBeVisible();
      const attract: Look = { reach: ['attract-start', 'attract-language-ar', 'attract-language-en'], shapes: everyShape };
      if (variant.name === '' && language === 'ar') await checkScreen(page, 'attract-idle', language, variant, attract);

      await setMode(page, language, variant);
      await expect(page.getByTestId('screen-attract')).toBeVisible();
      await checkScreen(page, 'attract', language, variant, attract);

      await page.getByTestId('attract-start').click();
      await expect(page.getByTestId('screen-services')).toBeVisible();
      await checkScreen(page, 'services', language, variant, { shapes: everyShape });

      await page.getByTestId('service-search').click();
      await expect(page.getByTestId('keyboard')).toBeVisible();
      await page.getByTestId('keyboard').locator('[data-skbtn="{bksp}"]').click();
      await checkScreen(page, 'services-keyboard', language, variant, { reach: ['keyboard'] });
      await page.getByTestId('keyboard-hide').click();

      // The journeys are available now (central and devices up); an inquiry of the catalogue asks to sign in first, a portal service hands off.
      await expect(page.getByTestId('service-activate')).toHaveAttribute('data-available', 'true');
      await expect(page.getByTestId('service-passportRenewal')).toBeAttached({ timeout: 30_000 });
      await page.getByTestId('service-visaStatus').click();
      await expect(page.getByTestId('sign-in-first')).toBeVisible();
      await checkScreen(page, 'sign-in-first', language, variant);
      await page.getByTestId('sign-in-first-close').click();
      await page.getByTestId('service-passportRenewal').click();
      await expect(page.getByTestId('portal-dialog')).toBeVisible();
      await checkScreen(page, 'portal-dialog', language, variant);
      await page.getByTestId('portal-close').click();

      await page.getByTestId('nav-help').click();
      await expect(page.getByTestId('screen-help')).toBeVisible();
      await checkScreen(page, 'help', language, variant);

      // The accessibility controls, opened from the top bar: still one row, each toggle a full-size target.
      if (variant.screenshot) {
        await openAccessibility(page);
        await checkScreen(page, 'accessibility', language, variant);
        await page.getByTestId('toggle-accessibility').click();
      }

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
        await checkScreen(page, 'idle-warning', language, variant, { shapes: [desk] });
        await page.getByTestId('idle-more-time').click();
        await expect(page.getByTestId('idle-warning')).toBeHidden();
      }
    });
  });

  /**
   * The journey screens where the journey specs do not look (they run at 1280×1024): on portrait a keyboard
   * (sign-in), a keypad (the code, the ID number), the signed-in home, an outcome and the fingerprint step; on the
   * wide landscape the keyboard and the keypad beside their fields.
   */
  journeyTest(`journey screens at 1080×1920 and 1920×1080, ${language}`, async ({ page, demo }) => {
    journeyTest.setTimeout(180_000);
    const person = language === 'ar' ? people.faisal : people.anita;
    const shaped = variants.filter((v) => v.shapes.includes(portrait)).map((v) => ({ ...v, shapes: [portrait, landscape] }));
    const look = async (step: string, reachIds: readonly string[], shapes: readonly Shape[] = [portrait]) => {
      await reach(page, step);
      for (const variant of shaped) {
        await setMode(page, language, variant);
        await checkScreen(page, `journey-${step.replaceAll('.', '-')}`, language, variant, { reach: reachIds, shapes });
      }
      await setMode(page, language, variants[0]!);
    };
    await openDemoKiosk(page, demo, language);
    await startService(page, 'signIn');
    await look('signIn.credentials', ['keyboard', 'journey-next'], [portrait, landscape]);
    await page.getByTestId('login').fill(person.username);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('journey-next').click();
    await look('signIn.code.entry', ['keyboard']);
    await enterCode(page, demo, person.mobile);
    await look('signIn.signedIn', ['journey-sign-out']);
    await page.getByTestId('journey-sign-out').click();
    await look('signIn.signedOut.finished', ['journey-to-services']);
    await page.getByTestId('journey-to-services').click();
    await startService(page, 'recoverPassword');
    await look('recoverPassword.id', ['keyboard', 'journey-next'], [portrait, landscape]);
    await submitId(page, person.idNumber);
    await look('recoverPassword.fingerprint.capturing', ['journey-alternative']);
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
