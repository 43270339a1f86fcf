import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { e2eTimings } from './fixtures';
import {
  centralCall,
  centralFault,
  type DemoKiosk,
  expect,
  expectNothingOfThePerson,
  finishAndCheckWiped,
  labPost,
  type Language,
  lookAtStep,
  openKiosk,
  people,
  saveSteps,
  startDemoKiosk,
  test,
  tracesOf,
  signInByPassword,
} from './journeyHelpers';
import { printReceiptOnScreen } from './printedReceipt';

/**
 * The catalogue's inquiries and the objection form (issue 14) against the
 * real core, the browser host and the embedded central: a person with
 * results, a person with none, central down; the objection allowed, not
 * allowed, already made; a portal hand-off; an inquiry added to central's
 * catalogue and data only, found on the kiosk after its configuration
 * refresh; the idle timeout wiping a result. Every screen is looked at in
 * both languages and in high contrast with large text (lookAtStep).
 */

test.describe.configure({ timeout: 180_000 });

type Person = { idNumber: string; username: string; mobile: string; nameAr: string; nameEn: string };

async function signIn(page: Page, demo: DemoKiosk, language: Language, person: Person): Promise<void> {
  await signInByPassword(page, demo, language, person);
  await expect(page.getByTestId('signed-in-home')).toBeVisible();
}

/** Opens a catalogue service from the signed-in home and waits for its screen at `step`. */
async function openService(page: Page, service: string, step: string): Promise<void> {
  await expect(page.getByTestId(`service-${service}`)).toHaveAttribute('data-available', 'true', { timeout: 15_000 });
  await page.getByTestId(`service-${service}`).click();
  await serviceAt(page, step);
}

async function serviceAt(page: Page, step: string): Promise<void> {
  await expect(page.getByTestId('service-screen')).toHaveAttribute('data-step', step, { timeout: 20_000 });
}

