// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { AtmJourneyView, JourneyEventType, Language } from '../contract';
import kioskAr from '../locales/ar.json';
import kioskEn from '../locales/en.json';
import { installFakeSpeech } from '../../test/fakeSpeech';
import type { FakeSpeechSynthesis } from '../../test/fakeSpeech';
import ar from './locales/ar.json';
import en from './locales/en.json';
import { mountAtm, settle } from './testing/mountAtm';

/*
 * Speech at the ATM (headset convention) in the whole app against the fake
 * core, with a recording `window.speechSynthesis`: each screen said whole in
 * its language, every choice with where its key is, and never a digit.
 */

const stateListPath = new URL('../../../electron/core/journeys/stateList.ts', import.meta.url).pathname;
const { journeyStates } = (await import(/* @vite-ignore */ stateListPath)) as { journeyStates(service: string): string[] };

type Atm = Awaited<ReturnType<typeof mountAtm>>;
let atm: Atm | null = null;
let removeSpeech: (() => void) | null = null;
afterEach(() => {
  atm?.unmount();
  atm = null;
  removeSpeech?.();
  removeSpeech = null;
});

const messages = { ar, en } as const;
const kiosk = { ar: kioskAr, en: kioskEn } as const;
const anyDigit = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const everyEvent: JourneyEventType[] = ['CHOOSE_SERVICE', 'ACCEPT_TERMS', 'CONFIRM_ACTIVATION', 'PRINT_RECEIPT', 'FINISH', 'RETRY', 'BACK', 'CANCEL'];

async function started(language: Language = 'ar'): Promise<{ a: Atm; synth: FakeSpeechSynthesis }> {
  const fake = installFakeSpeech();
  removeSpeech = fake.remove;
  atm = await mountAtm();
  if (language === 'en') await press(atm, 'fdk05');
  return { a: atm, synth: fake.synth };
}

async function press(a: Atm, key: Parameters<Atm['core']['press']>[0]): Promise<void> {
  a.core.press(key);
  await settle();
}

/** Speech on with the key the idle screen draws for it (the third on the start edge: right in Arabic, left in English). */
async function speechOn(a: Atm): Promise<void> {
  await press(a, document.documentElement.lang === 'en' ? 'fdk03' : 'fdk07');
  expect(a.core.calls.find((c) => c.procedure === 'setAccessibility')?.input).toEqual({ speech: true });
}

async function show(a: Atm, view: Partial<AtmJourneyView> & Pick<AtmJourneyView, 'step'>): Promise<void> {
  a.core.showAtm(view);
  await settle();
}

const menu = { step: 'atm.menu', accepts: ['CHOOSE_SERVICE', 'CANCEL'] as JourneyEventType[], data: { cardLast4: '4417', card: 'inSlot' as const } };

