import type { Language } from '../contract';

/** One thing to say: the text, the BCP 47 language it is in, and how loud (0..1). */
export interface Utterance {
  text: string;
  lang: string;
  volume: number;
}

/** What the narrator needs from a speech synthesiser: a fake records, the browser's speaks. */
export interface SpeechEngine {
  /** Says it in an on-device voice for its language; with none, says nothing (never a network voice). */
  speak(utterance: Utterance): void;
  /** Stops what is being said and drops what is queued. */
  cancel(): void;
  /** Whether an on-device voice for this BCP 47 language is installed (now: voices arrive after start-up). */
  hasVoiceFor(lang: string): boolean;
  /** Called when the installed voices change (they load asynchronously); answers how to stop listening. */
  onVoicesChanged(listener: () => void): () => void;
}

/** The voice each screen language is spoken in. */
const speechLanguages: Record<Language, string> = { ar: 'ar-SA', en: 'en-US' };

export function speechLanguageOf(lang: string | null | undefined): string {
  return lang === 'en' || lang?.startsWith('en-') ? speechLanguages.en : speechLanguages.ar;
}

/** `voiceschanged`, where the runtime has it (voices load after start-up). */
interface VoicesEvents {
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

/** The part of `window` the Web Speech API lives on; either may be missing (no engine installed, an old runtime). */
export interface SpeechWindow {
  speechSynthesis?: (Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices'> & VoicesEvents) | undefined;
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
  const voiceFor = (lang: string) => localVoiceFor(typeof synth.getVoices === 'function' ? synth.getVoices() : [], lang);
  return {
    speak({ text, lang, volume }) {
      const voice = voiceFor(lang);
      // Without an on-device voice the browser would pick its default, which may be a network one.
      if (!voice) return;
      const utterance = new Utterance(text);
      utterance.lang = lang;
      utterance.volume = volume;
      utterance.voice = voice;
      synth.speak(utterance);
    },
    cancel() {
      synth.cancel();
    },
    hasVoiceFor: (lang) => voiceFor(lang) !== null,
    onVoicesChanged(listener) {
      synth.addEventListener?.('voiceschanged', listener);
      return () => synth.removeEventListener?.('voiceschanged', listener);
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