for (const language of ['ar', 'en'] as const) {
  test(`an inquiry with results, one with none, and the screens wiped at the end (${language})`, async ({ page, demo }) => {
    const person = people.faisal;
    await signIn(page, demo, language, person);
    await openService(page, 'trafficViolations', 'result');
    const rows = page.getByTestId('service-row');
    expect(await rows.count()).toBeGreaterThan(1);
    // Numbers masked: the last four digits only.
    await expect(rows.first().locator('[data-key="violationNumber"] bdi')).toHaveText(/^\*{6}\d{4}$/);
    await expect(rows.first().locator('[data-key="amountSar"]')).toContainText(language === 'ar' ? 'ريال' : 'SAR');
    // The place in the screen's language (the national address city list): no "Riyadh" on an Arabic screen.
    await expect(rows.first().locator('[data-key="city"]')).toHaveText(language === 'ar' ? /^[\u0600-\u06FF ]+$/ : /^[A-Za-z ]+$/);
    await lookAtStep(page, language, '-svc-trafficViolations-result');
    // The result's receipt: what the screen shows, masked, on the lab printer's paper.
    await printReceiptOnScreen(page, demo, language, 'inquiry-trafficViolations');
    await lookAtStep(page, language, '-svc-trafficViolations-receipt-printed');
    await page.getByTestId('service-close').click();
    await expect(page.getByTestId('signed-in-home')).toBeVisible();

    // Faisal has no impounded vehicle: the inquiry says so in words.
    await openService(page, 'impoundedVehicles', 'result');
    await expect(page.getByTestId('service-empty')).toHaveText(language === 'ar' ? 'لا توجد مركبات محجوزة باسمك.' : 'None of your vehicles is impounded.');
    await lookAtStep(page, language, '-svc-impoundedVehicles-empty');
    await saveSteps(page, `services-inquiry-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });
}

test('central down: the inquiry says so and is tried again (en); a resident sees their sponsored workers', async ({ page, demo }) => {
  const person = people.anita as Person;
  await signIn(page, demo, 'en', person);
  await centralFault(demo, 'down');
  await page.getByTestId('service-sponsoredPersons').click();
  await serviceAt(page, 'failed');
  await expect(page.getByTestId('service-screen')).toContainText('The service cannot be reached right now.');
  await lookAtStep(page, 'en', '-svc-sponsoredPersons-down');
  await centralFault(demo, 'none');
  await page.getByTestId('service-retry').click();
  await serviceAt(page, 'result');
  await expect(page.getByTestId('service-row').first()).toBeVisible();
  await lookAtStep(page, 'en', '-svc-sponsoredPersons-result');

  // The printer out of paper: the result stands, and its receipt says why it cannot be printed (no SMS: central sends none of an inquiry).
  expect((await labPost(demo, '/printer/paper', { paper: 'out' })).status).toBe(200);
  await expect(page.getByTestId('receipt-choice')).toHaveAttribute('data-state', 'unavailable', { timeout: 15_000 });
  await expect(page.getByTestId('receipt-unavailable')).toContainText('A receipt cannot be printed now: the printer is out of paper.');
  await expect(page.getByTestId('receipt-sms')).toHaveCount(0);
  await lookAtStep(page, 'en', '-svc-sponsoredPersons-paper-out');
  // A roll that ends mid-receipt: told plainly, and a new roll lets the person try again.
  expect((await labPost(demo, '/printer/paper', { paper: 'ok' })).status).toBe(200);
  await expect(page.getByTestId('receipt-choice')).toHaveAttribute('data-state', 'offered', { timeout: 30_000 });
  expect((await labPost(demo, '/printer/paper', { paper: 'out', afterRows: 200 })).status).toBe(200);
  await page.getByTestId('receipt-print').click();
  await expect(page.getByTestId('receipt-failed')).toContainText('The printer could not print your receipt: the printer is out of paper.', { timeout: 60_000 });
  await expect(page.getByTestId('receipt-failed')).toContainText('Part of a receipt may have come out');
  await lookAtStep(page, 'en', '-svc-sponsoredPersons-receipt-failed');
  expect((await labPost(demo, '/printer/paper', { paper: 'ok' })).status).toBe(200);
  await expect(page.getByTestId('receipt-retry')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('receipt-retry').click();
  await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 60_000 });
  await finishAndCheckWiped(page, tracesOf(person));
});

for (const language of ['ar', 'en'] as const) {
  test(`the objection: allowed once, refused rows say why, then already objected (${language})`, async ({ page, demo }) => {
    const person = people.faisal;
    await signIn(page, demo, language, person);
    await openService(page, 'violationObjection', 'pick');
    const blocked = page.locator('[data-testid="pick-row"][data-eligible="false"]');
    await expect(blocked.first().getByTestId('pick-reason')).toContainText(language === 'ar' ? 'لا يمكن اختيارها' : 'Cannot be chosen');
    await lookAtStep(page, language, '-svc-objection-pick');
    await page.locator('[data-testid="pick-row"][data-eligible="true"]').first().getByTestId('pick-choose').click();
    await serviceAt(page, 'form');
    // Nothing chosen or typed: each field says what to fix.
    await page.getByTestId('service-next').click();
    await expect(page.getByTestId('field-errors')).toHaveCount(2);
    await lookAtStep(page, language, '-svc-objection-form-errors');
    await page.getByTestId('service-option-notTheDriver').click();
    await page.getByTestId('service-field-details').fill(language === 'ar' ? 'لم أكن أقود المركبة في ذلك اليوم' : 'I was not driving the car that day');
    await page.getByTestId('service-next').click();
    await serviceAt(page, 'confirm');
    await lookAtStep(page, language, '-svc-objection-confirm');
    await page.getByTestId('service-confirm').click();
    await serviceAt(page, 'done');
    await expect(page.getByTestId('service-result')).toContainText(/OBJ-[0-9A-F]{8}/);
    await lookAtStep(page, language, '-svc-objection-done');
    await printReceiptOnScreen(page, demo, language, 'form-violationObjection');
    await page.getByTestId('service-close').click();

    // The same violation again: already objected, and it cannot be chosen.
    await openService(page, 'violationObjection', 'pick');
    await expect(page.getByTestId('service-screen')).toContainText(language === 'ar' ? 'اعترضت عليها من قبل' : 'You have already objected to it');
    await expect(page.locator('[data-testid="pick-row"][data-eligible="true"]')).toHaveCount(0);
    await finishAndCheckWiped(page, tracesOf(person));
  });
}

/** What a tile of a service not built here says ("Coming soon to this kiosk"), read from the renderer's locales so the check follows their spelling. */
const notBuiltWords = (['ar', 'en'] as const).map((language) => {
  const messages = JSON.parse(readFileSync(new URL(`../../renderer/src/locales/${language}.json`, import.meta.url), 'utf8')) as { services: { reasons: { notBuilt: { short: string } } } };
  return messages.services.reasons.notBuilt.short;
});

test('a portal service shows what it is, what to bring and a QR code; an inquiry asks to sign in first (ar)', async ({ page, demo }) => {
  await openKiosk(page, demo, 'ar');
  await expect(page.locator('[data-testid^="service-"][data-available]')).not.toHaveCount(0);
  // Issue 14: no tile anywhere may still say "coming soon" — the renderer's own words for a service not built here, in either language.
  for (const words of notBuiltWords) await expect(page.getByText(words, { exact: false })).toHaveCount(0);
  await page.getByTestId('service-passportRenewal').click();
  await expect(page.getByTestId('portal-dialog')).toBeVisible();
  await expect(page.getByTestId('portal-needs').locator('li')).toHaveCount(3);
  await expect(page.getByTestId('portal-qr')).toBeVisible();
  await expect(page.getByTestId('portal-url')).toHaveText('https://portal.example.gov.sa/services/passportRenewal');
  await page.screenshot({ path: 'test-results/screenshots/services-portal-ar.png' });
  await page.getByTestId('portal-close').click();
  await page.getByTestId('service-search').fill('violation');
  await expect(page.getByTestId('service-trafficViolations')).toBeVisible();
  await page.getByTestId('service-trafficViolations').click();
  await expect(page.getByTestId('sign-in-first')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/services-sign-in-first.png' });
  await page.getByTestId('sign-in-first-go').click();
  await expect(page.getByTestId('screen-journey')).toHaveAttribute('data-step', 'signIn.credentials');
});

test('an inquiry added to central’s catalogue and data only works on the kiosk after its configuration refresh (en)', async ({ page, demo }) => {
  const person = people.faisal;
  const entry = {
    id: 'umrahPermits',
    group: 'general',
    order: 760,
    kind: 'inquiry',
    icon: 'document',
    title: { ar: 'تصاريح العمرة', en: 'Umrah permits' },
    description: { ar: 'تصاريح العمرة الصادرة لك', en: 'The Umrah permits issued to you' },
    audience: 'signedIn',
    devices: [],
    endpoints: ['runInquiry'],
    inputs: [],
    receipt: true,
    result: [
      {
        type: 'table',
        key: 'permits',
        columns: [
          { key: 'permitNumber', label: { ar: 'رقم التصريح', en: 'Permit number' }, type: 'maskedNumber' },
          { key: 'on', label: { ar: 'التاريخ', en: 'Date' }, type: 'date' },
          { key: 'status', label: { ar: 'الحالة', en: 'Status' }, type: 'status', statuses: { issued: { label: { ar: 'صادر', en: 'Issued' }, tone: 'ok' } } },
        ],
        empty: { ar: 'لا توجد تصاريح.', en: 'You have no permits.' },
      },
    ],
  };
  expect((await centralCall(demo, 'POST', '/dev/catalogue', { entry, records: [{ idNumber: person.idNumber, body: { permits: [{ permitNumber: '7766554433', on: '2026-12-20', status: 'issued' }] } }] })).status).toBe(200);
  await signIn(page, demo, 'en', person);
  // The kiosk's heartbeat sees a new configuration version (it carries the catalogue's) and fetches both.
  await expect(page.getByTestId('service-umrahPermits')).toHaveAttribute('data-available', 'true', { timeout: 75_000 });
  await page.getByTestId('service-umrahPermits').click();
  await serviceAt(page, 'result');
  await expect(page.getByTestId('service-row')).toHaveCount(1);
  await expect(page.locator('[data-key="permitNumber"] bdi')).toHaveText('******4433');
  await lookAtStep(page, 'en', '-svc-umrahPermits-result');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('the idle timeout wipes an inquiry’s result with the session (ar)', async ({ page }) => {
  const demo = await startDemoKiosk({ session: e2eTimings });
  try {
    const person = people.faisal;
    await signIn(page, demo, 'ar', person);
    await openService(page, 'vehicleInsurance', 'result');
    const plate = (await page.locator('[data-key="plate"] dd').first().textContent())?.trim() ?? '';
    expect(plate).not.toBe('');
    // No touch: the warning, then the attract screen, and nothing of the result anywhere.
    await expect(page.getByTestId('idle-warning')).toBeVisible({ timeout: 30_000 });
    await expectNothingOfThePerson(page, [...tracesOf(person), plate]);
  } finally {
    demo.process.kill('SIGTERM');
  }
});
