import type { Page } from '@playwright/test';
import {
  cardOf,
  centralFault,
  centralSlow,
  DEMO_PASSWORD,
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
  placeFingerWhenAsked,
  reach,
  saveSteps,
  skipAhead,
  smsCode,
  smsMessages,
  startService,
  submitId,
  takeCard,
  tapDigits,
  test,
  tracesOf,
} from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';

/**
 * The branches of register, activate and sign-in that the happy and failure
 * specs leave out, brought about as they happen at a kiosk: the ID read from
 * the card (and handed back at every outcome), central lost while an account
 * is created, a code is checked or a new code is asked for, the answers a
 * person can get instead of an activation (no account, no mobile, the ATM
 * way, staff), an account not yet active at sign-in, and a code asked for
 * again once the minute is over.
 */

test.describe.configure({ timeout: 90_000 });

// ───── local helpers ─────

/** The codes central's SMS outbox has sent to this mobile (newest first). */
async function codesSentTo(kiosk: DemoKiosk, mobile: string): Promise<{ id: number; code: string }[]> {
  return (await smsMessages(kiosk, mobile)).filter((m): m is { id: number; text: string; code: string } => m.code !== null);
}

/** Types an SMS code on the keypad; the code goes with its last digit. */
async function typeCode(page: Page, code: string): Promise<void> {
  await tapDigits(page, code);
}

/** The newest code sent to this mobile (newer than `after`), typed in. */
async function enterSmsCode(page: Page, kiosk: DemoKiosk, mobile: string, after = 0): Promise<number> {
  const { code, id } = await smsCode(kiosk, mobile, after);
  await typeCode(page, code);
  return id;
}

async function look(page: Page, language: Language, step: string, timeout?: number): Promise<void> {
  await reach(page, step, timeout);
  await lookAtStep(page, language);
}

/** The next person walks up to the same kiosk after the last one ended their session (the last one's finger is off the glass). */
async function nextPerson(page: Page, kiosk: DemoKiosk, language: Language): Promise<void> {
  await liftFinger(kiosk);
  await page.getByTestId(`attract-language-${language}`).click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
}

const title = (page: Page) => page.getByTestId('step-title');
const error = (page: Page) => page.getByTestId('journey-error');

const words = {
  ar: {
    centralError: 'لا يوجد اتصال بالبوابة',
    waitingForCard: 'بانتظار البطاقة…',
    takeCard: 'خذ بطاقتك',
    sendingNewCode: 'جارٍ إرسال رمز جديد…',
    registeredDone: 'شكرًا لك',
    noAccount: 'لا يوجد حساب لهذا الرقم',
    noMobile: 'لا يوجد رقم جوال صالح في حسابك',
    atm: 'التفعيل عبر الصراف الآلي',
    atmHow: 'أدخل بطاقتك البنكية في الصراف الآلي',
    activated: 'تم تفعيل حسابك',
    notActive: 'حسابك غير مفعل بعد',
    thanks: 'شكرًا لك',
    signedOut: 'تم تسجيل الخروج',
  },
  en: {
    centralError: 'No connection to the portal',
    waitingForCard: 'Waiting for your card…',
    takeCard: 'Take your card',
    sendingNewCode: 'Sending a new code…',
    registeredDone: 'Thank you',
    noAccount: 'There is no account for this ID',
    noMobile: 'Your account has no usable mobile number',
    atm: 'Activate at a bank ATM',
    atmHow: 'Insert your bank card at an ATM',
    activated: 'Your account is activated',
    notActive: 'Your account is not activated yet',
    thanks: 'Thank you',
    signedOut: 'You are signed out',
  },
} as const;

/** Central's answer was lost: the person is told so in words, with a way to try again and nothing else to do but wait. */
async function expectCentralLost(page: Page, language: Language): Promise<void> {
  await expect(error(page)).toHaveAttribute('data-code', 'central_unavailable');
  await expect(title(page)).toHaveText(words[language].centralError);
  await expect(page.getByTestId('journey-retry')).toBeEnabled();
}

