import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Hearing what the kiosk says in a real browser: a recording
 * `speechSynthesis` (with on-device Arabic and English voices) replaces the
 * browser's before the app loads, so a spec reads every utterance.
 */

export interface Said {
  text: string;
  lang: string;
  volume: number;
}

/** Before any script of the page: a synthesiser that records each utterance (text, lang, volume) and says nothing. */
export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: { text: string; lang: string; volume: number }[] = [];
    let cancels = 0;
    class RecordingUtterance {
      text: string;
      lang = '';
      volume = 1;
      rate = 1;
      pitch = 1;
      voice: unknown = null;
      constructor(text = '') {
        this.text = text;
      }
    }
    const synth = {
      speaking: false,
      pending: false,
      paused: false,
      speak: (u: RecordingUtterance) => void said.push({ text: u.text, lang: u.lang, volume: u.volume }),
      cancel: () => void (cancels += 1),
      pause: () => undefined,
      resume: () => undefined,
      // On-device voices for both screen languages, as a kiosk image with its speech packages has.
      getVoices: () => [
        { lang: 'ar-SA', localService: true, name: 'ar-SA-local', default: false, voiceURI: 'ar-SA-local' },
        { lang: 'en-US', localService: true, name: 'en-US-local', default: false, voiceURI: 'en-US-local' },
      ],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: RecordingUtterance, configurable: true });
    Object.defineProperty(window, '__speech', { value: { said, cancels: () => cancels }, configurable: true });
  });
}

type SpeechRecord = { said: Said[]; cancels: () => number };
export const saidSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.said);
export const cancelsSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.cancels());

/** Waits until something said since `from` matches. */
export async function expectSaid(page: Page, from: number, match: (s: Said) => boolean, what: string): Promise<Said> {
  let found: Said | undefined;
  await expect
    .poll(async () => {
      found = (await saidSoFar(page)).slice(from).find(match);
      return found !== undefined;
    }, { message: `said: ${what}` })
    .toBe(true);
  return found!;
}
