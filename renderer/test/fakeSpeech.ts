/** One utterance as the fake synthesiser received it. */
export interface Said {
  text: string;
  lang: string;
  volume: number;
}

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

  getVoices(): SpeechSynthesisVoice[] {
    return [];
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
