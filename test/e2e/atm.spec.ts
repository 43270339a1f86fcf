import type { Page } from '@playwright/test';
import { centralFault, centralHolds, centralSlow, people, skipAhead, smsMessages } from './journeyHelpers';
import {
  atmState,
  atmViewport,
  bankCard,
  chooseByKey,
  chooseLanguage,
  expect,
  insertBankCard,
  lookAtAtm,
  openAtm,
  pressKey,
  printedAtmReceipt,
  reachAtm,
  takeBankCard,
  test,
  typeOnEpp,
} from './atmHelpers';
import type { DemoKiosk, Language } from './atmHelpers';

/**
 * Activating an e-portal account at a bank ATM (issue 12), in Arabic and
 * English, at an ATM's 1024×768: the card in the slot, the PIN typed on the
 * EPP (through the lab: the kiosk never has it), the MOI e-services menu, the
 * terms, the ID and mobile central holds (masked), confirm, "an SMS will
 * follow", a receipt, the card back — then the demo operator's "activate
 * now" in the dev dock, and the account is active. And the same journey with
 * the keys beside the screen alone, no touch at all.
 */

test.use({ viewport: atmViewport, screenshot: 'only-on-failure' });

const abeer = people.abeer;
const maskedMobile = `05X XXX X${abeer.mobile.slice(-3)}`;

/** Card in, PIN on the EPP, the bank says yes: the MOI e-services menu. */
async function toMenu(page: Page, atm: DemoKiosk, language: Language, look = false): Promise<void> {
  const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
  await insertBankCard(atm, card);
  await reachAtm(page, 'atm.pin.entry');
  await expect(page.getByTestId('atm-card-last4')).toContainText(card.panLast4);
  await typeOnEpp(atm, card.demoPin.slice(0, 2));
  await expect(page.getByTestId('atm-pin-dots')).toHaveAttribute('data-count', '2');
  if (look) await lookAtAtm(page, atm, 'pin', language);
  await typeOnEpp(atm, `${card.demoPin.slice(2)} enter`);
  await reachAtm(page, 'atm.menu');
}

