import { defaultCatalogueEntries } from '../../central/catalogue/store';
import type { Page } from '@playwright/test';
import { e2eTimings, expect, openAccessibility, test } from './fixtures';

/**
 * The kiosk as a person meets it, in both languages, against the real browser
 * host (patient idle timings, but for the idle specs: warning after 6 s without a touch).
 */

type Language = 'ar' | 'en';
const languages: Language[] = ['ar', 'en'];
const arabicLetters = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const latinLetters = /[A-Za-z]/;
/** What each language types to find the visa service. */
const visaQuery: Record<Language, string> = { ar: 'تأشيرة', en: 'visa' };
/** Typed text found nowhere else on the page or in the catalogue, so its absence means it was wiped. */
const privateText: Record<Language, string> = { ar: 'ظظثث', en: 'zqzq' };

async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
}

async function touchToStart(page: Page): Promise<void> {
  await page.getByTestId('attract-start').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
}

async function useLanguage(page: Page, language: Language): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('toggle-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Types through the on-screen keyboard, key by key. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  await page.getByTestId('service-search').click();
  const keyboard = page.getByTestId('keyboard');
  await expect(keyboard).toBeVisible();
  for (const char of text) await keyboard.locator(`[data-skbtn="${char}"]`).first().click();
}

/**
 * Every string a person can see or hear in the screen's language; text marked
 * as another language (`lang`) and the language switch's own label are left out.
 */
function visibleStrings(page: Page): Promise<string> {
  return page.evaluate(() => {
    const language = document.documentElement.lang;
    const ownLanguage = (el: Element) => (el.closest('[lang]')?.getAttribute('lang') ?? language) === language;
    const counted = (el: Element) => el.checkVisibility() && ownLanguage(el) && !el.closest('[data-testid="toggle-language"]');
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && counted(node.parentElement)) parts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      if (counted(el)) parts.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '');
    }
    parts.push(document.title);
    return parts.join(' ');
  });
}

async function expectOnlyLanguage(page: Page, language: Language, where: string): Promise<void> {
  const text = await visibleStrings(page);
  const foreign = language === 'en' ? arabicLetters : latinLetters;
  const leftover = text.split(/\s+/).filter((word) => foreign.test(word));
  expect(leftover, `${where} in ${language}`).toEqual([]);
}

