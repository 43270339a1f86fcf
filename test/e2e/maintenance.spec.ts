import type { Page } from '@playwright/test';
import { centralFault, expect, openKiosk, skipAhead, takeCard, test } from './journeyHelpers';
import { cardStaysIn, configurationInForce, fleetReason, insertTechnicianCard, look, lookBothWays, openAttract, overlay, setTechnicianLanguage, signIn, TECHNICIAN, typePin } from './maintenanceHelpers';
import { expectSaid, recordSpeech, saidSoFar } from './speechHelpers';

/**
 * Maintenance mode on the demo kiosk (issue 13): a technician card (or the
 * service gesture) and the PIN on the on-screen keypad, the overlay in the
 * technician's own language, its actions, the lockout, the offline PIN check,
 * and a kiosk that never breaks into a customer's session. The technician's
 * demo card is technician-1001, PIN 2468 (central/README.md).
 */

/** "Take your card" on screen in `language`, with the take time before the kiosk keeps it. */
async function expectTakeCard(page: Page, language: 'ar' | 'en'): Promise<void> {
  const prompt = page.getByTestId('maintenance-take-card');
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveAttribute('lang', language);
  await expect(prompt.getByTestId('maintenance-take-card-title')).toHaveText(language === 'ar' ? 'خذ بطاقتك' : 'Take your card');
  await expect(prompt.getByTestId('maintenance-take-card-retain')).toContainText(language === 'ar' ? 'خلال 30 ثانية يحتفظ بها الجهاز' : 'within 30 seconds, the kiosk keeps it');
}

for (const language of ['ar', 'en'] as const) {
  test(`technician card and the right PIN: the overlay, out of service and back, sign out (${language})`, async ({ page, demo }) => {
    test.setTimeout(180_000);
    await openAttract(page, demo);
    await insertTechnicianCard(demo);
    await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
    await setTechnicianLanguage(page, language);
    await expect(page.getByTestId('maintenance-pin-prompt')).toContainText('1001');
    await lookBothWays(page, language, 'pin');
    // The card stays in while the PIN pad is open, and comes back once the PIN is right.
    await cardStaysIn(demo);
    await typePin(page, TECHNICIAN.pin);
    await expect(overlay(page)).toHaveAttribute('data-phase', 'on');
    // The card comes out: "take your card", in the technician's language, with what happens if it is not taken.
    await expectTakeCard(page, language);
    await look(page, `take-card-signed-in-${language}`);
    await takeCard(demo);
    await expect(page.getByTestId('maintenance-take-card')).toHaveCount(0);
    await expect(page.getByTestId('maintenance-who')).toContainText(TECHNICIAN.name);
    // The public screen under the overlay says maintenance, and so does central (at once, by heartbeat).
    await expect(page.getByTestId('screen-out-of-service')).toBeAttached();
    await expect.poll(() => fleetReason(demo), { timeout: 15_000 }).toBe('maintenance');
    await lookBothWays(page, language, 'diagnostics');
    await page.getByTestId('maintenance-nav-actions').click();
    await page.getByTestId('maintenance-action-outOfService').click();
    await expect(page.getByTestId('maintenance-action-status')).toHaveAttribute('data-result', 'done');
    await expect(page.getByTestId('maintenance-service-state')).toHaveAttribute('data-state', 'outOfService');
    await lookBothWays(page, language, 'actions');
    await page.getByTestId('maintenance-action-inService').click();
    await expect(page.getByTestId('maintenance-service-state')).toHaveAttribute('data-state', 'inService');
    await page.getByTestId('maintenance-sign-out').click();
    await expect(overlay(page)).toHaveCount(0);
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    await expect.poll(() => fleetReason(demo), { timeout: 15_000 }).toBeNull();
  });
}

