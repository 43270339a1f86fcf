import type { Page } from '@playwright/test';
import { labPost, people } from './journeyHelpers';
import {
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
} from './atmHelpers';
import type { Language } from './atmHelpers';
import { expectSaid, recordSpeech, saidSoFar } from './speechHelpers';
import type { Said } from './speechHelpers';

/**
 * Speech at a bank ATM (issue 12 item 6), the headset convention, in Arabic
 * and English at 1024×768: the person turns the voice on with the key beside
 * "Speech", works the ATM with the keys beside the screen and the EPP alone,
 * hears every screen with each choice and where its key is, hears each PIN
 * key as "entered" and never a digit, opens help with its key (the ATM's
 * services and how to get the card back), goes back with Clear, and asks for
 * the menu again. Or plugs headphones into the ATM's audio jack (the lab's
 * XFS4IoT EPP reports its Auxiliaries sensor) and the voice comes on by
 * itself. A recording `speechSynthesis` stands in for the browser's.
 */

test.use({ viewport: atmViewport, screenshot: 'only-on-failure' });

const anyDigit = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const voiceOf = { ar: 'ar-SA', en: 'en-US' } as const;
/** What the person hears, by language (renderer/src/atm/locales, renderer/src/locales: speech.*). */
const words = {
  ar: {
    speechOn: 'تم تشغيل القراءة الصوتية.',
    idle: 'أدخل بطاقتك المصرفية',
    entered: 'تم الإدخال',
    pin: 'أدخل رقمك السري',
    menu: 'البوابة الإلكترونية لوزارة الداخلية',
    activate: 'تفعيل حسابي: اضغط المفتاح الأعلى على يسار الشاشة.',
    help: 'مساعدة',
    helpOffers: 'يقدّم هذا الصراف خدمات وزارة الداخلية الإلكترونية التالية:',
    helpCard: 'زر إلغاء في لوحة المفاتيح يوقف العملية في أي وقت ويعيد إليك بطاقتك',
  },
  en: {
    speechOn: 'Speech is on.',
    idle: 'Insert your bank card',
    entered: 'entered',
    pin: 'Enter your PIN',
    menu: 'Ministry of Interior e-portal',
    activate: 'Activate my account: press the top key on the right of the screen.',
    help: 'Help',
    helpOffers: 'This ATM offers these Ministry of Interior e-services:',
    helpCard: 'Cancel on the keypad stops at any time and gives your card back',
  },
} as const;

const abeer = people.abeer;

/** Everything said so far, as one list of texts (for "never a digit"). */
const textsSaid = async (page: Page): Promise<string[]> => (await saidSoFar(page)).map((s: Said) => s.text);

for (const language of ['ar', 'en'] as const satisfies readonly Language[]) {
  test(`speech at the ATM (${language}): on by its key, the PIN as "entered", the menu said with its keys, help by its key and back with Clear, said again on request; never a digit`, async ({ page, atm }) => {
    const w = words[language];
    await recordSpeech(page);
    await openAtm(page, atm);
    await chooseLanguage(page, atm, language, 'key');
    expect(await saidSoFar(page), 'nothing is said before speech is on').toEqual([]);

    // The headset's voice, on by the key beside "Speech" on the first screen.
    await chooseByKey(page, atm, 'speechOn');
    await expect(page.getByTestId('atm-choice-speechOff')).toBeVisible();
    await expectSaid(page, 0, (s) => s.text.startsWith(w.speechOn) && s.lang === voiceOf[language], 'speech is on');
    await expectSaid(page, 0, (s) => s.text.startsWith(w.idle) && s.lang === voiceOf[language], 'the waiting screen');

    // The PIN on the EPP: each key "entered", the PIN itself never.
    const card = await bankCard(atm, { idLast4: abeer.idNumber.slice(-4) });
    let from = (await saidSoFar(page)).length;
    await insertBankCard(atm, card);
    await reachAtm(page, 'atm.pin.entry');
    await expectSaid(page, from, (s) => s.text.startsWith(w.pin), 'the PIN prompt');
    from = (await saidSoFar(page)).length;
    await typeOnEpp(atm, card.demoPin);
    await expect(page.getByTestId('atm-pin-dots')).toHaveAttribute('data-count', String(card.demoPin.length));
    await expect.poll(async () => (await saidSoFar(page)).slice(from).filter((s) => s.text === w.entered).length, { message: 'one "entered" per key' }).toBe(card.demoPin.length);
    await pressKey(atm, 'enter');
    await reachAtm(page, 'atm.menu');

    // The menu: its words, then each service with the key beside it.
    const menu = await expectSaid(page, from, (s) => s.text.startsWith(w.menu), 'the services menu');
    expect(menu.text).toContain(w.activate);
    expect(menu.lang).toBe(voiceOf[language]);

    // Help, by its key: the ATM's services and how to get the card back, said and shown.
    from = (await saidSoFar(page)).length;
    await chooseByKey(page, atm, 'help');
    await expect(page.getByTestId('screen-atm')).toHaveAttribute('data-place', 'help');
    await expect(page.getByTestId('atm-help-services').locator('li')).toHaveCount(2);
    const help = await expectSaid(page, from, (s) => s.text.startsWith(`${w.help}. ${w.helpOffers}`), 'the help screen');
    expect(help.text).toContain(w.helpCard);
    await lookAtAtm(page, atm, 'help', language);

    // Clear goes back to the menu, which is said again; "say it again" says it once more.
    from = (await saidSoFar(page)).length;
    await pressKey(atm, 'clear');
    await expect(page.getByTestId('screen-atm')).toHaveAttribute('data-screen', 'menu');
    await expectSaid(page, from, (s) => s.text.startsWith(w.menu), 'the menu after help');
    from = (await saidSoFar(page)).length;
    await chooseByKey(page, atm, 'repeat');
    await expectSaid(page, from, (s) => s.text.startsWith(w.menu) && s.text.includes(w.activate), 'the menu again');

    // Cancel hands the card back.
    await pressKey(atm, 'cancel');
    await takeBankCard(atm);
    await reachAtm(page, 'atm.cancelled.finished');

    const said = await textsSaid(page);
    expect(said.filter((text) => anyDigit.test(text)), 'no digit was ever said').toEqual([]);
    expect(said.join(' ')).not.toContain(card.demoPin);
  });
}

for (const language of ['ar', 'en'] as const satisfies readonly Language[]) {
  test(`speech at the ATM (${language}): headphones into the audio jack turn the voice on by themselves, out turns it off`, async ({ page, atm }) => {
    const w = words[language];
    await recordSpeech(page);
    await openAtm(page, atm);
    await chooseLanguage(page, atm, language, 'key');
    expect((await labPost(atm, '/atm/headset', { plugged: true })).status).toBe(200);
    await expect(page.getByTestId('atm-choice-speechOff')).toBeVisible();
    await expectSaid(page, 0, (s) => s.text.startsWith(w.speechOn) && s.lang === voiceOf[language], 'speech is on');
    await expectSaid(page, 0, (s) => s.text.startsWith(w.idle) && s.lang === voiceOf[language], 'the waiting screen');

    expect((await labPost(atm, '/atm/headset', { plugged: false })).status).toBe(200);
    await expect(page.getByTestId('atm-choice-speechOn')).toBeVisible();
    const from = (await saidSoFar(page)).length;
    await chooseByKey(page, atm, 'help');
    await expect(page.getByTestId('screen-atm')).toHaveAttribute('data-place', 'help');
    expect((await saidSoFar(page)).slice(from), 'nothing is said once the headphones are out').toEqual([]);
  });
}
