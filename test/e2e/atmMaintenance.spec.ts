import type { Page } from '@playwright/test';
import { screenshotDir, transitionsSettled } from './fixtures';
import { findTruncatedText, labPost } from './journeyHelpers';
import { atmState, atmViewport, chooseByKey, expect, lookAtAtm, openAtm, pressKey, takeBankCard, test, typeOnEpp } from './atmHelpers';
import type { DemoKiosk, Language } from './atmHelpers';
import { configurationInForce } from './maintenanceHelpers';

/**
 * Maintenance entered at a bank ATM (issue 13, ATM mode), in Arabic and
 * English at the ATM's 1024×768: the technician's card in the ATM's own
 * reader (handed straight back), the PIN typed on its EPP through the lab
 * (the kiosk never has it: central checks the EPP's block), the maintenance
 * screens driven by the keys beside the screen alone — the ATM services'
 * diagnostics (Common.Status and Storage), out of service and back — then
 * sign out and the ATM is the public's again. And five wrong PINs lock the
 * technician out.
 */

test.use({ viewport: atmViewport, screenshot: 'only-on-failure' });

const TECHNICIAN = { card: 'technician-1001', pin: '2468', name: 'Technician One' };

const screenOf = (page: Page) => page.getByTestId('screen-atm');

/** The technician's card into the ATM's reader (once central's technician list is in: until then it would be any card), taken back at once. */
async function technicianCardIn(page: Page, atm: DemoKiosk): Promise<void> {
  await configurationInForce(page);
  await expect.poll(async () => (await labPost(atm, '/atm/card/insert', { card: TECHNICIAN.card })).status, { message: 'the ATM takes the card', intervals: [100] }).toBe(200);
  await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.pin', { timeout: 15_000 });
  await takeBankCard(atm);
}

/** The maintenance screen as it is, with high contrast and large text, and on a widescreen ATM (1280×720): nothing cut off, nothing below the fold. */
async function lookReadableAndWide(page: Page, name: string): Promise<void> {
  const root = page.locator('html');
  const language = await root.getAttribute('lang');
  await page.evaluate(() => document.documentElement.classList.add('theme-high-contrast', 'text-large'));
  for (const viewport of [atmViewport, { width: 1280, height: 720 }]) {
    await page.setViewportSize(viewport);
    await page.mouse.move(0, 0);
    await transitionsSettled(page);
    const where = `${name}-${language}-hc-large-${viewport.width}`;
    expect.soft(await findTruncatedText(page), `truncation, ${where}`).toEqual([]);
    expect.soft(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1), `${where} fits without scrolling`).toBe(true);
    await page.screenshot({ path: `${screenshotDir}atm-${where}.png`, animations: 'disabled' });
  }
  await page.evaluate(() => document.documentElement.classList.remove('theme-high-contrast', 'text-large'));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${screenshotDir}atm-${name}-${language}-wide.png`, animations: 'disabled' });
  await page.setViewportSize(atmViewport);
}

async function technicianLanguage(page: Page, language: Language): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('atm-choice-maintLanguage').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

for (const language of ['ar', 'en'] as const) {
  test(`maintenance at the ATM (${language}): technician card, PIN on the EPP, the ATM services' diagnostics, out of service and back, sign out`, async ({ page, atm }) => {
    await openAtm(page, atm);
    await technicianCardIn(page, atm);
    await technicianLanguage(page, language);
    await typeOnEpp(atm, TECHNICIAN.pin.slice(0, 2));
    await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '2');
    await lookAtAtm(page, atm, `maint-pin`, language);
    await lookReadableAndWide(page, 'maint-pin');
    await typeOnEpp(atm, `${TECHNICIAN.pin.slice(2)} enter`);
    await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.menu');
    await expect(page.getByTestId('atmmaint-signed-in')).toContainText(TECHNICIAN.name);
    await lookAtAtm(page, atm, 'maint-menu', language);
    await lookReadableAndWide(page, 'maint-menu');

    // The ATM services, by the key beside the choice.
    await chooseByKey(page, atm, 'maintDiagnostics');
    await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.diagnostics');
    const checks = page.getByTestId('atmmaint-checks');
    for (const service of ['cardReader', 'pinPad', 'printer']) await expect(checks.locator(`[data-check="atm.${service}"]`)).toHaveAttribute('data-result', 'pass');
    // The card reader's Storage: its retain unit, with the count.
    await expect(checks.locator('[data-check="atm.retainBin"]')).toHaveAttribute('data-result', /^(pass|warn)$/);
    await lookAtAtm(page, atm, 'maint-diagnostics', language);
    await lookReadableAndWide(page, 'maint-diagnostics');
    await pressKey(atm, 'clear');
    await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.menu');

    // The technician's own speech switch, by its key (the ATM's headset jack is the voice's way out).
    await chooseByKey(page, atm, 'maintSpeechOn');
    await expect(page.getByTestId('atm-choice-maintSpeechOff')).toBeVisible();
    await chooseByKey(page, atm, 'maintSpeechOff');
    await expect(page.getByTestId('atm-choice-maintSpeechOn')).toBeVisible();

    // Out of service and back, by their keys.
    await chooseByKey(page, atm, 'maintOutOfService');
    await expect(page.getByTestId('atmmaint-state')).toHaveAttribute('data-out-of-service', 'true');
    await chooseByKey(page, atm, 'maintInService');
    await expect(page.getByTestId('atmmaint-state')).toHaveAttribute('data-out-of-service', 'false');

    // Cancel on the EPP signs out (once the action is over: a key pressed meanwhile makes nothing): the ATM waits for the next card.
    await expect(page.getByTestId('atm-choice-maintLeave')).toBeEnabled();
    await pressKey(atm, 'cancel');
    await expect(screenOf(page)).toHaveAttribute('data-place', 'idle', { timeout: 15_000 });
    await expect.poll(async () => (await atmState(atm)).reader.accepting, { message: 'the card slot open again' }).toBe(true);
  });

  test(`wrong PINs on the EPP at the ATM (${language}): each counted, the fifth locks the technician out`, async ({ page, atm }) => {
    await openAtm(page, atm);
    await technicianCardIn(page, atm);
    await technicianLanguage(page, language);
    for (let left = 4; left >= 1; left -= 1) {
      await typeOnEpp(atm, '1111 enter');
      await expect(page.getByTestId('atmmaint-pin-wrong')).toHaveAttribute('data-attempts-left', String(left));
      await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.pin');
    }
    await lookAtAtm(page, atm, 'maint-pin-wrong', language);
    await typeOnEpp(atm, '1111 enter');
    await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.locked');
    await expect(page.getByTestId('atmmaint-locked')).toBeVisible();
    await lookAtAtm(page, atm, 'maint-locked', language);
    await lookReadableAndWide(page, 'maint-locked');
    await pressKey(atm, 'cancel');
    await expect(screenOf(page)).toHaveAttribute('data-place', 'idle', { timeout: 15_000 });
  });
}