/** The card comes back at the outcome: "take your card" until the person takes it, then the outcome, nothing kept. */
async function takeCardAtOutcome(page: Page, kiosk: DemoKiosk, language: Language, step: string, idNumber: string): Promise<void> {
  await expect(page.getByTestId('screen-journey')).toHaveAttribute('data-step', `${step}.returningCard`, { timeout: 15_000 });
  await expect(page.getByTestId('take-card')).toBeVisible();
  await expect(title(page)).toHaveText(words[language].takeCard);
  await expect(page.getByTestId('journey-cancel'), 'a card at the gate is taken first').toHaveCount(0);
  await expect.poll(async () => (await labState(kiosk)).cardSlot.card?.at, { timeout: 10_000 }).toBe('gate');
  await lookAtStep(page, language);
  await takeCard(kiosk);
  await reach(page, `${step}.finished`);
  await expect(page.getByTestId('card-kept')).toHaveCount(0);
  const slot = (await labState(kiosk)).cardSlot;
  expect(slot.card ?? null, 'the slot is empty').toBeNull();
  expect(slot.retainedCards).not.toContain(cardOf(idNumber));
}

async function fillRegistration(page: Page, mobile: string, username: string, language: Language): Promise<void> {
  await reach(page, 'register.mobile');
  await tapDigits(page, `0${mobile.slice(4)}`);
  await page.getByTestId('journey-next').click();
  await reach(page, 'register.username');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('journey-next').click();
  await reach(page, 'register.password');
  await page.getByTestId('new-password').fill('Desert7Rose');
  await page.getByTestId('new-password-confirmation').fill('Desert7Rose');
  await page.getByTestId('journey-next').click();
  await reach(page, 'register.email');
  await page.getByTestId('email').fill('person@example.sa');
  await page.getByTestId('email-confirmation').fill('person@example.sa');
  await page.getByTestId('journey-next').click();
  await reach(page, 'register.language');
  await page.getByTestId(`journey-language-${language}`).click();
  await reach(page, 'register.terms');
}

// ───── register ─────

test('register with the ID card; central lost while the account is created and while the code is checked; "not now" hands the card back (ar)', async ({ page, demo }) => {
  const person = people.latifa;
  const username = 'Latifa2030x';
  await openKiosk(page, demo, 'ar');
  await startService(page, 'register');
  await reach(page, 'register.id');
  await page.getByTestId('journey-use-card').click();
  await look(page, 'ar', 'register.readCard');
  await expect(page.getByText(words.ar.waitingForCard)).toBeVisible();
  await expect(page.getByTestId('journey-back'), 'the person can go back and type the number instead').toBeVisible();
  await insertCard(demo, cardOf(person.idNumber));
  await fillRegistration(page, person.mobile, username, 'ar');

  // Central goes away as the terms are accepted: nothing is created, the person is told and may try again.
  await centralFault(demo, 'down');
  await page.getByTestId('journey-accept-terms').click();
  await look(page, 'ar', 'register.submitting.unavailable');
  await expectCentralLost(page, 'ar');
  await expect(page.getByTestId('journey-back'), 'back to the terms is offered too').toBeVisible();
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'register.code.entry');
  await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);

  // Central goes away again as the code is typed: the code is kept, and the retry creates the account.
  await centralFault(demo, 'down');
  await enterSmsCode(page, demo, person.mobile);
  await look(page, 'ar', 'register.code.checking.unavailable');
  await expectCentralLost(page, 'ar');
  await expect(page.getByTestId('journey-back'), 'a code being checked cannot be walked back from').toHaveCount(0);
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'register.registered');
  await expect(page.getByTestId('masked-username')).toHaveText(`${username.slice(0, 2)}${'*'.repeat(username.length - 3)}${username.slice(-1)}`);
  // One registration, one code: the retries did nothing twice.
  expect(await codesSentTo(demo, person.mobile)).toHaveLength(1);

  // "Not now": the card comes back before the thanks.
  await expect(page.getByTestId('journey-activate-now')).toBeVisible();
  await page.getByTestId('journey-finish').click();
  await takeCardAtOutcome(page, demo, 'ar', 'register.done', person.idNumber);
  await expect(title(page)).toHaveText(words.ar.registeredDone);
  await lookAtStep(page, 'ar');
  await saveSteps(page, 'branches-a-register-card-central-lost');
  await finishAndCheckWiped(page, [...tracesOf(person), username]);
});

// ───── activate ─────

