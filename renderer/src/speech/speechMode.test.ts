// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../../common/time';
import { defaultSpeechVolume, speechVolumeSteps } from '../contract';
import type { JourneyView } from '../contract';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import { fakeVoice, installFakeSpeech } from '../../test/fakeSpeech';
import type { FakeSpeechSynthesis } from '../../test/fakeSpeech';
import { mountKiosk, settle } from '../../test/mountKiosk';

/**
 * Speech mode in the whole app against the fake core, with a recording
 * `window.speechSynthesis`: what is said, in which voice language and how
 * loud, and what is never said.
 */

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
let removeSpeech: (() => void) | null = null;

afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
  removeSpeech?.();
  removeSpeech = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const neutralWords = new Set([ar.speech.entered, ar.speech.deleted, ar.speech.cleared, en.speech.entered, en.speech.deleted, en.speech.cleared]);

async function start(options: { speech?: boolean } = {}): Promise<{ k: Kiosk; synth: FakeSpeechSynthesis }> {
  const fake = installFakeSpeech();
  removeSpeech = fake.remove;
  kiosk = await mountKiosk();
  kiosk.core.availableServices.add('signIn');
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  if (options.speech) await tap(kiosk, 'toggle-speech');
  return { k: kiosk, synth: fake.synth };
}

async function tap(k: Kiosk, testId: string): Promise<void> {
  await byTestId(k, testId).trigger('click');
  await settle();
}

async function show(k: Kiosk, view: Partial<JourneyView> & Pick<JourneyView, 'step'>): Promise<void> {
  k.core.showJourney(view);
  await settle();
}

/** Presses keys on the on-screen keyboard as a finger would, one at a time. */
async function press(key: string): Promise<void> {
  const button = document.querySelector<HTMLElement>(`[data-testid="keyboard"] [data-skbtn="${key}"]`);
  if (!button) throw new Error(`no key ${key}`);
  button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
  button.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
  await settle();
}

/** Types on the English keyboard, Shift (one-shot) before each capital. */
async function typeOnKeyboard(text: string): Promise<void> {
  for (const char of text) {
    if (/[A-Z]/.test(char)) await press('{shift}');
    await press(char);
  }
}

const codeView = (length: number, extra: Partial<JourneyView> = {}): Partial<JourneyView> & Pick<JourneyView, 'step'> => {
  const now = Date.now();
  return {
    step: 'signIn.code.entry',
    accepts: ['SUBMIT_CODE', 'RESEND_CODE'],
    data: { code: { sentTo: '05X XXX X580', length, expiresAt: now + 300_000, resendAvailableAt: now + 60_000 } },
    ...extra,
  };
};

