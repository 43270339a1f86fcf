import type { Page } from '@playwright/test';
import { e2eTimings } from './fixtures';
import {
  DEMO_PASSWORD,
  advanceCentralClock,
  centralCall,
  centralFault,
  enterCode,
  expect,
  expectNothingOfThePerson,
  finishAndCheckWiped,
  lookAtStep,
  people,
  reach,
  saveSteps,
  skipAhead,
  smsCode,
  smsMessages,
  startDemoKiosk,
  tapDigits,
  test,
  tracesOf,
  signInByPassword,
} from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';
import { printReceiptOnScreen } from './printedReceipt';

/**
 * Edit user information (signed in), in Arabic and in English, against the
 * real core, the embedded central and its SMS outbox: for each edit the
 * happy path, a wrong current password, a wrong code, and the rule
 * violations with the words that say what to fix. Every new screen is
 * looked at (axe, truncation, touch targets) and photographed in both
 * languages and in high contrast + large text. At the end nothing of the
 * person is left; walking away mid-edit wipes everything.
 */

test.describe.configure({ timeout: 240_000 });

type Who = (typeof people)['faisal'] | (typeof people)['anita'];

async function signIn(page: Page, demo: DemoKiosk, language: Language, person: Who): Promise<void> {
  await signInByPassword(page, demo, language, person);
}

/** A tile of the signed-in home: available, and a touch starts the edit journey. */
async function openEdit(page: Page, service: string, first: string): Promise<void> {
  const tile = page.getByTestId(`service-${service}`);
  await expect(tile).toHaveAttribute('data-available', 'true');
  await tile.click();
  await reach(page, first);
}

/** A step, looked at in both languages and high contrast + large text, when this run looks. */
async function at(page: Page, step: string, language: Language, looking: boolean): Promise<void> {
  await reach(page, step);
  if (looking) await lookAtStep(page, language);
}

const wrongCode = (code: string) => (code === '0000' ? '1111' : '0000');
const says = (page: Page, ar: string, en: string, language: Language) => expect(page.getByTestId('screen-journey')).toContainText(language === 'ar' ? ar : en);

async function changePassword(page: Page, demo: DemoKiosk, language: Language, person: Who, looking: boolean): Promise<string> {
  const fresh = language === 'ar' ? 'Palm2031tree' : 'Dune2031sand';
  await openEdit(page, 'changePassword', 'changePassword.current');
  await at(page, 'changePassword.current', language, looking);
  // A wrong current password: central says so, and the person types it again.
  await page.getByTestId('current-password').fill('Wrong2030pass');
  await page.getByTestId('journey-next').click();
  await reach(page, 'changePassword.newPassword');
  // The rule: the new password must differ from the current one (the live checklist ticks the others).
  await page.getByTestId('new-password').fill('Wrong2030pass');
  await page.getByTestId('new-password-confirmation').fill('Wrong2030pass');
  await page.getByTestId('journey-next').click();
  await expect(page.getByTestId('field-errors')).toContainText(language === 'ar' ? 'يجب أن تختلف' : 'must be different');
  if (looking) await lookAtStep(page, language, '-same-as-current');
  await page.getByTestId('new-password').fill(fresh);
  await page.getByTestId('new-password-confirmation').fill(fresh);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changePassword.current');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'password_current_wrong');
  await says(page, 'كلمة المرور الحالية غير صحيحة', 'The current password is wrong', language);
  if (looking) await lookAtStep(page, language, '-wrong-current');
  await page.getByTestId('current-password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changePassword.newPassword');
  await page.getByTestId('new-password').fill(fresh);
  await page.getByTestId('new-password-confirmation').fill(fresh);
  await page.getByTestId('journey-next').click();
  // A wrong code first: the attempts left; then the right one.
  await reach(page, 'changePassword.code.entry');
  const { code, id } = await smsCode(demo, person.mobile);
  await tapDigits(page, wrongCode(code));
  await reach(page, 'changePassword.code.entry');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_wrong');
  await expect(page.getByTestId('attempts-remaining')).toBeVisible();
  await tapDigits(page, code);
  await at(page, 'changePassword.changed.finished', language, looking);
  await says(page, 'تم تحديث كلمة المرور بنجاح', 'Password updated successfully', language);
  await expect.poll(async () => (await smsMessages(demo, person.mobile, 3)).some((m) => m.id > id && /تم تحديث كلمة المرور|Password updated/.test(m.text))).toBe(true);
  await page.getByTestId('journey-to-services').click();
  await reach(page, 'signIn.signedIn');
  return fresh;
}