describe('speech at the ATM', () => {
  it('is turned on by the key beside “Speech”, and says the screen whole: its words, then each choice with where its key is', async () => {
    const { a, synth } = await started('ar');
    expect(a.choiceAt('fdk07').attributes('data-testid')).toBe('atm-choice-speechOn');
    await speechOn(a);
    expect(synth.said[0]).toMatchObject({ text: kioskAr.speech.on, lang: 'ar-SA' });
    const idle = synth.said[1];
    expect(idle?.lang).toBe('ar-SA');
    expect(idle?.text.startsWith(`${ar.idle.title}. ${ar.idle.body} ${ar.idle.keys}`)).toBe(true);
    expect(idle?.text).toContain('مساعدة: اضغط المفتاح الأسفل على يمين الشاشة.');
    expect(idle?.text).toContain('الإنجليزية: اضغط المفتاح الأعلى على يمين الشاشة.');
    // Once on, the key says it is there to turn speech off, and "say it again" has a key of its own.
    expect(idle?.text).toContain('إيقاف القراءة الصوتية: اضغط المفتاح الثالث على يمين الشاشة.');
    expect(idle?.text).toContain('أعد القراءة: اضغط المفتاح الأعلى على يسار الشاشة.');
  });

  it('says the services menu in English: the services first, with their keys and the keypad’s keys, then help and the person’s settings', async () => {
    const { a, synth } = await started('en');
    await speechOn(a);
    const from = synth.said.length;
    await show(a, menu);
    const [said, ...more] = synth.said.slice(from);
    expect(more).toEqual([]);
    expect(said).toMatchObject({ lang: 'en-US' });
    expect(said?.text).toBe(
      [
        `${en.menu.title}. ${en.menu.body}`,
        'Activate my account: press the top key on the right of the screen.',
        'Account activation status: press the second key on the right of the screen.',
        'Cancel and take my card: press the bottom key on the left of the screen, or Cancel on the keypad.',
        'Help: press the third key on the right of the screen.',
        'Arabic: press the top key on the left of the screen.',
        'High contrast, large text: press the second key on the left of the screen.',
        'Speech off: press the third key on the left of the screen.',
        'Say it again: press the bottom key on the right of the screen.',
      ].join(' '),
    );
  });

  it('says the menu again on “say it again”, and says nothing while speech is off', async () => {
    const { a, synth } = await started('ar');
    await show(a, menu);
    expect(synth.said).toEqual([]);
    await press(a, 'fdk07');
    const said = synth.said.at(-1)?.text;
    expect(said).toContain(ar.menu.title);
    expect(said).toContain('تفعيل حسابي: اضغط المفتاح الأعلى على يسار الشاشة.');
    const count = synth.said.length;
    // "Say it again" sits beside the bottom key of the end edge on the menu: the left one in Arabic.
    expect(a.choiceAt('fdk04').attributes('data-testid')).toBe('atm-choice-repeat');
    await press(a, 'fdk04');
    expect(synth.said).toHaveLength(count + 1);
    expect(synth.said.at(-1)?.text).toBe(said);
  });

  it('the PIN: each key press is “entered” and Clear “cleared”, never a digit nor how many; a wrong PIN says the tries left in words', async () => {
    const { a, synth } = await started('en');
    await speechOn(a);
    await show(a, { step: 'atm.pin.entry', accepts: ['CANCEL'], data: { pinDigits: 0, cardLast4: '4417', card: 'inSlot' } });
    expect(synth.said.at(-1)?.text.startsWith(`${en.pin.title}. ${en.pin.help}`)).toBe(true);
    const from = synth.said.length;
    for (let digits = 1; digits <= 4; digits += 1) await show(a, { step: 'atm.pin.entry', accepts: ['CANCEL'], data: { pinDigits: digits, cardLast4: '4417', card: 'inSlot' } });
    await show(a, { step: 'atm.pin.entry', accepts: ['CANCEL'], data: { pinDigits: 0, cardLast4: '4417', card: 'inSlot' } });
    expect(synth.textsSince(from)).toEqual([kioskEn.speech.entered, kioskEn.speech.entered, kioskEn.speech.entered, kioskEn.speech.entered, kioskEn.speech.cleared]);
    await show(a, { step: 'atm.pin.wrong', accepts: ['CANCEL'], error: { code: 'pin_wrong', retryable: true }, data: { pinDigits: 0, attemptsRemaining: 2, cardLast4: '4417' } });
    const wrong = synth.said.at(-1)?.text ?? '';
    expect(wrong).toContain(en.pin.wrongSpoken.two);
    // Said once, with the screen: the alert is not said a second time.
    expect(synth.said.filter((s) => s.text.includes(en.pin.wrongSpoken.two))).toHaveLength(1);
  });

  it('the confirmation says which ID and mobile without reading them: “the ID number your bank holds for this card”', async () => {
    const { a, synth } = await started('ar');
    await speechOn(a);
    await show(a, { step: 'atm.activate.confirm', accepts: ['CONFIRM_ACTIVATION', 'BACK', 'CANCEL'], data: { idNumberMasked: '******0008', maskedMobile: '05X XXX X580', cardLast4: '4417' } });
    const said = synth.said.at(-1)?.text ?? '';
    expect(a.find('atm-id-masked').text()).toBe('******0008');
    expect(said).toContain(`${ar.confirm.id}. ${ar.confirm.idSpoken}`);
    expect(said).toContain(`${ar.confirm.mobile}. ${ar.confirm.mobileSpoken}`);
    expect(said).toContain('تأكيد: اضغط المفتاح الأسفل على يسار الشاشة، أو مفتاح إدخال في لوحة المفاتيح.');
    expect(said).not.toMatch(anyDigit);
  });
});

