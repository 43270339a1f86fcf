import type { Page } from '@playwright/test';
import { generatePopulation } from '../../common/demo/population';
import { DEMO_MISRECORDED_ID_CARD_PAN } from '../../drivers/bankHost/customers';
import { cardOf, centralFault, labPost, people } from './journeyHelpers';
import {
  atmFault,
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
  reachAtm,
  takeBankCard,
  test,
  typeOnEpp,
  wrongPin,
} from './atmHelpers';
import type { DemoKiosk, Language } from './atmHelpers';

/**
 * What goes wrong at an ATM, in Arabic and English at 1024×768, each with
 * its own screen and the card's fate said in words: a wrong PIN (and then
 * the right one), three wrong PINs (the card kept), Cancel on the EPP, the
 * bank host down, central down (try again, or the card back), and the
 * bank's and central's refusals (expired card, a card linked to no ID, no
 * account, an account already active, an activation already requested), a
 * card that jams on its way back, and an EPP that fails the PIN block. Keys,
 * cards and faults through the lab. A spec in one language looks at its
 * screen in the other too (lookAtAtm), where the screen offers the switch.
 */

test.use({ viewport: atmViewport, screenshot: 'only-on-failure' });

const abeer = people.abeer;
const population = generatePopulation();
/** FEATURED person 3 (common/demo/population.ts): a citizen with a bank card whose ATM activation is already with central. */
const pendingBank = population.people[3]!;
/** The card holder whose account has no mobile on it (population.ts markNoMobileHolder). */
const noMobileHolder = population.people.find((person) => person.account?.withoutMobile)!;

async function start(page: Page, atm: DemoKiosk, language: Language): Promise<void> {
  await openAtm(page, atm);
  await chooseLanguage(page, atm, language);
}

/** The card goes back: take it, and the ending says what happened and that the card is back. */
async function cardBackAt(page: Page, atm: DemoKiosk, ending: string, outcome: string, language: Language, look = true): Promise<void> {
  await reachAtm(page, `atm.${ending}.returningCard`, { busy: true });
  await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', outcome);
  if (look) await lookAtAtm(page, atm, `${ending}-take-card`, language);
  await takeBankCard(atm);
  await reachAtm(page, `atm.${ending}.finished`);
  await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', outcome);
  await expect(page.getByTestId('atm-card-fate')).toHaveAttribute('data-card', 'taken');
  if (look) await lookAtAtm(page, atm, ending, language);
  await pressKey(atm, 'enter');
  await reachAtm(page, 'idle');
}