for (const language of ['ar', 'en'] as const) {
  test(`leaving the PIN pad: "take your card" alone along the bottom until the lab's card is taken (${language})`, async ({ page, demo }) => {
    test.setTimeout(90_000);
    await openAttract(page, demo);
    await insertTechnicianCard(demo);
    await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
    await setTechnicianLanguage(page, language);
    await page.getByTestId('maintenance-pin-cancel').click();
    await expect(overlay(page)).toHaveCount(0);
    // Maintenance is over; the card is at the slot, and the kiosk says so in the technician's language, right to left in Arabic.
    const alone = page.getByTestId('maintenance-card-overlay');
    await expect(alone).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    await expectTakeCard(page, language);
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    await look(page, `take-card-left-${language}`);
    await takeCard(demo);
    await expect(alone).toHaveCount(0);
    await expect(page.getByTestId('screen-attract')).toBeVisible();
  });
}

test('five wrong PINs lock maintenance entry; the lockout notice in both languages', async ({ page, demo }) => {
  test.setTimeout(150_000);
  await openAttract(page, demo);
  await insertTechnicianCard(demo);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
  // In Arabic's plural forms: 3–10 take the number, 2 and 1 their own words.
  const triesLeft: Record<number, string> = { 4: 'تبقّت 4 محاولات', 3: 'تبقّت 3 محاولات', 2: 'تبقّت محاولتان', 1: 'تبقّت محاولة واحدة' };
  for (let left = 4; left >= 1; left--) {
    await typePin(page, '0000');
    await expect(page.getByTestId('maintenance-pin-error')).toContainText(triesLeft[left] ?? '');
  }
  await look(page, 'pin-wrong-ar');
  // Wrong PINs: the card is still in the slot.
  await cardStaysIn(demo);
  await typePin(page, '0000');
  await expect(overlay(page)).toHaveAttribute('data-phase', 'locked');
  // Locked out: the card comes back.
  await takeCard(demo);
  await lookBothWays(page, 'ar', 'locked');
  await page.getByTestId('maintenance-locked-close').click();
  await expect(overlay(page)).toHaveCount(0);
  // The same card again, with the right PIN this time: still locked, not even asked.
  await insertTechnicianCard(demo);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'locked');
});

test('central down: the PIN is checked on the kiosk with the card’s secret against the verifier central pushed', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await openAttract(page, demo);
  await centralFault(demo, 'down');
  try {
    // The card is taken after the PIN: its track 3 is read for the check.
    await signIn(page, demo, 'en');
    await expect(page.getByTestId('maintenance-checked-offline')).toBeVisible();
    await look(page, 'offline-en');
  } finally {
    await centralFault(demo, 'none');
  }
});

for (const language of ['ar', 'en'] as const) {
  test(`central down, the service gesture (no card): the PIN cannot be checked, the screen says the card is needed (${language})`, async ({ page, demo }) => {
    test.setTimeout(120_000);
    await recordSpeech(page);
    await openAttract(page, demo);
    await centralFault(demo, 'down');
    try {
      const corner = page.getByTestId('maintenance-corner');
      const box = (await corner.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await expect(overlay(page)).toHaveAttribute('data-phase', 'pin', { timeout: 15_000 });
      await page.mouse.up();
      await setTechnicianLanguage(page, language);
      await page.getByTestId('maintenance-speech').click();
      const keys = page.getByTestId('maintenance-pin').getByTestId('keyboard');
      for (const digit of '1001') await keys.locator(`[data-skbtn="${digit}"]`).click();
      await page.getByTestId('maintenance-pin-submit').click();
      const from = (await saidSoFar(page)).length;
      // The right PIN: without central and without the card, nothing can check it.
      await typePin(page, TECHNICIAN.pin);
      const needsCard = language === 'en' ? 'only with your technician card' : 'إلا ببطاقة الفني';
      await expect(page.getByTestId('maintenance-pin-error')).toContainText(needsCard);
      await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
      await expectSaid(page, from, (s) => s.lang.startsWith(language) && s.text.includes(needsCard), 'needs the card, in the technician’s language');
      await look(page, `cardsecret-needs-card-${language}`);
    } finally {
      await centralFault(demo, 'none');
    }
    await page.getByTestId('maintenance-pin-cancel').click();
    await expect(overlay(page)).toHaveCount(0);
  });
}

test('a technician card during a customer session waits at the slot until the session ends, then takes over', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await openKiosk(page, demo, 'en');
  await configurationInForce(page);
  await page.getByTestId('dev-dock-open').click();
  await page.getByTestId(`dev-dock-insert-${TECHNICIAN.card}`).click();
  await expect(page.getByTestId('dev-dock-notice')).toHaveAttribute('data-tone', 'done');
  await page.getByTestId('dev-dock-close').click();
  // The customer goes on: nothing of maintenance shows.
  await expect(page.getByTestId('screen-services')).toBeVisible();
  await expect(overlay(page)).toHaveCount(0);
  await page.getByTestId('nav-home').click();
  await page.getByTestId('end-session-confirm').click();
  await expect(overlay(page)).toHaveAttribute('data-phase', 'pin', { timeout: 15_000 });
  await expect(page.getByTestId('maintenance-pin-prompt')).toContainText('1001');
});