describe('help at the ATM', () => {
  it('opens from the menu by its key, lists what the menu offers and how to get the card back, in Arabic and English; Clear goes back', async () => {
    const { a, synth } = await started('ar');
    await speechOn(a);
    await show(a, menu);
    // Help is the third key on the end edge: the left one in Arabic.
    await press(a, 'fdk03');
    expect(a.find('screen-atm').attributes('data-place')).toBe('help');
    const listed = a.find('atm-help-services').findAll('li');
    expect(listed.map((li) => li.attributes('data-service'))).toEqual(['atmActivate', 'atmStatus']);
    expect(listed[0]?.text()).toContain(ar.choices.activate);
    expect(a.find('atm-help-card').text()).toBe(ar.help.cardIn);
    const said = synth.said.at(-1)?.text ?? '';
    expect(said.startsWith(`${ar.help.title}. ${ar.help.offers}`)).toBe(true);
    expect(said).toContain(`${ar.choices.activate}. ${ar.help.services.activate}`);
    expect(said).toContain(ar.help.cardIn);
    expect(said).toContain('إغلاق المساعدة: اضغط المفتاح الأسفل على يسار الشاشة، أو مفتاح مسح في لوحة المفاتيح.');
    expect(said).not.toMatch(anyDigit);

    await press(a, 'fdk05');
    expect(document.documentElement.lang).toBe('en');
    expect(a.find('atm-help-card').text()).toBe(en.help.cardIn);
    expect(synth.said.at(-1)?.text.startsWith(`${en.help.title}. ${en.help.offers}`)).toBe(true);

    await press(a, 'clear');
    expect(a.find('screen-atm').attributes('data-screen')).toBe('menu');
    expect(synth.said.at(-1)?.text.startsWith(en.menu.title)).toBe(true);
    expect(a.journeyEvents()).toEqual([]);
  });

  it('before a card: help says to insert one; Cancel on the help over the menu hands the card back', async () => {
    const { a } = await started('en');
    await press(a, 'fdk04');
    expect(a.find('screen-atm').attributes('data-place')).toBe('help');
    expect(a.find('atm-help-card').text()).toBe(en.help.noCard);
    await show(a, menu);
    // The card went in: help went with the screen it was opened on.
    expect(a.find('screen-atm').attributes('data-screen')).toBe('menu');
    await press(a, 'fdk07');
    expect(a.find('screen-atm').attributes('data-place')).toBe('help');
    await press(a, 'cancel');
    expect(a.journeyEvents()).toEqual([{ type: 'CANCEL' }]);
  });
});

/** Realistic data for any ATM step: masked IDs and mobiles, the card's last four, PIN counts, tries, states, receipts, errors. */
const viewData = fc.record({
  idNumberMasked: fc.stringMatching(/^[12]\d{9}$/).map((id) => `******${id.slice(-4)}`),
  maskedMobile: fc.stringMatching(/^\d{3}$/).map((tail) => `05X XXX X${tail}`),
  cardLast4: fc.stringMatching(/^\d{4}$/),
  pinDigits: fc.integer({ min: 0, max: 12 }),
  attemptsRemaining: fc.integer({ min: 0, max: 5 }),
  accountState: fc.constantFrom('none', 'registered', 'pending_bank', 'active', 'locked'),
  card: fc.constantFrom('inSlot', 'presented', 'taken', 'retained', 'failed'),
  receipt: fc.option(fc.constantFrom('printed', 'failed', 'unavailable'), { nil: undefined }),
  pinLength: fc.constant({ min: 4, max: 12 }),
});
const viewError = fc.option(
  fc.record({ code: fc.constantFrom('pin_wrong', 'pin_timeout', 'pin_tries_exhausted', 'central_unavailable', 'bank_unavailable', 'card_expired', 'epp_error'), retryable: fc.boolean() }),
  { nil: null },
);

describe('no digit is ever spoken at the ATM', () => {
  it('on any step of the atm machine, in Arabic or English, whatever the data (a property over the screen table)', async () => {
    const steps = journeyStates('atm');
    for (const language of ['ar', 'en'] as const) {
      const { a, synth } = await started(language);
      await speechOn(a);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...steps), viewData, viewError, async (step, data, error) => {
          const from = synth.said.length;
          await show(a, { step, data, error, accepts: everyEvent, busy: false });
          // Whatever was said (a new step is said whole; the same one again says only what changed), in the screen's voice and without a digit.
          for (const utterance of synth.said.slice(from)) {
            expect(utterance.lang).toBe(language === 'ar' ? 'ar-SA' : 'en-US');
            expect(utterance.text, `${step}: ${utterance.text}`).not.toMatch(anyDigit);
          }
        }),
        { numRuns: 120 },
      );
      // Every step at least once in each language, beyond the random draws.
      for (const step of steps) {
        await show(a, { step, data: { idNumberMasked: '******0008', maskedMobile: '05X XXX X580', cardLast4: '4417', pinDigits: 3, attemptsRemaining: 2, receipt: 'printed', accountState: 'pending_bank' }, accepts: everyEvent });
      }
      expect(synth.said.length).toBeGreaterThan(steps.length);
      expect(synth.said.filter((s) => anyDigit.test(s.text))).toEqual([]);
      expect(synth.said.some((s) => s.text.includes(messages[language].takeCard.title))).toBe(true);
      expect(synth.said.some((s) => s.text.includes(kiosk[language].speech.on))).toBe(true);
      atm?.unmount();
      atm = null;
      removeSpeech?.();
      removeSpeech = null;
    }
  });
});