async function changeEmail(page: Page, demo: DemoKiosk, language: Language, person: Who, looking: boolean): Promise<void> {
  await openEdit(page, 'changeEmail', 'changeEmail.email');
  // The e-mail on record, masked, where the new one is typed.
  await expect(page.getByTestId('current-email')).toHaveText(/^[a-z0-9]{0,2}\*{3,}@example\.sa$/);
  // The syntax rule and the second typing, as typed.
  await page.getByTestId('email').fill('name@example');
  await page.getByTestId('email-confirmation').fill('name@example.sa');
  await says(page, 'البريد', 'e-mail', language);
  await expect(page.getByTestId('journey-next')).toBeDisabled();
  if (looking) await lookAtStep(page, language, '-invalid');
  const email = `${person.username.toLowerCase()}.new@example.sa`;
  await page.getByTestId('email').fill(email);
  await page.getByTestId('email-confirmation').fill(email);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changeEmail.code.entry');
  await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
  const { code } = await smsCode(demo, person.mobile);
  await tapDigits(page, wrongCode(code));
  await reach(page, 'changeEmail.code.entry');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_wrong');
  await tapDigits(page, code);
  await at(page, 'changeEmail.changed.finished', language, looking);
  await says(page, 'تم تحديث بريدك الإلكتروني', 'Your e-mail address is updated', language);
  const name = email.slice(0, email.indexOf('@'));
  await expect(page.getByTestId('new-email')).toHaveText(`${name.slice(0, 2)}${'*'.repeat(name.length - 2)}@example.sa`);
  // Its receipt: the masked e-mail only, on the lab printer's paper.
  await printReceiptOnScreen(page, demo, language, 'changeEmail');
  if (looking) await lookAtStep(page, language, '-receipt-printed');
  await page.getByTestId('journey-to-services').click();
  await reach(page, 'signIn.signedIn');
}

async function changeAddress(page: Page, demo: DemoKiosk, language: Language, looking: boolean): Promise<void> {
  await openEdit(page, 'changeAddress', 'changeAddress.address');
  const part = (name: string) => page.getByTestId(`address-${name}`);
  const fill = async (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) await part(name).locator('input').fill(value);
  };
  await fill({ buildingNumber: '12', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '1234', additionalNumber: '67a9' });
  await part('unit').locator('input').click();
  // Each part that breaks its rule says what to fix: the number of digits, digits only.
  await expect(part('buildingNumber').getByTestId('field-error')).toHaveAttribute('data-word', 'wrongLength');
  await expect(part('buildingNumber')).toContainText(language === 'ar' ? '4 أرقام بالضبط' : 'Exactly 4 digits');
  await expect(part('postalCode')).toContainText(language === 'ar' ? '5 أرقام بالضبط' : 'Exactly 5 digits');
  await expect(part('additionalNumber').getByTestId('field-error')).toHaveAttribute('data-word', 'notDigits');
  await expect(page.getByTestId('journey-next')).toBeDisabled();
  if (looking) await lookAtStep(page, language, '-violations');
  await fill({ buildingNumber: '1234', postalCode: '12345', additionalNumber: '6789', unit: '12' });
  await expect(page.getByTestId('field-error')).toHaveCount(0);
  await page.getByTestId('journey-next').click();
  await at(page, 'changeAddress.changed.finished', language, looking);
  await says(page, 'تم تحديث عنوانك الوطني', 'Your national address is updated', language);
  // The new address, masked: its city and district and the postal code's last two digits, never the street.
  // The city in the screen's language (the national address city list), as typed in English.
  await expect(page.getByTestId('new-address')).toContainText(language === 'ar' ? 'الرياض' : 'Riyadh');
  await expect(page.getByTestId('new-address')).toContainText('***45');
  await expect(page.getByTestId('new-on-record')).not.toContainText('King Fahd');
  await printReceiptOnScreen(page, demo, language, 'changeAddress');
  await page.getByTestId('journey-to-services').click();
  await reach(page, 'signIn.signedIn');
}