// ─── The keys beside the screen during the technician's PIN entry (issue 13 review, branch `guidance`) ───

test('the technician switches language and speech by the keys beside the screen while the EPP reads the PIN, the dots kept, then completes the PIN', async ({ page, atm }) => {
  await openAtm(page, atm);
  await technicianCardIn(page, atm);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  // A wrong PIN first: the tries left survive what the keys do.
  await typeOnEpp(atm, '1111 enter');
  await expect(page.getByTestId('atmmaint-pin-wrong')).toHaveAttribute('data-attempts-left', '4');
  await typeOnEpp(atm, TECHNICIAN.pin.slice(0, 2));
  await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '2');
  // The language key (Arabic: the top of the left edge) does not end the EPP's entry: the digits stay in the EPP, the dots stay.
  await chooseByKey(page, atm, 'maintLanguage');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.pin');
  await expect(page.getByTestId('atmmaint-pin-wrong')).toHaveAttribute('data-attempts-left', '4');
  await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '2');
  expect((await atmState(atm)).keyboard.entry, 'the same entry goes on').toBe('pin');
  await lookAtAtm(page, atm, 'maint-pin-after-language-key', 'en');
  // One more digit in English, and the language key again (now on the right: the keys moved with the language): Arabic, three dots.
  await typeOnEpp(atm, TECHNICIAN.pin.slice(2, 3));
  await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '3');
  await chooseByKey(page, atm, 'maintLanguage');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '3');
  await lookAtAtm(page, atm, 'maint-pin-after-language-key', 'ar');
  // The speech key, by its key too: the dots stay through it.
  await chooseByKey(page, atm, 'maintSpeechOn');
  await expect(page.getByTestId('atm-choice-maintSpeechOff')).toBeVisible();
  await chooseByKey(page, atm, 'maintSpeechOff');
  await expect(page.getByTestId('atm-choice-maintSpeechOn')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('atmmaint-pin-dots')).toHaveAttribute('data-count', '3');
  // The PIN's last digit and Enter, on the same entry: one block of the whole PIN, signed in.
  await typeOnEpp(atm, `${TECHNICIAN.pin.slice(3)} enter`);
  await expect(screenOf(page)).toHaveAttribute('data-screen', 'maintenance.menu');
  await expect(page.getByTestId('atmmaint-signed-in')).toContainText(TECHNICIAN.name);
});

test('the cancel key beside the screen ends the technician’s PIN entry and leaves maintenance', async ({ page, atm }) => {
  await openAtm(page, atm);
  await technicianCardIn(page, atm);
  await typeOnEpp(atm, '12');
  await chooseByKey(page, atm, 'maintCancel');
  await expect(screenOf(page)).toHaveAttribute('data-place', 'idle', { timeout: 15_000 });
});
