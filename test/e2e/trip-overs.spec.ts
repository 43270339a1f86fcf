import { DEMO_PASSWORD, expect, lookAtStep, openKiosk, people, reach, saveSteps, smsCode, startService, tapDigits, test, finishAndCheckWiped, tracesOf, typeOnKeyboard } from './journeyHelpers';
import { screenshotDir } from './fixtures';

/**
 * Issue 11, what a person trips over at the screen, each brought about as a
 * person would meet it.
 */

test.describe.configure({ timeout: 90_000 });

test('a wrong password keeps the ID number, empties only the password, says it once with the tries left; the password typed on the keyboard as on a phone signs in; sign out and end session say how they differ (en)', async ({ page, demo }) => {
  const faisal = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(faisal.idNumber);
  await page.getByTestId('password').fill('Wrong2030pass');
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.credentials');
  await expect(page.getByTestId('journey-error')).toBeVisible();
  await expect(page.getByTestId('login'), 'the ID number is still there').toHaveValue(faisal.idNumber);
  await expect(page.getByTestId('password')).toHaveValue('');
  await expect(page.getByTestId('journey-error')).toContainText('4');
  // Once: the notice, and no second copy of the same words under the field.
  const errorText = (await page.getByTestId('journey-error').locator('strong, h2, h3, p').first().textContent())?.trim() ?? '';
  expect(errorText).not.toBe('');
  await expect(page.getByText(errorText, { exact: true })).toHaveCount(1);
  await lookAtStep(page, 'en', '-wrongPassword');

  // The keyboard types into the password field (the name is there already); Shift is one-shot.
  await page.getByTestId('password').click();
  await typeOnKeyboard(page, DEMO_PASSWORD);
  await expect(page.getByTestId('password')).toHaveValue(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  const { code } = await smsCode(demo, faisal.mobile);
  await tapDigits(page, code);
  await reach(page, 'signIn.signedIn');
  // "Sign out" and "End session" say how they differ, on the home screen and in the dialog.
  await expect(page.getByTestId('screen-journey')).toContainText('keeps the kiosk open');
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('end-session-dialog')).toContainText('signed out of your account');
  await page.screenshot({ path: `${screenshotDir}trip-overs-end-session-signed-in-en.png` });
  await page.getByTestId('end-session-cancel').click();
  await saveSteps(page, 'trip-overs-wrong-password');
  await page.getByTestId('journey-sign-out').click();
  await reach(page, 'signIn.signedOut.finished');
  await finishAndCheckWiped(page, tracesOf(faisal));
});
