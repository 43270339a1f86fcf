import type { Language } from '../contract';

/** One thing to say: the text, the BCP 47 language it is in, and how loud (0..1). */
export interface Utterance {
  text: string;
  lang: string;
  volume: number;
}

/** What the narrator needs from a speech synthesiser: a fake records, the browser's speaks. */
export interface SpeechEngine {
  speak(utterance: Utterance): void;
  /** Stops what is being said and drops what is queued. */
  cancel(): void;
}

/** The voice each screen language is spoken in. */
export const speechLanguages: Record<Language, string> = { ar: 'ar-SA', en: 'en-US' };

export function speechLanguageOf(lang: string | null | undefined): string {
  return lang === 'en' || lang?.startsWith('en-') ? speechLanguages.en : speechLanguages.ar;
}

/** The part of `window` the Web Speech API lives on; either may be missing (no engine installed, an old runtime). */
export interface SpeechWindow {
  speechSynthesis?: Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices'> | undefined;
  SpeechSynthesisUtterance?: (new (text?: string) => SpeechSynthesisUtterance) | undefined;
}

/**
 * The Web Speech API behind `SpeechEngine`, or null where there is none (the
 * top bar then shows speech as unavailable). Only on-device voices are chosen:
 * a network voice would send what the person hears off the kiosk.
 */
export function browserSpeechEngine(win: SpeechWindow): SpeechEngine | null {
  const synth = win.speechSynthesis;
  const Utterance = win.SpeechSynthesisUtterance;
  if (!synth || typeof synth.speak !== 'function' || typeof Utterance !== 'function') return null;
  return {
    speak({ text, lang, volume }) {
      const utterance = new Utterance(text);
      utterance.lang = lang;
      utterance.volume = volume;
      const voice = localVoiceFor(typeof synth.getVoices === 'function' ? synth.getVoices() : [], lang);
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    },
    cancel() {
      synth.cancel();
    },
  };
}

/** An on-device voice for the language: the exact region first, then any of the language. */
export function localVoiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | null {
  const local = voices.filter((v) => v.localService);
  const base = lang.split('-')[0]?.toLowerCase() ?? '';
  return (
    local.find((v) => v.lang.toLowerCase() === lang.toLowerCase()) ??
    local.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === base) ??
    null
  );
}