async function changeMobile(page: Page, demo: DemoKiosk, language: Language, person: Who, looking: boolean): Promise<string> {
  const newMobile = language === 'ar' ? '+966551230041' : '+966551230042';
  await openEdit(page, 'changeMobile', 'changeMobile.newMobile');
  // The same number is refused by central, on the field.
  await page.getByTestId('mobile-number').fill(`0${person.mobile.slice(4)}`);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changeMobile.newMobile');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'mobile_unchanged');
  if (looking) await lookAtStep(page, language, '-unchanged');
  await page.getByTestId('mobile-number').fill(`0${newMobile.slice(4)}`);
  await page.getByTestId('journey-next').click();
  await at(page, 'changeMobile.currentCode.code.entry', language, looking);
  await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
  await enterCode(page, demo, person.mobile);
  await at(page, 'changeMobile.newCode.code.entry', language, looking);
  await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${newMobile.slice(-3)}`);
  const { code } = await smsCode(demo, newMobile);
  await tapDigits(page, wrongCode(code));
  await reach(page, 'changeMobile.newCode.code.entry');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_wrong');
  await tapDigits(page, code);
  await at(page, 'changeMobile.changed.finished', language, looking);
  await expect(page.getByTestId('masked-mobile')).toHaveText(`05X XXX X${newMobile.slice(-3)}`);
  return newMobile;
}

for (const language of ['ar', 'en'] as const) {
  test(`edit user information: password, e-mail, address, mobile (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.faisal : people.anita;
    // Arabic looks at every new screen (both languages, high contrast + large text); English walks the same paths in its own words.
    const looking = language === 'ar';
    await signIn(page, demo, language, person);
    if (looking) await lookAtStep(page, language, '-edits-open');
    await changePassword(page, demo, language, person, looking);
    await changeEmail(page, demo, language, person, looking);
    await changeAddress(page, demo, language, looking);
    const newMobile = await changeMobile(page, demo, language, person, looking);
    await saveSteps(page, `edits-${language}`);
    const { body } = await centralCall(demo, 'GET', `/dev/sms?mobile=${encodeURIComponent(newMobile)}&limit=5`);
    expect(JSON.stringify(body)).toMatch(/رقم الجوال|mobile number/);
    await finishAndCheckWiped(page, [...tracesOf(person), `${person.username.toLowerCase()}.new@example.sa`, 'King Fahd Road', newMobile.slice(-7)]);
  });
}

test('edits when central is away: each says so and retries; a session central forgot ends the edit (en)', async ({ page, demo }) => {
  const person = people.anita;
  await signIn(page, demo, 'en', person);
  for (const [service, first] of [
    ['changePassword', 'changePassword.current'],
    ['changeEmail', 'changeEmail.email'],
    ['changeMobile', 'changeMobile.newMobile'],
    ['changeAddress', 'changeAddress.address'],
  ] as const) {
    await centralFault(demo, 'down');
    await openEdit(page, service, `${service}.loading.unavailable`);
    await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'central_unavailable');
    await centralFault(demo, 'none');
    await page.getByTestId('journey-retry').click();
    await reach(page, first);
    await page.getByTestId('journey-cancel').click();
    await page.getByTestId('journey-cancel-confirm').click();
    await reach(page, 'signIn.signedIn');
  }
  await saveSteps(page, 'edits-central-away');
});

/**
 * The SMS code's troubles on the way, at `here` (`changeEmail.code`): three
 * wrong codes void it; a new one asked for while central is away (retried
 * after the resend wait); the right one entered while central is away
 * (retried, it goes through).
 */
async function codeTrouble(page: Page, demo: DemoKiosk, here: string, mobile: string): Promise<void> {
  await reach(page, `${here}.entry`);
  const { code, id } = await smsCode(demo, mobile);
  // The tries left, in the language the person chose (ar.json / en.json `journey.errors.attemptsLeft` for 2, then 1).
  const triesLeft = (await page.locator('html').getAttribute('lang')) === 'ar' ? ['تبقّت محاولتان', 'تبقّت محاولة واحدة'] : ['2 attempts left', '1 attempt left'];
  for (let i = 0; i < 3; i += 1) {
    await tapDigits(page, wrongCode(code));
    // The screen is already `entry` before a wrong code is checked: the tries left (2, then 1) say it was.
    if (i < 2) await expect(page.getByTestId('attempts-remaining')).toHaveText(triesLeft[i]!, { timeout: 15_000 });
    await reach(page, i < 2 ? `${here}.entry` : `${here}.needNewCode`);
  }
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_voided');
  await skipAhead(page, 1);
  await centralFault(demo, 'down');
  await page.getByTestId('journey-resend').click();
  await reach(page, `${here}.resending.unavailable`);
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
  await reach(page, `${here}.entry`);
  const fresh = await smsCode(demo, mobile, id);
  await centralFault(demo, 'down');
  await tapDigits(page, fresh.code);
  await reach(page, `${here}.checking.unavailable`);
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
}