describe('speech mode', () => {
  it('is off at first: nothing is said, whatever happens on screen', async () => {
    const { k, synth } = await start();
    expect(byTestId(k, 'toggle-speech').attributes('aria-pressed')).toBe('false');
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    await typeOnKeyboard('1000');
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'], error: { code: 'credentials_wrong', retryable: true } });
    expect(synth.said).toEqual([]);
  });

  it('once on, says that it is on and the screen\'s heading and prompt, in Arabic at the default volume', async () => {
    const { k, synth } = await start({ speech: true });
    expect(byTestId(k, 'toggle-speech').attributes('aria-pressed')).toBe('true');
    expect(synth.said[0]).toEqual({ text: ar.speech.on, lang: 'ar-SA', volume: defaultSpeechVolume / speechVolumeSteps });
    expect(synth.said[1]).toEqual({ text: `${ar.services.title}. ${ar.services.intro}`, lang: 'ar-SA', volume: 0.6 });
  });

  it('says each new step, stopping what was being said, and says the screen again in the other language', async () => {
    const { k, synth } = await start({ speech: true });
    const from = synth.log.length;
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    expect(synth.log.slice(from)).toEqual([null, { text: `${ar.journey.credentials.title}. ${ar.journey.credentials.intro}`, lang: 'ar-SA', volume: 0.6 }]);

    await tap(k, 'toggle-language');
    expect(synth.said.at(-1)).toEqual({ text: `${en.journey.credentials.title}. ${en.journey.credentials.intro}`, lang: 'en-US', volume: 0.6 });
    expect(synth.log.at(-2)).toBeNull();
  });

  it('says an error when it appears, after the prompt, and not again while only its count-down moves', async () => {
    const { k, synth } = await start({ speech: true });
    await show(k, codeView(4));
    const from = synth.said.length;
    await show(k, codeView(4, { error: { code: 'otp_wrong', retryable: true }, data: { ...codeView(4).data, attemptsRemaining: 2 } }));
    const said = synth.textsSince(from);
    // The sign-in step's wrong code is a wrong temporary password, in its own words (issue 11 item 5).
    const wrong = ar.journey.errors.otp_wrong.temporary;
    expect(said.some((text) => text.startsWith(wrong.title) && text.includes(wrong.body))).toBe(true);
    const count = synth.said.length;
    await sleep(1100);
    await settle();
    expect(synth.said.length).toBe(count);
  });

  it('says a dialog when it opens: the end-session question', async () => {
    const { k, synth } = await start({ speech: true });
    await tap(k, 'nav-home');
    expect(synth.said.at(-1)?.text).toBe(`${ar.endDialog.title} ${ar.endDialog.body}`);
    expect(synth.log.at(-2)).toBeNull();
  });

  it('says the idle warning when it comes up', async () => {
    const { k, synth } = await start({ speech: true });
    k.core.warn();
    await settle();
    expect(synth.said.at(-1)?.text).toContain(ar.idle.title);
    expect(synth.said.at(-1)?.text).toContain(ar.idle.body);
  });

  it('echoes each character typed into an ordinary field: the username or ID number', async () => {
    const { k, synth } = await start({ speech: true });
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    const from = synth.said.length;
    await typeOnKeyboard('10a');
    await press('{bksp}');
    expect(synth.textsSince(from)).toEqual(['1', '0', 'a', ar.speech.deleted]);
    expect(synth.said.at(-1)?.lang).toBe('ar-SA');
  });

  it('property: no character of a password ever reaches the voice, typed on the keyboard or shown in clear', async () => {
    const { k, synth } = await start({ speech: true });
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    await byTestId(k, 'password').trigger('focus');
    const password = () => byTestId(k, 'password').element as HTMLInputElement;
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 4, maxLength: 10, unit: fc.constantFrom(...'abcxyzKQ0123456789') }), fc.boolean(), async (secret, shown) => {
        if ((byTestId(k, 'password-show').attributes('aria-pressed') === 'true') !== shown) await tap(k, 'password-show');
        await press('{clear}');
        const from = synth.said.length;
        await typeOnKeyboard(secret);
        expect(password().value).toBe(secret);
        const said = synth.textsSince(from);
        expect(said).toHaveLength(secret.length);
        for (const text of said) expect(neutralWords.has(text), `"${text}" while typing a password`).toBe(true);
        for (const text of synth.said.map((s) => s.text)) expect(text).not.toContain(secret);
      }),
      { numRuns: 15 },
    );
    expect(password().dataset.secret).toBe('true');
  });

  it('property: no digit of an SMS code ever reaches the voice', async () => {
    const { k, synth } = await start({ speech: true });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(4, 6), fc.string({ minLength: 6, maxLength: 6, unit: fc.constantFrom(...'0123456789') }), async (length, digits) => {
        const code = digits.slice(0, length);
        // A fresh code each round (a new expiry): the boxes start empty.
        round += 1;
        await show(k, codeView(length, { data: { code: { sentTo: '05X XXX X580', length, expiresAt: Date.now() + 300_000 + round, resendAvailableAt: Date.now() } } }));
        const from = synth.said.length;
        for (const digit of code.slice(0, -1)) await press(digit);
        await press('{bksp}');
        for (const digit of code.slice(-2)) await press(digit);
        const said = synth.textsSince(from);
        expect(said.length).toBeGreaterThanOrEqual(length);
        for (const text of said) expect(neutralWords.has(text), `"${text}" while typing a code`).toBe(true);
        for (const text of synth.said.map((s) => s.text)) expect(text).not.toContain(code);
      }),
      { numRuns: 15 },
    );
  });

  it('two quick presses are two steps, even before the core has answered the first', async () => {
    const { k } = await start({ speech: true });
    await byTestId(k, 'volume-up').trigger('click');
    await byTestId(k, 'volume-up').trigger('click');
    await settle();
    expect(byTestId(k, 'speech-volume').attributes('data-volume')).toBe(String(defaultSpeechVolume + 2));
  });

  it('plays at the volume chosen, one step at a time, within its bounds', async () => {
    const { k, synth } = await start({ speech: true });
    expect(byTestId(k, 'speech-volume').attributes('data-volume')).toBe(String(defaultSpeechVolume));
    await tap(k, 'volume-up');
    expect(synth.said.at(-1)).toEqual({ text: ar.speech.volume.replace('{level}', '4').replace('{max}', '5'), lang: 'ar-SA', volume: 0.8 });
    await tap(k, 'volume-up');
    expect(byTestId(k, 'volume-up').attributes('disabled')).toBeDefined();
    expect(synth.said.at(-1)?.volume).toBe(1);
    for (let i = 0; i < 4; i += 1) await tap(k, 'volume-down');
    expect(byTestId(k, 'volume-down').attributes('disabled')).toBeDefined();
    expect(synth.said.at(-1)?.volume).toBe(0.2);
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    expect(synth.said.at(-1)?.volume).toBe(0.2);
    expect(k.core.calls.filter((c) => c.procedure === 'setAccessibility').map((c) => c.input)).toEqual([
      { speech: true },
      { volume: 4 },
      { volume: 5 },
      { volume: 4 },
      { volume: 3 },
      { volume: 2 },
      { volume: 1 },
    ]);
  });

  it('turned off, stops at once and says nothing more', async () => {
    const { k, synth } = await start({ speech: true });
    await tap(k, 'toggle-speech');
    expect(synth.log.at(-1)).toBeNull();
    const count = synth.said.length;
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    await typeOnKeyboard('12');
    expect(synth.said.length).toBe(count);
    expect(byTestId(k, 'speech-volume').exists()).toBe(false);
  });

  it('ends with the session: the next person starts with speech off at the default volume', async () => {
    const { k, synth } = await start({ speech: true });
    await tap(k, 'volume-up');
    k.core.end('timeout');
    await settle();
    expect(synth.log.at(-1)).toBeNull();
    const count = synth.said.length;
    await byTestId(k, 'attract-start').trigger('click');
    await settle();
    expect(k.core.session).toMatchObject({ speech: false, volume: defaultSpeechVolume });
    expect(byTestId(k, 'toggle-speech').attributes('aria-pressed')).toBe('false');
    await show(k, { step: 'signIn.credentials', accepts: ['SUBMIT_CREDENTIALS'] });
    expect(synth.said.length).toBe(count);
  });

  it('says the staff referral that follows a session ended for three failed fingerprints, in that session\'s voice', async () => {
    const { k, synth } = await start({ speech: true });
    await tap(k, 'volume-down');
    k.core.end('referToStaff');
    await settle();
    expect(byTestId(k, 'staff-referral').exists()).toBe(true);
    expect(synth.said.at(-1)).toMatchObject({ lang: 'ar-SA', volume: 0.4 });
    expect(synth.said.at(-1)?.text).toContain(ar.referral.title);
    await tap(k, 'staff-referral-ok');
    const count = synth.said.length;
    await byTestId(k, 'attract-start').trigger('click');
    await settle();
    expect(synth.said.length).toBe(count);
  });
});