for (const language of ['ar', 'en'] as const) {
  test(`activate at the ATM (${language}): card, PIN, menu, terms, the masked ID and mobile, confirm, "an SMS will follow", a receipt, the card back; "activate now" in the dock, and the account is active`, async ({ page, atm }) => {
    await openAtm(page, atm);
    await chooseLanguage(page, atm, language, 'touch');
    await lookAtAtm(page, atm, 'idle', language);
    await toMenu(page, atm, language, true);
    await lookAtAtm(page, atm, 'menu', language);

    await page.getByTestId('atm-choice-activate').click();
    await reachAtm(page, 'atm.activate.terms');
    await lookAtAtm(page, atm, 'terms', language);
    // Central holds the preview a moment: the working screen, as the person sees it.
    await centralSlow(atm, 60_000);
    await page.getByTestId('atm-choice-accept').click();
    await reachAtm(page, 'atm.activate.preview.calling', { busy: true });
    await centralHolds(atm, '/v1/citizens/activations/bank/preview');
    await lookAtAtm(page, atm, 'busy', language);
    await centralFault(atm, 'none');

    await reachAtm(page, 'atm.activate.confirm');
    await expect(page.getByTestId('atm-id-masked')).toHaveText(`******${abeer.idNumber.slice(-4)}`);
    await expect(page.getByTestId('atm-mobile-masked')).toHaveText(maskedMobile);
    await lookAtAtm(page, atm, 'confirm', language);
    await page.getByTestId('atm-choice-confirm').click();
    await reachAtm(page, 'atm.activate.received');
    await expect(page.getByTestId('atm-received-body')).toContainText(language === 'ar' ? 'خلال يومين' : 'within two days');
    await expect(page.getByTestId('atm-received-body')).toContainText(maskedMobile);
    await page.getByTestId('atm-choice-receipt').click();
    await reachAtm(page, 'atm.done.returningCard', { busy: true });
    expect((await atmState(atm)).printer.receipts, 'the receipt came out of the ATM’s printer').toBe(1);
    // Drawn from the kiosk's receipt template at the ATM printer's 80 mm (576 dots), cut off: a receipt's length of paper.
    const receipt = await printedAtmReceipt(atm, language);
    expect(receipt.width).toBe(576);
    expect(receipt.height).toBeGreaterThan(300);
    await lookAtAtm(page, atm, 'take-card', language);
    await takeBankCard(atm);
    await reachAtm(page, 'atm.done.finished');
    await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', 'doneRequested');
    await expect(page.getByTestId('atm-card-fate')).toHaveAttribute('data-card', 'taken');
    await lookAtAtm(page, atm, 'done', language);
    await page.getByTestId('atm-choice-done').click();
    await reachAtm(page, 'idle');
    expect(await page.content(), 'nothing of the person left on screen').not.toContain(abeer.idNumber.slice(-4));

    // The demo operator's "activate now": central activates it and sends the SMS.
    const smsBefore = (await smsMessages(atm, abeer.mobile)).length;
    await page.getByTestId('dev-dock-open').click();
    await expect(page.getByTestId(`dev-dock-atm-pending-${abeer.idNumber}`), 'central holds the request').toBeVisible();
    await page.getByTestId('dev-dock-atm-run-activations').click();
    // The session is over: the dock speaks the kiosk's default language again.
    await expect(page.getByTestId('dev-dock-atm-notice')).toHaveText('نُفّذت التفعيلات المنتظرة: أُرسلت الرسالة النصية.');
    await expect(page.getByTestId(`dev-dock-atm-pending-${abeer.idNumber}`)).toHaveCount(0);
    await page.getByTestId('dev-dock-close').click();
    expect((await smsMessages(atm, abeer.mobile)).length).toBe(smsBefore + 1);

    // The same card at the ATM again (a new session: the language chosen again): the status says active.
    await chooseLanguage(page, atm, language, 'touch');
    await toMenu(page, atm, language);
    await page.getByTestId('atm-choice-status').click();
    await reachAtm(page, 'atm.status.shown');
    await expect(page.getByTestId('atm-account-state')).toHaveAttribute('data-state', 'active');
    await lookAtAtm(page, atm, 'status-active', language);
  });

  test(`the keys beside the screen alone (${language}): the whole activation with no touch at all`, async ({ page, atm }) => {
    await page.addInitScript(() => {
      const touches: string[] = [];
      (window as unknown as { __touches: string[] }).__touches = touches;
      for (const type of ['pointerdown', 'click', 'touchstart', 'keydown']) document.addEventListener(type, () => touches.push(type), { capture: true });
    });
    await page.goto(atm.url);
    await expect(page.getByTestId('screen-atm')).toHaveAttribute('data-place', 'idle', { timeout: 30_000 });
    await chooseLanguage(page, atm, language, 'key');
    await toMenu(page, atm, language);
    // "Activate my account" is the top key of the end side: fdk01 in Arabic (left edge), fdk05 in English (right edge).
    expect(await page.getByTestId('atm-choice-activate').getAttribute('data-fdk')).toBe(language === 'ar' ? 'fdk01' : 'fdk05');
    await chooseByKey(page, atm, 'activate');
    await reachAtm(page, 'atm.activate.terms');
    // Clear goes back, Enter goes on.
    await pressKey(atm, 'clear');
    await reachAtm(page, 'atm.menu');
    await chooseByKey(page, atm, 'activate');
    await reachAtm(page, 'atm.activate.terms');
    await pressKey(atm, 'enter');
    await reachAtm(page, 'atm.activate.confirm');
    await pressKey(atm, 'enter');
    await reachAtm(page, 'atm.activate.received');
    await pressKey(atm, 'enter');
    await takeBankCard(atm);
    await reachAtm(page, 'atm.done.finished');
    // Central holds the request: the account waits for the bank's activation.
    await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', 'doneRequested');
    await pressKey(atm, 'enter');
    await reachAtm(page, 'idle');
    expect(await page.evaluate(() => (window as unknown as { __touches: string[] }).__touches), 'no touch, click or keyboard event reached the page').toEqual([]);
  });
}

test('at 1280×1024 too: the menu and the confirmation fit, choices beside their keys', async ({ page, atm }) => {
  await page.setViewportSize({ width: 1280, height: 1024 });
  await openAtm(page, atm);
  await toMenu(page, atm, 'ar');
  await lookAtAtm(page, atm, 'menu-1280', 'ar');
  await chooseByKey(page, atm, 'activate');
  await reachAtm(page, 'atm.activate.terms');
  await pressKey(atm, 'enter');
  await reachAtm(page, 'atm.activate.confirm');
  await lookAtAtm(page, atm, 'confirm-1280', 'ar');
  // Cancel on the EPP: the card back, and the ATM waits for the next one once it is taken.
  await pressKey(atm, 'cancel');
  await reachAtm(page, 'atm.cancelled.returningCard', { busy: true });
  await takeBankCard(atm);
  await reachAtm(page, 'atm.cancelled.finished');
});

test('a card not taken is kept, and the person is told how to get it back', async ({ page, atm }) => {
  await openAtm(page, atm);
  await toMenu(page, atm, 'ar');
  await pressKey(atm, 'cancel');
  await reachAtm(page, 'atm.cancelled.returningCard', { busy: true });
  await expect.poll(async () => (await atmState(atm)).reader.position).toBe('atExit');
  // Nobody takes it: the dock's "skip ahead" stands in for the half minute it waits.
  await skipAhead(page, 1);
  await reachAtm(page, 'atm.cancelled.finished');
  await expect(page.getByTestId('atm-card-fate')).toHaveAttribute('data-card', 'retained');
  expect((await atmState(atm)).retainBin.count).toBe(1);
  await lookAtAtm(page, atm, 'not-taken-kept', 'ar');
});