test('activate with the ID card: no account, the ATM way, and staff after three wrong fingers — the card comes back every time (en)', async ({ page, demo }) => {
  // Ibrahim has no account: his finger is his, but there is nothing to activate.
  const ibrahim = { idNumber: '1206501031', mobile: '+966502641736', nameAr: 'إبراهيم', nameEn: 'Ibrahim' };
  await openKiosk(page, demo, 'en');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await page.getByTestId('journey-use-card').click();
  await reach(page, 'activate.readCard');
  await insertCard(demo, cardOf(ibrahim.idNumber));
  await placeFingerWhenAsked(page, demo, ibrahim.idNumber);
  await takeCardAtOutcome(page, demo, 'en', 'activate.noAccount', ibrahim.idNumber);
  await expect(page.getByTestId('journey-result')).toHaveAttribute('data-outcome', 'activate.noAccount');
  await expect(title(page)).toHaveText(words.en.noAccount);
  await expect(page.getByText('Create one with the “New user” service, then activate it.')).toBeVisible();
  await expect(page.getByTestId('support-number')).toBeVisible();
  await expect(page.getByTestId('journey-activate-now')).toHaveCount(0);
  await lookAtStep(page, 'en');
  await finishAndCheckWiped(page, tracesOf(ibrahim));

  // Abeer would rather not use her fingerprint: she is told the ATM way, and gets her card back.
  const abeer = people.abeer;
  await nextPerson(page, demo, 'en');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await page.getByTestId('journey-use-card').click();
  await insertCard(demo, cardOf(abeer.idNumber));
  await reach(page, 'activate.fingerprint.capturing');
  await page.getByTestId('journey-alternative').click();
  await takeCardAtOutcome(page, demo, 'en', 'activate.alternative', abeer.idNumber);
  await expect(title(page)).toHaveText(words.en.atm);
  await expect(page.getByText(words.en.atmHow)).toBeVisible();
  await expect(page.getByTestId('support-number')).toBeVisible();
  await lookAtStep(page, 'en');
  await finishAndCheckWiped(page, tracesOf(abeer));

  // Someone else's finger on Bandar's card, three times: the card comes back first, then the session ends with a referral.
  const bandar = people.bandar;
  await nextPerson(page, demo, 'en');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await page.getByTestId('journey-use-card').click();
  await insertCard(demo, cardOf(bandar.idNumber));
  await placeFingerWhenAsked(page, demo, people.latifa.idNumber);
  for (const left of ['2 attempts left', '1 attempt left']) {
    await reach(page, 'activate.fingerprint.failed');
    await expect(error(page)).toHaveAttribute('data-code', 'fingerprint_no_match');
    await expect(page.getByTestId('attempts-remaining')).toHaveText(left);
    await liftFinger(demo);
    await page.getByTestId('journey-retry').click();
    await placeFingerWhenAsked(page, demo, people.latifa.idNumber);
  }
  await expect(page.getByTestId('screen-journey')).toHaveAttribute('data-step', 'activate.referToStaff.returningCard', { timeout: 15_000 });
  await expect(page.getByTestId('take-card')).toBeVisible();
  await expect(title(page)).toHaveText(words.en.takeCard);
  await expect(page.getByTestId('staff-referral'), 'the card first, then the referral').toHaveCount(0);
  await lookAtStep(page, 'en');
  await takeCard(demo);
  await expect(page.getByTestId('staff-referral')).toBeVisible({ timeout: 15_000 });
  expect((await labState(demo)).cardSlot.retainedCards).not.toContain(cardOf(bandar.idNumber));
  await saveSteps(page, 'branches-a-activate-card-outcomes');
  await expectNothingOfThePerson(page, tracesOf(bandar));
  await page.getByTestId('staff-referral-ok').click();
  await expect(page.getByTestId('staff-referral')).toHaveCount(0);
});