describe('a kiosk without a speech engine', () => {
  it('shows speech as unavailable, explains why, and goes on working', async () => {
    kiosk = await mountKiosk();
    const k = kiosk;
    expect('speechSynthesis' in window).toBe(false);
    await tap(k, 'attract-start');
    const toggle = byTestId(k, 'toggle-speech');
    expect(toggle.attributes('disabled')).toBeDefined();
    expect(toggle.text()).toBe(ar.a11y.speechUnavailable);
    const why = document.getElementById(toggle.attributes('aria-describedby') ?? '');
    expect(why?.textContent).toBe(ar.a11y.speechUnavailableWhy);
    await toggle.trigger('click');
    await settle();
    expect(k.core.calls.some((c) => c.procedure === 'setAccessibility')).toBe(false);
    expect(byTestId(k, 'screen-services').exists()).toBe(true);
  });
});

describe('a kiosk whose speech engine has no voice for the screen’s language', () => {
  it('offers speech only once an on-device voice for the language has loaded, and never for a language with only a network voice', async () => {
    const fake = installFakeSpeech();
    removeSpeech = fake.remove;
    // Voices load after start-up: at first there are none.
    fake.synth.voices = [];
    kiosk = await mountKiosk();
    const k = kiosk;
    await tap(k, 'attract-start');
    expect(byTestId(k, 'toggle-speech').attributes('disabled'), 'no voice yet: not offered').toBeDefined();
    fake.synth.setVoices([fakeVoice('ar-SA', true), fakeVoice('en-US', false)]);
    await settle();
    expect(byTestId(k, 'toggle-speech').attributes('disabled'), 'an Arabic voice on the device: offered on the Arabic screen').toBeUndefined();
    await tap(k, 'toggle-language');
    expect(byTestId(k, 'toggle-speech').attributes('disabled'), 'English has only a network voice: not offered').toBeDefined();
    expect(byTestId(k, 'toggle-speech').text()).toBe(en.a11y.speechUnavailable);
  });
});
