import { DEFAULT_RULES } from '../../common/rules';
import { e2eTimings, screenshotDir } from './fixtures';
import {
  DEMO_PASSWORD,
  advanceCentralClock,
  cardOf,
  centralFault,
  enterCode,
  expect,
  expectNothingOfThePerson,
  finishAndCheckWiped,
  insertCard,
  labPost,
  labState,
  liftFinger,
  lookAtStep,
  openKiosk,
  people,
  placeFinger,
  placeFingerWhenAsked,
  reach,
  readerBack,
  saveSteps,
  smsCode,
  startDemoKiosk,
  startService,
  submitId,
  tapDigits,
  test,
  tracesOf,
} from './journeyHelpers';

/**
 * When things go wrong: what the person sees, what they can do about it,
 * and that nothing of them is left behind. Each failure is brought about
 * as it would happen: a wrong code typed, someone else's finger on the
 * glass, central gone, the reader pulled out, a card left in the slot, a
 * person walking away.
 */

test.describe.configure({ timeout: 90_000 });

test('a wrong SMS code three times voids it; only a new code is offered (ar)', async ({ page, demo }) => {
  const person = people.abeer;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'activate');
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'activate.terms');
  await page.getByTestId('journey-accept-terms').click();
  await reach(page, 'activate.mobile');
  await page.getByTestId('journey-confirm-activation').click();
  await reach(page, 'activate.code.entry');
  const { code } = await smsCode(demo, person.mobile);
  const wrong = code === '0000' ? '1111' : '0000';
  for (const left of [2, 1]) {
    await tapDigits(page, wrong);
    await reach(page, 'activate.code.entry');
    await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_wrong');
    await expect(page.getByTestId('attempts-remaining')).toHaveText(left === 2 ? 'تبقّت محاولتان' : 'تبقّت محاولة واحدة');
    await expect(page.locator('[data-testid="code-box"]:not(:empty)')).toHaveCount(0);
    if (left === 2) await lookAtStep(page, 'ar', '-wrong');
  }
  await tapDigits(page, wrong);
  await reach(page, 'activate.code.needNewCode');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_voided');
  await expect(page.getByTestId('keyboard')).toHaveCount(0);
  await expect(page.getByTestId('journey-resend')).toBeVisible();
  await lookAtStep(page, 'ar');
  await saveSteps(page, 'failure-wrong-code');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('an expired code: central’s clock moves past its life, the code is refused as expired, and a new one works (en)', async ({ page, demo }) => {
  const person = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(person.username);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  const { code, id } = await smsCode(demo, person.mobile);
  // The person steps away longer than the code lives (RULES.md: 300 s): the operator moves central's clock instead of waiting.
  await advanceCentralClock(demo, DEFAULT_RULES.otpTtlSeconds * 1000 + 1_000);
  // The kiosk's own expiry timer has not run out (its clock did not move): central says so when the right code is typed.
  await tapDigits(page, code);
  await reach(page, 'signIn.code.needNewCode');
  const error = page.getByTestId('journey-error');
  await expect(error).toHaveAttribute('data-code', 'otp_expired');
  // One word per screen: the sign-in step's problem says "temporary password" as its title does.
  await expect(error).toContainText('The temporary password has expired');
  await expect(error).toContainText('Ask for a new temporary password.');
  await expect(page.getByTestId('keyboard')).toHaveCount(0);
  const resend = page.getByTestId('journey-resend');
  // The sign-in code step calls its code a temporary password (RULES.md's word for the sign-in SMS code).
  await expect(resend).toHaveText('Send a new temporary password');
  // An expired code is past its resend wait too (300 s against 60 s, RULES.md): a new code may be asked for at once.
  await expect(resend).toBeEnabled({ timeout: 2_000 });
  await expect(page.getByTestId('resend-countdown')).toHaveCount(0);
  await lookAtStep(page, 'en');
  await resend.click();
  await reach(page, 'signIn.code.entry');
  await expect(error).toHaveCount(0);
  // The new code's countdowns are central's durations on the kiosk's clock: 5:00 and 1:00, whatever central's clock says
  // (it is five minutes ahead now; counting from its absolute times showed 10:00 and 6:00).
  await expect(page.getByTestId('code-expiry').getByRole('timer')).toHaveText(/^(5:00|4:5\d)$/);
  await expect(page.getByTestId('resend-countdown').getByRole('timer')).toHaveText(/^(1:00|0:5\d)$/);
  await expect(resend).toBeDisabled();
  await lookAtStep(page, 'en', '-new-code');
  await enterCode(page, demo, person.mobile, id);
  await reach(page, 'signIn.signedIn');
  await expect(page.getByTestId('signed-in-home')).toContainText(person.nameEn);
  await saveSteps(page, 'failure-expired-code');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('a wrong finger three times: attempts counted down, then the session ends with a referral to staff (en)', async ({ page, demo }) => {
  const person = people.bandar;
  await openKiosk(page, demo, 'en');
  await startService(page, 'activate');
  // Someone else's finger on the glass, lifted and placed again at each try.
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, people.latifa.idNumber);
  await reach(page, 'activate.fingerprint.failed');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'fingerprint_no_match');
  await expect(page.getByTestId('attempts-remaining')).toHaveText('2 attempts left');
  await expect(page.getByTestId('journey-alternative')).toBeVisible();
  await lookAtStep(page, 'en');
  await liftFinger(demo);
  await page.getByTestId('journey-retry').click();
  await placeFingerWhenAsked(page, demo, people.latifa.idNumber);
  await reach(page, 'activate.fingerprint.failed');
  await expect(page.getByTestId('attempts-remaining')).toHaveText('1 attempt left');
  await liftFinger(demo);
  await page.getByTestId('journey-retry').click();
  await placeFingerWhenAsked(page, demo, people.latifa.idNumber);
  // The third failure ends the session: whoever is at the screen is told to see staff, and nothing else is left.
  await expect(page.getByTestId('staff-referral')).toBeVisible({ timeout: 15_000 });
  // In the person's language, though the attract screen behind it is back to Arabic.
  await expect(page.getByTestId('staff-referral')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('staff-referral')).toContainText('Please see a member of staff');
  await page.screenshot({ path: `${screenshotDir}journey-activate-referToStaff-session-ended-en.png` });
  await saveSteps(page, 'failure-referToStaff');
  await expectNothingOfThePerson(page, tracesOf(person));
  await page.getByTestId('staff-referral-ok').click();
  await expect(page.getByTestId('staff-referral')).toHaveCount(0);
});