/** Central away as the change is sent: the retry sends the same change (the same Idempotency-Key). */
async function sentWhileAway(page: Page, demo: DemoKiosk, unavailable: string): Promise<void> {
  await centralFault(demo, 'down');
  await page.getByTestId('journey-next').click();
  await reach(page, unavailable);
  await centralFault(demo, 'none');
  await page.getByTestId('journey-retry').click();
}

// RULES.md allows five codes an hour per ID (sign-in's included): one person meets the password's and e-mail's troubles, another the mobile's.
test('edits: the troubles on the way (central away, codes voided, resent), then the session central forgot (en)', async ({ page, demo }) => {
  const person = people.anita;
  await signIn(page, demo, 'en', person);
  const fresh = 'Oasis2031palm';
  await openEdit(page, 'changePassword', 'changePassword.current');
  await page.getByTestId('current-password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'changePassword.newPassword');
  await page.getByTestId('new-password').fill(fresh);
  await page.getByTestId('new-password-confirmation').fill(fresh);
  await sentWhileAway(page, demo, 'changePassword.starting.unavailable');
  await codeTrouble(page, demo, 'changePassword.code', person.mobile);
  await reach(page, 'changePassword.changed.finished');
  await page.getByTestId('journey-to-services').click();

  await openEdit(page, 'changeEmail', 'changeEmail.email');
  await page.getByTestId('email').fill('anita.trouble@example.sa');
  await page.getByTestId('email-confirmation').fill('anita.trouble@example.sa');
  await sentWhileAway(page, demo, 'changeEmail.starting.unavailable');
  await codeTrouble(page, demo, 'changeEmail.code', person.mobile);
  await reach(page, 'changeEmail.changed.finished');
  await page.getByTestId('journey-to-services').click();

  await openEdit(page, 'changeAddress', 'changeAddress.address');
  const address = { buildingNumber: '4321', street: 'Olaya Street', district: 'Al Malqa', city: 'Riyadh', postalCode: '13521', additionalNumber: '2468' };
  for (const [name, value] of Object.entries(address)) await page.getByTestId(`address-${name}`).locator('input').fill(value);
  await sentWhileAway(page, demo, 'changeAddress.saving.unavailable');
  await reach(page, 'changeAddress.changed.finished');
  await page.getByTestId('journey-to-services').click();

  // Central forgets the session (its lifetime passes on central's clock): each edit says so and ends.
  await advanceCentralClock(demo, 11 * 60_000);
  for (const service of ['changePassword', 'changeEmail', 'changeMobile', 'changeAddress']) {
    await openEdit(page, service, `${service}.sessionEnded.finished`);
    await expect(page.getByTestId('journey-result')).toContainText('You have been signed out');
    if (service === 'changeAddress') await lookAtStep(page, 'en');
    await page.getByTestId('journey-to-services').click();
    await reach(page, 'signIn.signedIn');
  }
  await saveSteps(page, 'edits-troubles');
  await finishAndCheckWiped(page, [...tracesOf(person), 'anita.trouble@example.sa', 'Olaya Street']);
});

test('change mobile: the troubles on the way, at both codes (ar)', async ({ page, demo }) => {
  const person = people.faisal;
  await signIn(page, demo, 'ar', person);
  const newMobile = '+966551230043';
  await openEdit(page, 'changeMobile', 'changeMobile.newMobile');
  await page.getByTestId('mobile-number').fill(`0${newMobile.slice(4)}`);
  await sentWhileAway(page, demo, 'changeMobile.starting.unavailable');
  await codeTrouble(page, demo, 'changeMobile.currentCode.code', person.mobile);
  await codeTrouble(page, demo, 'changeMobile.newCode.code', newMobile);
  await reach(page, 'changeMobile.changed.finished');
  await saveSteps(page, 'edits-mobile-troubles');
  await finishAndCheckWiped(page, [...tracesOf(person), newMobile.slice(-7)]);
});

test('walking away mid-edit: the idle timeout wipes everything, the address typed included (ar)', async ({ page }) => {
  const kiosk = await startDemoKiosk({ session: e2eTimings });
  try {
    const person = people.faisal;
    await signIn(page, kiosk, 'ar', person);
    await openEdit(page, 'changeAddress', 'changeAddress.address');
    await page.getByTestId('address-street').locator('input').fill('Walked Away Street');
    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 20_000 });
    await saveSteps(page, 'edits-idle');
    await expectNothingOfThePerson(page, [...tracesOf(person), 'Walked Away Street', 'X580']);
  } finally {
    kiosk.process.kill('SIGTERM');
  }
});