for (const language of ['ar', 'en'] as const) {
  test(`a wrong PIN, then the right one (${language}): the tries left are said, and the person goes on`, async ({ page, atm }) => {
    await start(page, atm, language);
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    await insertBankCard(atm, card);
    await typeOnEpp(atm, `${wrongPin(card.demoPin)} enter`);
    await reachAtm(page, 'atm.pin.wrong');
    await expect(page.getByTestId('atm-pin-wrong')).toContainText(language === 'ar' ? 'تبقّت لك محاولتان' : 'You have 2 more tries');
    await expect(page.getByTestId('atm-pin-dots')).toHaveAttribute('data-count', '0');
    await lookAtAtm(page, atm, 'pin-wrong', language);
    await typeOnEpp(atm, `${card.demoPin} enter`);
    await reachAtm(page, 'atm.menu');
    await chooseByKey(page, atm, 'status');
    await reachAtm(page, 'atm.status.shown');
    await expect(page.getByTestId('atm-account-state')).toHaveAttribute('data-state', 'registered');
    await lookAtAtm(page, atm, 'status-registered', language);
    await pressKey(atm, 'enter');
    await cardBackAt(page, atm, 'done', 'done', language, false);
  });

  test(`three wrong PINs (${language}): the ATM keeps the card, and says why and what to do`, async ({ page, atm }) => {
    await start(page, atm, language);
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    await insertBankCard(atm, card);
    for (const left of [2, 1]) {
      await typeOnEpp(atm, `${wrongPin(card.demoPin)} enter`);
      await reachAtm(page, 'atm.pin.wrong');
      await expect(page.getByTestId('atm-pin-wrong')).toContainText(language === 'ar' ? (left === 2 ? 'محاولتان' : 'محاولة واحدة') : left === 2 ? '2 more tries' : 'one more try');
    }
    await typeOnEpp(atm, `${wrongPin(card.demoPin)} enter`);
    await reachAtm(page, 'atm.retained.finished');
    await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', 'retained');
    // The outcome is about the card itself: no second line saying where it is.
    await expect(page.getByTestId('atm-card-fate')).toHaveCount(0);
    expect((await atmState(atm)).retainBin.count, 'the card is in the retain bin').toBe(1);
    await lookAtAtm(page, atm, 'retained', language);
  });

  test(`Cancel on the EPP while the PIN is typed (${language}): the card comes back, nothing changed`, async ({ page, atm }) => {
    await start(page, atm, language);
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    await insertBankCard(atm, card);
    await typeOnEpp(atm, card.demoPin.slice(0, 2));
    await expect(page.getByTestId('atm-pin-dots')).toHaveAttribute('data-count', '2');
    await typeOnEpp(atm, 'clear');
    await expect(page.getByTestId('atm-pin-dots')).toHaveAttribute('data-count', '0');
    await typeOnEpp(atm, `${card.demoPin.slice(0, 1)} cancel`);
    await cardBackAt(page, atm, 'cancelled', 'cancelled', language);
  });

  test(`the bank host down (${language}): its own screen, nothing changed, the card back`, async ({ page, atm }) => {
    await start(page, atm, language);
    await atmFault(atm, 'bankDown');
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    await insertBankCard(atm, card);
    await typeOnEpp(atm, `${card.demoPin} enter`);
    await cardBackAt(page, atm, 'bankUnavailable', 'bankUnavailable', language);
  });

  test(`central down (${language}): try again or take the card; when central is back, trying again goes on`, async ({ page, atm }) => {
    await start(page, atm, language);
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    await insertBankCard(atm, card);
    await typeOnEpp(atm, `${card.demoPin} enter`);
    await reachAtm(page, 'atm.menu');
    await chooseByKey(page, atm, 'activate');
    await reachAtm(page, 'atm.activate.terms');
    await centralFault(atm, 'down');
    await pressKey(atm, 'enter');
    await reachAtm(page, 'atm.activate.preview.unavailable', { timeout: 30_000 });
    await lookAtAtm(page, atm, 'central-down', language);
    await centralFault(atm, 'none');
    await pressKey(atm, 'enter');
    await reachAtm(page, 'atm.activate.confirm', { timeout: 30_000 });
    await pressKey(atm, 'cancel');
    await cardBackAt(page, atm, 'cancelled', 'cancelled', language, false);
  });
}

const refusals = [
  { name: 'an expired card', card: { status: 'expired' }, ending: 'cardExpired', language: 'ar' },
  { name: 'a card the bank links to no ID', card: { status: 'unlinked' }, ending: 'notLinked', language: 'en' },
  // Mohammed (1911234241) has no e-portal account; Faisal's is active already.
  { name: 'no account for the ID', card: { idLast4: '4241' }, ending: 'noAccount', language: 'en' },
  { name: 'an account already active', card: { idLast4: people.faisal.idNumber.slice(-4) }, ending: 'alreadyActive', language: 'ar' },
  { name: 'an activation already requested', card: { idLast4: pendingBank.idNumber.slice(-4) }, ending: 'alreadyRequested', language: 'en' },
  { name: 'an account with no mobile to send the SMS to', card: { idLast4: noMobileHolder.idNumber.slice(-4) }, ending: 'noMobile', language: 'ar' },
  // The bank vouches for the ID number it holds, mistyped: central refuses it, and the ATM has no words of its own for that.
  { name: 'a card the bank holds a mistyped ID number for', card: { pan: DEMO_MISRECORDED_ID_CARD_PAN }, ending: 'refused', language: 'en' },
] as const;