test('a locked account: the lock’s time left, and password recovery by fingerprint lifts it (ar)', async ({ page, demo }) => {
  const person = people.mohammed;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(person.idNumber);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.locked');
  await expect(page.getByTestId('lock-countdown')).toContainText(/\d+:\d\d/);
  const first = await page.getByTestId('lock-countdown').textContent();
  await expect(page.getByTestId('lock-countdown'), 'the countdown moves').not.toHaveText(first ?? '');
  await lookAtStep(page, 'ar');
  await page.getByTestId('journey-recover-password').click();
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'recoverPassword.newPassword');
  await page.getByTestId('new-password').fill('Falcon9Sky');
  await page.getByTestId('new-password-confirmation').fill('Falcon9Sky');
  await page.getByTestId('journey-next').click();
  await reach(page, 'recoverPassword.code.entry');
  await enterCode(page, demo, person.mobile);
  await reach(page, 'recoverPassword.updated.finished');
  await saveSteps(page, 'failure-locked');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('central goes down mid-journey: the person is told, and a retry goes on once it is back (en)', async ({ page, demo }) => {
  const person = people.abeer;
  await openKiosk(page, demo, 'en');
  await startService(page, 'activate');
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'activate.terms');
  await centralFault(demo, 'down');
  await page.getByTestId('journey-accept-terms').click();
  await reach(page, 'activate.mobile');
  await page.getByTestId('journey-confirm-activation').click();
  await reach(page, 'activate.starting.unavailable', 40_000);
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'central_unavailable');
  await expect(page.getByTestId('journey-retry')).toBeVisible();
  await lookAtStep(page, 'en');
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'activate.code.entry', 40_000);
  await enterCode(page, demo, person.mobile);
  await reach(page, 'activate.activated.finished');
  await saveSteps(page, 'failure-central-down');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('the fingerprint reader unplugged mid-capture: retry or the other way; retry works once it is back (ar)', async ({ page, demo }) => {
  const person = people.rafiq;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'activate');
  await submitId(page, person.idNumber);
  await reach(page, 'activate.fingerprint.capturing');
  await expect(page.getByTestId('fingerprint-panel')).toHaveAttribute('data-guidance', 'placeFinger');
  await lookAtStep(page, 'ar', '-placeFinger');
  expect((await labPost(demo, '/fault', { device: 'fingerprint', kind: 'unplug' })).status).toBe(200);
  await reach(page, 'activate.fingerprint.readerError');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'reader_unavailable');
  await expect(page.getByTestId('journey-alternative')).toBeVisible();
  await lookAtStep(page, 'ar');
  expect((await labPost(demo, '/fault', { device: 'fingerprint', kind: 'replug' })).status).toBe(200);
  // The reader reconnects with backoff; once the kiosk has it back, one tap on "try again" asks for a finger.
  await readerBack(page);
  await reach(page, 'activate.fingerprint.readerError');
  await page.getByTestId('journey-retry').click();
  await expect(page.getByTestId('fingerprint-panel')).toHaveAttribute('data-guidance', 'placeFinger');
  await placeFinger(demo, person.idNumber);
  await reach(page, 'activate.terms');
  await saveSteps(page, 'failure-reader-unplugged');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('a card not taken is kept by the slot, and the person is told to ask staff (en)', async ({ page, demo }) => {
  test.setTimeout(120_000);
  const person = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'activate');
  await page.getByTestId('journey-use-card').click();
  await insertCard(demo, cardOf(person.idNumber));
  await placeFingerWhenAsked(page, demo, person.idNumber);
  // Faisal's account is active already: an outcome, and the card goes back to the gate.
  await expect(page.getByTestId('take-card')).toBeVisible({ timeout: 15_000 });
  await lookAtStep(page, 'en');
  // Nobody takes it: the device's take timeout (30 s) runs out and the slot captures it.
  await reach(page, 'activate.alreadyActive.finished', 60_000);
  await expect(page.getByTestId('card-kept')).toContainText('kept it safe');
  expect((await labState(demo)).cardSlot.retainedCards).toContain(cardOf(person.idNumber));
  await lookAtStep(page, 'en');
  await saveSteps(page, 'failure-card-retained');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('walking away mid-journey: the idle timeout wipes everything (ar)', async ({ page }) => {
  const kiosk = await startDemoKiosk({ session: e2eTimings });
  try {
    const person = people.faisal;
    await openKiosk(page, kiosk, 'ar');
    await startService(page, 'signIn');
    await reach(page, 'signIn.credentials');
    await page.getByTestId('login').fill(person.username);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('journey-next').click();
    await reach(page, 'signIn.code.entry');
    await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 20_000 });
    // Nobody answers.
    await saveSteps(page, 'failure-idle');
    await expectNothingOfThePerson(page, [...tracesOf(person), 'X580']);
  } finally {
    kiosk.process.kill('SIGTERM');
  }
});