test('the service gesture: a long press in the corner, then the technician number and PIN', async ({ page, demo }) => {
  test.setTimeout(120_000);
  await openAttract(page, demo);
  const corner = page.getByTestId('maintenance-corner');
  const box = (await corner.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(overlay(page)).toHaveAttribute('data-phase', 'pin', { timeout: 15_000 });
  await page.mouse.up();
  await setTechnicianLanguage(page, 'en');
  const keys = page.getByTestId('maintenance-pin').getByTestId('keyboard');
  for (const digit of '1001') await keys.locator(`[data-skbtn="${digit}"]`).click();
  await look(page, 'gesture-number-en');
  await page.getByTestId('maintenance-pin-submit').click();
  await typePin(page, TECHNICIAN.pin);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'on');
});

test('15 minutes without a touch sign the technician out (the demo clock skipped ahead)', async ({ page, demo }) => {
  test.setTimeout(150_000);
  await openAttract(page, demo);
  await signIn(page, demo, 'ar');
  await skipAhead(page, 5);
  await skipAhead(page, 5);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'on');
  await expect(page.getByTestId('maintenance-time-left')).toContainText('5');
  await skipAhead(page, 5);
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
});

test('speech in the overlay: the technician turns it on; the PIN prompt, a wrong PIN and the diagnostics are said in their language', async ({ page, demo }) => {
  test.setTimeout(150_000);
  await recordSpeech(page);
  await openAttract(page, demo);
  await insertTechnicianCard(demo);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
  expect(await saidSoFar(page), 'silent until asked').toEqual([]);
  await page.getByTestId('maintenance-speech').click();
  await expect(page.getByTestId('maintenance-speech')).toHaveAttribute('aria-pressed', 'true');
  await expectSaid(page, 0, (s) => s.lang.startsWith('ar') && s.text.includes('1001'), 'the PIN prompt, in Arabic');
  await lookBothWays(page, 'ar', 'pin-speech');
  let from = (await saidSoFar(page)).length;
  await typePin(page, '0000');
  await expectSaid(page, from, (s) => s.text.includes('تبقّت 4 محاولات'), 'the wrong PIN, with its plural');
  expect((await saidSoFar(page)).some((s) => s.text.includes('0000')), 'never the digits of a PIN').toBe(false);
  await setTechnicianLanguage(page, 'en');
  from = (await saidSoFar(page)).length;
  await typePin(page, TECHNICIAN.pin);
  await expect(overlay(page)).toHaveAttribute('data-phase', 'on');
  await takeCard(demo);
  await expectSaid(page, from, (s) => s.lang.startsWith('en') && s.text.startsWith('Fingerprint reader'), 'the first diagnostics screen, in English');
  await page.getByTestId('maintenance-sign-out').click();
  await expect(overlay(page)).toHaveCount(0);
});