test('activate when the mobile has moved to another account, with central lost while the finger is checked (ar)', async ({ page, demo }) => {
  // Faisal takes over the number that was Abeer's (RULES.md: a number moved to a new account leaves the old one).
  const faisal = people.faisal;
  const abeer = people.abeer;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'updateMobile');
  await reach(page, 'updateMobile.id');
  await submitId(page, faisal.idNumber);
  await placeFingerWhenAsked(page, demo, faisal.idNumber);
  await reach(page, 'updateMobile.newMobile');
  await tapDigits(page, `0${abeer.mobile.slice(4)}`);
  await page.getByTestId('journey-next').click();
  await reach(page, 'updateMobile.code.entry');
  await enterSmsCode(page, demo, abeer.mobile);
  await reach(page, 'updateMobile.changed.finished');
  await finishAndCheckWiped(page, [...tracesOf(faisal), abeer.mobile]);

  // Abeer comes to activate her account with her card; central is lost as her finger is checked.
  await nextPerson(page, demo, 'ar');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await page.getByTestId('journey-use-card').click();
  await insertCard(demo, cardOf(abeer.idNumber));
  await reach(page, 'activate.fingerprint.capturing');
  await centralFault(demo, 'down');
  await placeFingerWhenAsked(page, demo, abeer.idNumber);
  await look(page, 'ar', 'activate.fingerprint.verifying.unavailable');
  await expectCentralLost(page, 'ar');
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  // Her finger matches, but the account has no mobile to send the code to: update it first.
  await takeCardAtOutcome(page, demo, 'ar', 'activate.noMobile', abeer.idNumber);
  await expect(page.getByTestId('journey-result')).toHaveAttribute('data-outcome', 'activate.noMobile');
  await expect(title(page)).toHaveText(words.ar.noMobile);
  await expect(page.getByText('حدّث رقم جوالك أولًا، ثم فعّل حسابك.')).toBeVisible();
  await expect(page.getByTestId('support-number')).toBeVisible();
  await lookAtStep(page, 'ar');
  await saveSteps(page, 'branches-a-activate-no-mobile');
  await finishAndCheckWiped(page, tracesOf(abeer));
});

// ───── sign in ─────

test('sign in with central lost twice, then an account not activated yet: "not now" (en)', async ({ page, demo }) => {
  const faisal = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(faisal.username);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await centralFault(demo, 'down');
  await page.getByTestId('journey-next').click();
  await look(page, 'en', 'signIn.signingIn.unavailable');
  await expectCentralLost(page, 'en');
  await expect(page.getByTestId('journey-back'), 'back to the sign-in form is offered too').toBeVisible();
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'signIn.code.entry');
  await centralFault(demo, 'down');
  await enterSmsCode(page, demo, faisal.mobile);
  await look(page, 'en', 'signIn.code.checking.unavailable');
  await expectCentralLost(page, 'en');
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'signIn.signedIn');
  await expect(page.getByTestId('signed-in-home')).toContainText(faisal.nameEn);
  expect(await codesSentTo(demo, faisal.mobile), 'one sign-in, one temporary password').toHaveLength(1);
  await page.getByTestId('journey-sign-out').click();
  await reach(page, 'signIn.signedOut.finished');
  await expect(title(page)).toHaveText(words.en.signedOut);
  await finishAndCheckWiped(page, tracesOf(faisal));

  // Abeer registered but never activated: she is offered activation, and says "not now".
  const abeer = people.abeer;
  await nextPerson(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(abeer.idNumber);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await look(page, 'en', 'signIn.notActive');
  await expect(title(page)).toHaveText(words.en.notActive);
  await expect(page.getByTestId('journey-activate-now')).toBeVisible();
  await expect(page.getByTestId('journey-recover-password')).toHaveCount(0);
  expect(await codesSentTo(demo, abeer.mobile), 'no code for an account that cannot sign in').toHaveLength(0);
  await page.getByTestId('journey-finish').click();
  await look(page, 'en', 'signIn.done.finished');
  await expect(title(page)).toHaveText(words.en.thanks);
  await expect(page.getByTestId('journey-to-services')).toBeVisible();
  await expect(page.getByTestId('journey-end-session')).toBeVisible();
  await saveSteps(page, 'branches-a-signIn-central-lost-not-active');
  await finishAndCheckWiped(page, tracesOf(abeer));
});

// ───── a new code, once the minute is over ─────

interface AtKiosk {
  page: Page;
  kiosk: DemoKiosk;
  language: Language;
  service: 'register' | 'activate' | 'signIn';
  mobile: string;
  /** The newest code sent so far. */
  lastCode: number;
}

