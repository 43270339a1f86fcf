import { centralFault, expect, takeCard, test } from './journeyHelpers';
import { insertTechnicianCard, lookBothWays, openAttract, overlay, setTechnicianLanguage, TECHNICIAN, typePin } from './maintenanceHelpers';
import { expectSaid, recordSpeech, saidSoFar } from './speechHelpers';

/**
 * Central's rate limit on the technician PIN check (issue 13's remaining
 * gaps): central answers 429 (the demo fault switch's `rateLimited`), and the
 * kiosk says "too many checks, try again in N" in the technician's language,
 * spoken, with its countdown. It never checks the PIN offline instead: the
 * right PIN does not sign in while central asks to wait.
 */
for (const language of ['ar', 'en'] as const) {
  test(`central's 429 on the PIN check: "try again in N", said, and no offline check (${language})`, async ({ page, demo }) => {
    test.setTimeout(150_000);
    await recordSpeech(page);
    await openAttract(page, demo);
    await insertTechnicianCard(demo);
    await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
    await setTechnicianLanguage(page, language);
    await page.getByTestId('maintenance-speech').click();
    await centralFault(demo, 'rateLimited');
    try {
      const from = (await saidSoFar(page)).length;
      // The right PIN: with central answering 429 it is not checked anywhere.
      await typePin(page, TECHNICIAN.pin);
      await expect(page.getByTestId('maintenance-pin-error')).toBeVisible();
      await expect(overlay(page)).toHaveAttribute('data-phase', 'pin');
      await expect(page.getByTestId('maintenance-pin-retry')).toHaveText(/^1:[0-3]\d$/);
      await expectSaid(page, from, (s) => s.lang.startsWith(language) && s.text.includes(language === 'en' ? 'too many PIN checks' : 'محاولات كثيرة'), 'the rate limit, in the technician’s language');
      expect((await saidSoFar(page)).some((s) => s.text.includes(TECHNICIAN.pin)), 'never the digits of a PIN').toBe(false);
      await lookBothWays(page, language, 'pin-rate-limited');
    } finally {
      await centralFault(demo, 'none');
    }
    await page.getByTestId('maintenance-pin-cancel').click();
    await expect(overlay(page)).toHaveCount(0);
    // The card stayed in the slot while the pad was open; it comes back when the pad closes.
    await takeCard(demo);
  });
}
