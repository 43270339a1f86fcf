import type { Page } from '@playwright/test';
import { openAccessibility } from './fixtures';
import { signInByPassword, DEMO_PASSWORD, expect, finishAndCheckWiped, lookAtStep, people, reach, saveSteps, startService, test, tracesOf } from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';
import { expectSaid, recordSpeech, saidSoFar } from './speechHelpers';

/**
 * Change password (signed in) when the current password is wrong too often:
 * central counts each wrong one towards the account's lock as a failed
 * sign-in does, and the fifth answers 423 `account_locked`. The journey
 * then ends on its own locked screen (not an error on the new-password
 * step): until when (the countdown, moving), what to do (recover the
 * password by fingerprint, or wait; the support line), in Arabic and in
 * English, said aloud in speech mode; no password kept; the signed-in home
 * after it, and the account really locked (a fresh sign-in is refused).
 */

test.describe.configure({ timeout: 240_000 });

const person = people.faisal;

async function signIn(page: Page, demo: DemoKiosk, language: Language): Promise<void> {
  await recordSpeech(page);
  await signInByPassword(page, demo, language, person);
}

/** One wrong current password, with a good new one: central's answer decides where the journey goes. */
async function wrongCurrentPassword(page: Page, attempt: number): Promise<void> {
  await page.getByTestId('current-password').fill(`Wrong${2030 + attempt}pass`);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changePassword.newPassword');
  await page.getByTestId('new-password').fill('Palm2031tree');
  await page.getByTestId('new-password-confirmation').fill('Palm2031tree');
  await page.getByTestId('journey-next').click();
}

for (const language of ['ar', 'en'] as const) {
  test(`change password: the fifth wrong current password locks the account, and the journey says until when and what to do (${language})`, async ({ page, demo }) => {
    await signIn(page, demo, language);
    await openAccessibility(page);
    await page.getByTestId('toggle-speech').click();
    await expect(page.getByTestId('toggle-speech')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('service-changePassword').click();
    await reach(page, 'changePassword.current');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await wrongCurrentPassword(page, attempt);
      await reach(page, 'changePassword.current');
      await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'password_current_wrong');
    }
    const from = (await saidSoFar(page)).length;
    await wrongCurrentPassword(page, 5);
    await reach(page, 'changePassword.locked.finished');
    const screen = page.getByTestId('journey-result');
    await expect(screen).toHaveAttribute('data-outcome', 'changePassword.locked');
    await expect(screen).toContainText(language === 'ar' ? 'حسابك مقفل' : 'Your account is locked');
    await expect(screen).toContainText(language === 'ar' ? 'استعد كلمة المرور ببصمتك' : 'recover your password with your fingerprint');
    // Until when: central's lock time, counting down.
    const countdown = page.getByTestId('lock-countdown');
    await expect(countdown).toContainText(/\d+:\d\d/);
    const first = await countdown.textContent();
    await expect(countdown, 'the countdown moves').not.toHaveText(first ?? '');
    await expect(page.getByTestId('support-number').first()).toBeVisible();
    // Said aloud, in the screen's language.
    const title = language === 'ar' ? 'حسابك مقفل' : 'Your account is locked';
    await expectSaid(page, from, (s) => s.text.includes(title) && s.lang === (language === 'ar' ? 'ar-SA' : 'en-US'), 'the locked screen');
    if (language === 'ar') await lookAtStep(page, language);
    // Back to the person's services; the account is really locked: a new sign-in is refused with the same lock.
    await page.getByTestId('journey-to-services').click();
    await reach(page, 'signIn.signedIn');
    await saveSteps(page, `edits-locked-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
    await page.getByTestId(`attract-language-${language}`).click();
    await startService(page, 'signIn');
    await reach(page, 'signIn.credentials');
    await page.getByTestId('login').fill(person.username);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('journey-next').click();
    await reach(page, 'signIn.locked');
  });
}