async function toCodeEntry(at: AtKiosk): Promise<void> {
  const { page, kiosk, language } = at;
  await openKiosk(page, kiosk, language);
  await startService(page, at.service);
  if (at.service === 'register') {
    await reach(page, 'register.id');
    await submitId(page, people.rajesh.idNumber);
    await fillRegistration(page, at.mobile, 'Rajesh2030x', language);
    await page.getByTestId('journey-accept-terms').click();
  } else if (at.service === 'activate') {
    await reach(page, 'activate.id');
    await submitId(page, people.rajeshResident.idNumber);
    await placeFingerWhenAsked(page, kiosk, people.rajeshResident.idNumber);
    await reach(page, 'activate.terms');
    await page.getByTestId('journey-accept-terms').click();
    await reach(page, 'activate.mobile');
    await page.getByTestId('journey-confirm-activation').click();
  } else {
    await reach(page, 'signIn.credentials');
    await page.getByTestId('login').fill(people.anita.username);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('journey-next').click();
  }
  await reach(page, `${at.service}.code.entry`);
  at.lastCode = (await smsCode(kiosk, at.mobile)).id;
}

const attemptsLeft = { ar: ['تبقّت محاولتان', 'تبقّت محاولة واحدة'], en: ['2 attempts left', '1 attempt left'] } as const;

/** Three wrong codes: the code is void, the keypad goes, and only a new code is offered — once central allows one. */
async function voidTheCode(at: AtKiosk): Promise<void> {
  const { page, kiosk } = at;
  const { code } = await smsCode(kiosk, at.mobile);
  const wrong = code === '0000' ? '1111' : '0000';
  for (const left of attemptsLeft[at.language]) {
    await typeCode(page, wrong);
    await reach(page, `${at.service}.code.entry`);
    await expect(error(page)).toHaveAttribute('data-code', 'otp_wrong');
    await expect(page.getByTestId('attempts-remaining')).toHaveText(left);
  }
  await typeCode(page, wrong);
  await reach(page, `${at.service}.code.needNewCode`);
  await expect(error(page)).toHaveAttribute('data-code', 'otp_voided');
  await expect(page.getByTestId('keyboard')).toHaveCount(0);
  await expect(page.getByTestId('journey-resend')).toBeVisible();
  await expect(page.getByTestId('journey-resend'), 'not before the minute is over').toBeDisabled();
  await expect(page.getByTestId('resend-countdown')).toBeVisible();
  await lookAtStep(page, at.language);
}

/**
 * "Send a new code" with central gone: the person is told and tries again;
 * the retry is held by a slow central until the spec has seen it ("sending a
 * new code"), then central is back, a new code arrives by SMS and the keypad
 * is back.
 */
async function resendThroughAnOutage(at: AtKiosk, lookWhileSending: boolean): Promise<void> {
  const { page, kiosk, language, service } = at;
  const screen = page.getByTestId('screen-journey');
  await centralFault(kiosk, 'down');
  await page.getByTestId('journey-resend').click();
  await look(page, language, `${service}.code.resending.unavailable`);
  await expectCentralLost(page, language);
  expect((await codesSentTo(kiosk, at.mobile))[0]?.id, 'no code was sent while central was gone').toBe(at.lastCode);
  // Held for up to a minute, or until central is put back to normal below: however long the looks take.
  await centralSlow(kiosk, 60_000);
  await page.getByTestId('journey-retry').click();
  await expect(screen).toHaveAttribute('data-step', `${service}.code.resending.calling`);
  await expect(page.getByTestId('journey-busy')).toBeVisible();
  await expect(title(page)).toHaveText(words[language].sendingNewCode);
  if (lookWhileSending) await lookAtStep(page, language);
  await centralFault(kiosk, 'none');
  await reach(page, `${service}.code.entry`);
  const fresh = await smsCode(kiosk, at.mobile, at.lastCode);
  at.lastCode = fresh.id;
  await expect(error(page)).toHaveCount(0);
  await expect(page.getByTestId('keyboard')).toBeVisible();
  await expect(page.getByTestId('journey-resend'), 'the next new code is a minute away again').toBeDisabled();
  await expect(page.getByTestId('resend-countdown')).toBeVisible();
}

