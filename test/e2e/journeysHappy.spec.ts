import type { Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  cardOf,
  enterCode,
  expect,
  finishAndCheckWiped,
  insertCard,
  lookAtStep,
  people,
  placeFingerWhenAsked,
  reach,
  saveSteps,
  startService,
  submitId,
  openKiosk,
  takeCard,
  tapDigits,
  test,
  tracesOf,
} from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';

/**
 * Every journey's happy path, in Arabic and in English, against the real
 * core, the simulated lab and the embedded central. Each screen on the way
 * is checked (axe, truncation, touch targets) and photographed; at the end
 * the session is ended and nothing of the person may be left.
 */

test.describe.configure({ timeout: 90_000 });

const languages: Language[] = ['ar', 'en'];

async function look(page: Page, language: Language, step: string): Promise<void> {
  await reach(page, step);
  await lookAtStep(page, language);
}

for (const language of languages) {
  test(`register, then activate at once (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.latifa : people.rajesh;
    const username = language === 'ar' ? 'Latifa2030x' : 'Rajesh2030x';
    await openKiosk(page, demo, language);
    await startService(page, 'register');
    await look(page, language, 'register.id');
    await submitId(page, person.idNumber);
    await look(page, language, 'register.mobile');
    await tapDigits(page, `0${person.mobile.slice(4)}`);
    await expect(page.getByTestId('mobile-preview')).toContainText(`0${person.mobile.slice(4, 6)} `);
    await page.getByTestId('journey-next').click();
    await look(page, language, 'register.username');
    await page.getByTestId('username').fill(username);
    await page.getByTestId('journey-next').click();
    await look(page, language, 'register.password');
    await page.getByTestId('new-password').fill('Desert7Rose');
    await page.getByTestId('new-password-confirmation').fill('Desert7Rose');
    await expect(page.getByTestId('password-match')).toBeVisible();
    await page.getByTestId('journey-next').click();
    await look(page, language, 'register.email');
    await page.getByTestId('email').fill('person@example.sa');
    await page.getByTestId('email-confirmation').fill('person@example.sa');
    await page.getByTestId('journey-next').click();
    await look(page, language, 'register.language');
    await page.getByTestId(`journey-language-${language}`).click();
    await look(page, language, 'register.terms');
    await page.getByTestId('journey-accept-terms').click();
    await look(page, language, 'register.code.entry');
    await enterCode(page, demo, person.mobile);
    await look(page, language, 'register.registered');
    await expect(page.getByTestId('masked-username')).toHaveText(`${username.slice(0, 2)}${'*'.repeat(username.length - 3)}${username.slice(-1)}`);
    if (language === 'ar') {
      // On a kiosk the account is activated at once, the ID already known.
      await page.getByTestId('journey-activate-now').click();
      await placeFingerWhenAsked(page, demo, person.idNumber);
      await look(page, language, 'activate.terms');
      await page.getByTestId('journey-accept-terms').click();
      await reach(page, 'activate.mobile');
      await page.getByTestId('journey-confirm-activation').click();
      await reach(page, 'activate.code.entry');
      await enterCode(page, demo, person.mobile, 0);
      await reach(page, 'activate.activated.finished');
      await expect(page.getByTestId('step-title')).toHaveText('تم تفعيل حسابك');
    } else {
      await page.getByTestId('journey-finish').click();
      await look(page, language, 'register.done.finished');
    }
    await saveSteps(page, `happy-register-${language}`);
    await finishAndCheckWiped(page, [...tracesOf(person), username]);
  });

  test(`activate by fingerprint (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.abeer : people.rajeshResident;
    await openKiosk(page, demo, language);
    await startService(page, 'activate');
    await reach(page, 'activate.id');
    if (language === 'ar') {
      // The ID read from the card, which is handed back at the end.
      await page.getByTestId('journey-use-card').click();
      await look(page, language, 'activate.readCard');
      await insertCard(demo, cardOf(person.idNumber));
    } else {
      await submitId(page, person.idNumber);
    }
    await placeFingerWhenAsked(page, demo, person.idNumber);
    await look(page, language, 'activate.terms');
    await expect(page.getByTestId('step-title')).toContainText(language === 'ar' ? person.nameAr : person.nameEn);
    await page.getByTestId('journey-accept-terms').click();
    await look(page, language, 'activate.mobile');
    await expect(page.getByTestId('masked-mobile')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
    await page.getByTestId('journey-confirm-activation').click();
    await look(page, language, 'activate.code.entry');
    await enterCode(page, demo, person.mobile);
    if (language === 'ar') {
      // The card comes back before the outcome: "take your card".
      await expect(page.getByTestId('screen-journey')).toHaveAttribute('data-step', 'activate.activated.returningCard');
      await expect(page.getByTestId('take-card')).toBeVisible();
      await lookAtStep(page, language);
      await takeCard(demo);
    }
    await look(page, language, 'activate.activated.finished');
    await saveSteps(page, `happy-activate-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });

  test(`sign in, see my services, sign out (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.faisal : people.anita;
    await openKiosk(page, demo, language);
    await startService(page, 'signIn');
    await look(page, language, 'signIn.credentials');
    // Arabic: by username; English: by ID number (RULES.md: the field takes either).
    await page.getByTestId('login').fill(language === 'ar' ? person.username : person.idNumber);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('journey-next').click();
    await look(page, language, 'signIn.code.entry');
    await enterCode(page, demo, person.mobile);
    await look(page, language, 'signIn.signedIn');
    await expect(page.getByTestId('signed-in-home')).toContainText(language === 'ar' ? person.nameAr : person.nameEn);
    // The catalogue's signed-in services: its inquiries and forms open here, and so do the edits of the person's information (journeys of their own); none is unavailable.
    await expect(page.getByTestId('service-trafficViolations')).toHaveAttribute('data-available', 'true');
    await expect(page.getByTestId('service-changeAddress')).toHaveAttribute('data-available', 'true');
    await expect(page.locator('[data-testid="signed-in-home"] [data-available="false"]')).toHaveCount(0);
    await page.getByTestId('journey-sign-out').click();
    await look(page, language, 'signIn.signedOut.finished');
    await saveSteps(page, `happy-signIn-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });

  test(`recover password (${language === 'ar' ? 'fingerprint' : 'mobile and security question'}, ${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.faisal : people.anita;
    await openKiosk(page, demo, language);
    await startService(page, 'recoverPassword');
    await reach(page, 'recoverPassword.id');
    await submitId(page, person.idNumber);
    await look(page, language, 'recoverPassword.fingerprint.capturing');
    await expect(page.getByTestId('journey-alternative')).toBeVisible();
    if (language === 'ar') {
      await placeFingerWhenAsked(page, demo, person.idNumber);
    } else {
      await page.getByTestId('journey-alternative').click();
      await look(page, language, 'recoverPassword.mobile');
      await tapDigits(page, `0${person.mobile.slice(4)}`);
      await page.getByTestId('journey-next').click();
      await look(page, language, 'recoverPassword.question');
      await page.getByTestId('security-answer').fill(people.anita.answer);
      await page.getByTestId('journey-next').click();
    }
    await look(page, language, 'recoverPassword.newPassword');
    await page.getByTestId('new-password').fill('Oasis4Palm');
    await page.getByTestId('new-password-confirmation').fill('Oasis4Palm');
    await page.getByTestId('journey-next').click();
    await look(page, language, 'recoverPassword.code.entry');
    await enterCode(page, demo, person.mobile);
    await look(page, language, 'recoverPassword.updated.finished');
    await expect(page.getByTestId('step-title')).toHaveText(language === 'ar' ? 'تم تحديث كلمة المرور بنجاح' : 'Password updated successfully');
    await saveSteps(page, `happy-recoverPassword-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });

  test(`recover username (${language === 'ar' ? 'fingerprint' : 'mobile and code'}, ${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.faisal : people.anita;
    await openKiosk(page, demo, language);
    await startService(page, 'recoverUsername');
    await reach(page, 'recoverUsername.id');
    await submitId(page, person.idNumber);
    if (language === 'ar') await placeFingerWhenAsked(page, demo, person.idNumber);
    if (language === 'en') {
      await reach(page, 'recoverUsername.fingerprint.capturing');
      await page.getByTestId('journey-alternative').click();
      await look(page, language, 'recoverUsername.mobile');
      await tapDigits(page, `0${person.mobile.slice(4)}`);
      await page.getByTestId('journey-next').click();
      await look(page, language, 'recoverUsername.code.entry');
      await enterCode(page, demo, person.mobile);
    }
    await look(page, language, 'recoverUsername.recovered.finished');
    await expect(page.getByTestId('masked-username')).toHaveText(`${person.username.slice(0, 2)}${'*'.repeat(person.username.length - 3)}${person.username.slice(-1)}`);
    await expect(page.getByTestId('masked-mobile')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
    await saveSteps(page, `happy-recoverUsername-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });

  test(`update mobile number (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.faisal : people.anita;
    const newMobile = language === 'ar' ? '+966501234567' : '+966507654321';
    await openKiosk(page, demo, language);
    await startService(page, 'updateMobile');
    await reach(page, 'updateMobile.id');
    await submitId(page, person.idNumber);
    await placeFingerWhenAsked(page, demo, person.idNumber);
    await look(page, language, 'updateMobile.newMobile');
    await tapDigits(page, `0${newMobile.slice(4)}`);
    await page.getByTestId('journey-next').click();
    await look(page, language, 'updateMobile.code.entry');
    await expect(page.getByTestId('code-sent-to')).toHaveText(`05X XXX X${newMobile.slice(-3)}`);
    await enterCode(page, demo, newMobile);
    await look(page, language, 'updateMobile.changed.finished');
    await saveSteps(page, `happy-updateMobile-${language}`);
    await finishAndCheckWiped(page, [...tracesOf(person), newMobile, `0${newMobile.slice(4)}`]);
  });
}

export type { DemoKiosk };