for (const refusal of refusals) {
  test(`${refusal.name} (${refusal.language}): said in words, the card back`, async ({ page, atm }) => {
    await start(page, atm, refusal.language);
    const card = await bankCard(atm, refusal.card);
    await insertBankCard(atm, card);
    await typeOnEpp(atm, `${card.demoPin} enter`);
    if (refusal.ending !== 'cardExpired' && refusal.ending !== 'notLinked') {
      // The bank vouches for the holder; central refuses when asked to activate.
      await reachAtm(page, 'atm.menu');
      await chooseByKey(page, atm, 'activate');
      await reachAtm(page, 'atm.activate.terms');
      await pressKey(atm, 'enter');
    }
    await cardBackAt(page, atm, refusal.ending, refusal.ending, refusal.language);
  });
}

test('the card jams on its way back (ar): the screen says it is stuck inside and that the bank will give it back', async ({ page, atm }) => {
  await start(page, atm, 'ar');
  const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
  await insertBankCard(atm, card);
  await typeOnEpp(atm, `${card.demoPin} enter`);
  await reachAtm(page, 'atm.menu');
  await atmFault(atm, 'cardJam');
  await pressKey(atm, 'cancel');
  await reachAtm(page, 'atm.cardJammed');
  await expect(page.getByTestId('atm-outcome')).toHaveAttribute('data-outcome', 'cardJammed');
  await expect(page.getByTestId('atm-title')).toHaveText('بطاقتك عالقة في الصراف');
  // The outcome is about the card itself: no second line saying where it is.
  await expect(page.getByTestId('atm-card-fate')).toHaveCount(0);
  expect((await atmState(atm)).reader.position, 'the card is still inside the reader').toBe('jammed');
  await lookAtAtm(page, atm, 'card-jammed', 'ar');
});

test('the EPP fails the PIN block (en): its own screen, nothing changed, the card back', async ({ page, atm }) => {
  await start(page, atm, 'en');
  const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
  await insertBankCard(atm, card);
  await atmFault(atm, 'eppError');
  await typeOnEpp(atm, `${card.demoPin} enter`);
  await cardBackAt(page, atm, 'deviceError', 'deviceError', 'en');
  expect((await atmState(atm)).bank.decisions, 'the bank was never asked').toEqual([]);
});

test('a card the ATM cannot read (ar): an ID card has no stripe; it comes back, and the screen says to use a bank card', async ({ page, atm }) => {
  await start(page, atm, 'ar');
  await expect.poll(async () => (await labPost(atm, '/atm/card/insert', { card: cardOf(abeer.idNumber) })).status, { message: 'the ATM takes the card', intervals: [100] }).toBe(200);
  await cardBackAt(page, atm, 'unreadableCard', 'unreadableCard', 'ar');
});

test('central lost while the status is checked and while the request is sent (en): try again, and each goes on once central is back', async ({ page, atm }) => {
  await start(page, atm, 'en');
  const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
  await insertBankCard(atm, card);
  await typeOnEpp(atm, `${card.demoPin} enter`);
  await reachAtm(page, 'atm.menu');
  await centralFault(atm, 'down');
  await chooseByKey(page, atm, 'status');
  await reachAtm(page, 'atm.status.checking.unavailable', { timeout: 30_000 });
  await centralFault(atm, 'none');
  await chooseByKey(page, atm, 'retry');
  await reachAtm(page, 'atm.status.shown', { timeout: 30_000 });
  await expect(page.getByTestId('atm-account-state')).toHaveAttribute('data-state', 'registered');
  await chooseByKey(page, atm, 'backToMenu');
  await reachAtm(page, 'atm.menu');
  await chooseByKey(page, atm, 'activate');
  await reachAtm(page, 'atm.activate.terms');
  await chooseByKey(page, atm, 'accept');
  await reachAtm(page, 'atm.activate.confirm');
  await centralFault(atm, 'down');
  await chooseByKey(page, atm, 'confirm');
  await reachAtm(page, 'atm.activate.requesting.unavailable', { timeout: 30_000 });
  await lookAtAtm(page, atm, 'central-down-request', 'en');
  await centralFault(atm, 'none');
  await chooseByKey(page, atm, 'retry');
  await reachAtm(page, 'atm.activate.received', { timeout: 30_000 });
  await chooseByKey(page, atm, 'finishTakeCard');
  await cardBackAt(page, atm, 'done', 'doneRequested', 'en', false);
});
