/** One utterance as the fake synthesiser received it. */
interface Said {
  text: string;
  lang: string;
  volume: number;
}

export const fakeVoice = (lang: string, localService: boolean, name = `${lang}-${localService ? 'local' : 'network'}`) =>
  ({ lang, localService, name, default: false, voiceURI: name }) as SpeechSynthesisVoice;

/** Stands in for `window.speechSynthesis`: records every utterance and every cancel, says nothing. */
export class FakeSpeechSynthesis {
  readonly said: Said[] = [];
  /** Everything in the order it happened: cancels as `null`. */
  readonly log: (Said | null)[] = [];
  speaking = false;
  pending = false;
  paused = false;

  speak(utterance: { text: string; lang: string; volume: number }): void {
    const said = { text: utterance.text, lang: utterance.lang, volume: utterance.volume };
    this.said.push(said);
    this.log.push(said);
  }

  cancel(): void {
    this.log.push(null);
  }

  /** On-device Arabic and English voices, as a kiosk image with its speech packages has; a test may change them. */
  voices: SpeechSynthesisVoice[] = [fakeVoice('ar-SA', true), fakeVoice('en-US', true)];
  private readonly voiceListeners = new Set<() => void>();

  getVoices(): SpeechSynthesisVoice[] {
    return this.voices;
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'voiceschanged') this.voiceListeners.add(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    if (type === 'voiceschanged') this.voiceListeners.delete(listener);
  }

  /** The voices as the engine reports them after loading (or after a package is removed). */
  setVoices(voices: SpeechSynthesisVoice[]): void {
    this.voices = voices;
    this.voiceListeners.forEach((listener) => listener());
  }

  /** The texts said since `from` (an index into `said`). */
  textsSince(from: number): string[] {
    return this.said.slice(from).map((s) => s.text);
  }
}

export class FakeUtterance {
  text: string;
  lang = '';
  volume = 1;
  rate = 1;
  pitch = 1;
  voice: SpeechSynthesisVoice | null = null;
  constructor(text = '') {
    this.text = text;
  }
}

/** Puts a recording synthesiser on `window`, as a kiosk with a speech engine has; `remove()` takes it away again. */
export function installFakeSpeech(): { synth: FakeSpeechSynthesis; remove(): void } {
  const synth = new FakeSpeechSynthesis();
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true, writable: true });
  return {
    synth,
    remove() {
      Reflect.deleteProperty(window, 'speechSynthesis');
      Reflect.deleteProperty(window, 'SpeechSynthesisUtterance');
    },
  };
}