for (const language of languages) {
  test.describe(`in ${language === 'ar' ? 'Arabic' : 'English'}`, () => {
    test('attract → services → help → back', async ({ page, kioskUrl }) => {
      await openKiosk(page, kioskUrl);
      await expect(page.getByTestId('screen-attract')).toBeVisible();
      await page.getByTestId(`attract-language-${language}`).click();
      await expect(page.getByTestId('screen-services')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      // Every service of central's catalogue (RULES.md "Service catalogue"), once the kiosk has it.
      await expect(page.locator('[data-testid^="service-"][data-available]')).toHaveCount(defaultCatalogueEntries().length, { timeout: 30_000 });

      await page.getByTestId('nav-help').click();
      await expect(page.getByTestId('screen-help')).toBeVisible();
      await expect(page.getByTestId('screen-help')).toContainText('920020405');
      await expect(page.getByTestId('screen-help')).toContainText('00966114618666');

      await page.getByTestId('nav-back').click();
      await expect(page.getByTestId('screen-services')).toBeVisible();
      await expect(page.getByTestId('nav-back')).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
    });

    test('every visible string is in the chosen language', async ({ page, kioskUrl }) => {
      await openKiosk(page, kioskUrl);
      await touchToStart(page);
      await useLanguage(page, language);
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expectOnlyLanguage(page, language, 'services');

      await typeOnScreen(page, visaQuery[language]);
      await expect(page.getByTestId('service-visaStatus')).toBeVisible();
      await expect(page.getByTestId('service-signIn')).toBeHidden();
      await expectOnlyLanguage(page, language, 'services with keyboard');

      // An inquiry of central's catalogue (once it is here) shows the person's own records: sign in first.
      await expect(page.getByTestId('service-passportRenewal')).toBeAttached({ timeout: 30_000 });
      await page.getByTestId('service-visaStatus').click();
      await expect(page.getByTestId('sign-in-first')).toBeVisible();
      await expectOnlyLanguage(page, language, 'sign in first');
      await page.getByTestId('sign-in-first-close').click();

      await page.getByTestId('nav-help').click();
      await expectOnlyLanguage(page, language, 'help');
      await page.getByTestId('nav-home').click();
      await expect(page.getByTestId('end-session-dialog')).toBeVisible();
      await expectOnlyLanguage(page, language, 'end-session confirmation');
      await page.getByTestId('end-session-cancel').click();
      await expect(page.getByTestId('end-session-dialog')).toBeHidden();

      await page.getByTestId('nav-back').click();
      await expect(page.getByTestId('screen-services')).toBeVisible();
      await expectOnlyLanguage(page, language, 'services after help');
    });

    test.describe('idle', () => {
      // The warning comes after 6 s without a touch; the countdown is long enough that the checks finish inside it.
      test.use({ sessionTimings: { ...e2eTimings, idleCountdownMs: 60_000 } });
      test('"more time" keeps the session and what was typed', async ({ page, kioskUrl }) => {
        await openKiosk(page, kioskUrl);
        await touchToStart(page);
        await useLanguage(page, language);
        await typeOnScreen(page, visaQuery[language]);
        await expect(page.getByTestId('service-search')).toHaveValue(visaQuery[language]);

        const warning = page.getByTestId('idle-warning');
        await expect(warning).toBeVisible({ timeout: 20_000 });
        await expect(warning).toHaveAttribute('aria-modal', 'true');
        await expectOnlyLanguage(page, language, 'idle warning');
        const seconds = Number((await page.getByTestId('idle-countdown').textContent())?.replace(/\D/g, ''));
        expect(seconds).toBeGreaterThan(0);
        expect(seconds).toBeLessThanOrEqual(60);

        await page.getByTestId('idle-more-time').click();
        await expect(warning).toBeHidden();
        await expect(page.getByTestId('screen-services')).toBeVisible();
        await expect(page.getByTestId('service-search')).toHaveValue(visaQuery[language]);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
      });
    });

    test.describe('idle, no answer', () => {
      // The warning after 6 s without a touch, then 4 s to answer it: nobody does.
      test.use({ sessionTimings: e2eTimings });
      test('no answer to the warning wipes the session and returns to the start', async ({ page, kioskUrl }) => {
        await openKiosk(page, kioskUrl);
        await touchToStart(page);
        await useLanguage(page, language);
        await openAccessibility(page);
        await page.getByTestId('toggle-contrast').click();
        await page.getByTestId('toggle-large-text').click();
        await expect(page.locator('html')).toHaveClass(/theme-high-contrast/);
        const typed = privateText[language];
        await typeOnScreen(page, typed);
        const before = JSON.stringify(await page.evaluate(() => window.__kioskDebug?.storeState()));
        expect(before).toContain(typed);

        await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 20_000 });
        // Nobody answers.
        await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 20_000 });
        await expect(page.getByTestId('idle-warning')).toHaveCount(0);

        expect(await page.content()).not.toContain(typed);
        await expect(page.locator('input')).toHaveCount(0);
        const after = await page.evaluate(() => window.__kioskDebug?.storeState());
        expect(after).toMatchObject({ serviceMenu: { query: '' }, navigation: { current: 'attract', history: [] } });
        expect(JSON.stringify(after)).not.toContain(typed);
        await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
        await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
        await expect(page.locator('html')).not.toHaveClass(/theme-high-contrast|text-large/);
      });
    });
  });
}

test('ending the session from the top bar asks first, then wipes', async ({ page, kioskUrl }) => {
  await openKiosk(page, kioskUrl);
  await touchToStart(page);
  await typeOnScreen(page, 'ت');
  await page.getByTestId('nav-home').click();
  await page.getByTestId('end-session-confirm').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await expect(page.locator('input')).toHaveCount(0);
});

test('the launch secret leaves the address bar and the page loads under the CSP without violations', async ({ page, kioskUrl }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`));
  });
  await openKiosk(page, kioskUrl);
  expect(page.url()).not.toContain('token');
  await touchToStart(page);
  await typeOnScreen(page, 'تأ');
  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  expect(violations).toEqual([]);
});