/** The minute is over: the demo operator skips the kiosk's and central's clocks ahead (no spec waits it out), and "send a new code" can be touched. */
async function aMinuteLater(at: AtKiosk): Promise<void> {
  await skipAhead(at.page, 1);
  await expect(at.page.getByTestId('journey-resend'), 'a new code once the minute is over').toBeEnabled();
  await expect(at.page.getByTestId('resend-countdown')).toHaveCount(0);
}

test('a new code once the minute is over, with central gone as it is asked for: register (en)', async ({ page, demo }) => {
  const register: AtKiosk = { page, kiosk: demo, language: 'en', service: 'register', mobile: people.rajesh.mobile, lastCode: 0 };
  await toCodeEntry(register);
  // The code typed wrong three times: void, and a new one only once the minute is over.
  await voidTheCode(register);
  await aMinuteLater(register);
  await resendThroughAnOutage(register, true);
  await enterSmsCode(page, demo, register.mobile, register.lastCode - 1);
  await reach(page, 'register.registered');
  await page.getByTestId('journey-finish').click();
  await reach(page, 'register.done.finished');
  await saveSteps(page, 'branches-a-resend-register');
  await finishAndCheckWiped(page, [...tracesOf(people.rajesh), 'Rajesh2030x']);
});

test('a new code once the minute is over, with central gone as it is asked for and again as the new code is typed: activate (ar)', async ({ page, demo }) => {
  const activate: AtKiosk = { page, kiosk: demo, language: 'ar', service: 'activate', mobile: people.rajeshResident.mobile, lastCode: 0 };
  await toCodeEntry(activate);
  // The code simply did not come through: a new one only once the minute is over.
  await expect(page.getByTestId('journey-resend'), 'not before the minute is over').toBeDisabled();
  await expect(page.getByTestId('resend-countdown')).toBeVisible();
  await aMinuteLater(activate);
  await resendThroughAnOutage(activate, false);
  // The new code is typed while central is gone again: kept, and checked on the retry.
  await centralFault(demo, 'down');
  await enterSmsCode(page, demo, activate.mobile, activate.lastCode - 1);
  await look(page, 'ar', 'activate.code.checking.unavailable');
  await expectCentralLost(page, 'ar');
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, 'activate.activated.finished');
  await expect(title(page)).toHaveText(words.ar.activated);
  await saveSteps(page, 'branches-a-resend-activate');
  await finishAndCheckWiped(page, tracesOf(people.rajeshResident));
});

test('a new code once the minute is over, with central gone as it is asked for: sign in (ar)', async ({ page, demo }) => {
  const signIn: AtKiosk = { page, kiosk: demo, language: 'ar', service: 'signIn', mobile: people.anita.mobile, lastCode: 0 };
  await toCodeEntry(signIn);
  await voidTheCode(signIn);
  await aMinuteLater(signIn);
  await resendThroughAnOutage(signIn, false);
  await enterSmsCode(page, demo, signIn.mobile, signIn.lastCode - 1);
  await reach(page, 'signIn.signedIn');
  await expect(page.getByTestId('signed-in-home')).toContainText(people.anita.nameAr);
  await saveSteps(page, 'branches-a-resend-signIn');
  await finishAndCheckWiped(page, tracesOf(people.anita));
});

// ───── what the person typed stays ─────

test('digits half typed stay in the code boxes when something else on the kiosk changes (en)', async ({ page, demo }) => {
  const person = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(person.username);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  await tapDigits(page, '12');
  await expect(page.getByText('2 of 4 digits entered')).toHaveCount(1);
  // The demo operator unplugs the fingerprint reader: nothing this journey uses, and nothing on this screen changes.
  expect((await labPost(demo, '/fault', { device: 'fingerprint', kind: 'unplug' })).status).toBe(200);
  await expect.poll(async () => JSON.stringify(await page.evaluate(() => window.__kioskDebug?.storeState())), { timeout: 5_000 }).toContain('"fingerprint":"offline"');
  await expect(page.getByText('2 of 4 digits entered'), 'what the person typed is still there').toHaveCount(1, { timeout: 1_000 });
  await saveSteps(page, 'branches-a-code-kept');
  await finishAndCheckWiped(page, tracesOf(person));
});
