import { defaultSpeechVolume, speechVolumeSteps } from '../contract';
import type { SpeechVolume } from '../contract';
import { echoOf, echoText } from './echo';
import type { Translate } from './echo';
import { dialogTextOf, languageOf, promptOf, SCREEN_HEADING, speakableText } from './screenText';
import { speechLanguageOf } from './speechEngine';
import type { SpeechEngine } from './speechEngine';

export interface SpeechSettings {
  enabled: boolean;
  volume: SpeechVolume;
}

export const speechOff: SpeechSettings = { enabled: false, volume: defaultSpeechVolume };

/** The person's screen, not the demo operator's dock beside it (whose SMS list shows codes). */
const notDock = (el: Element) => el.closest('[data-dev-dock]') === null;

/**
 * Speech mode (RULES.md): says every prompt, echo and error in the screen's
 * language, from what the screen draws.
 *
 * - A new screen or journey step (or an inquiry's step within it, `data-speech-step`; or the same one in the other language)
 *   stops what is being said and says its heading and prompt, then any error
 *   already on it.
 * - A dialog that opens stops what is being said and says its title and body.
 * - An alert (`role="alert"`: errors) is said when it appears or its words
 *   change; a status (`role="status"`: fingerprint guidance, reconnecting) when
 *   it changes after the screen was said.
 * - A field's change is echoed; a secret field's only as "entered".
 * - Nothing at all while speech is off.
 */
export class ScreenNarrator {
  private settings: SpeechSettings = speechOff;
  /** What the last screen said was (null: no screen; undefined: nothing said yet). */
  private screenKey: string | null | undefined = undefined;
  private openDialogs = new Set<Element>();
  private alerts = new WeakMap<Element, string>();
  private statuses = new WeakMap<Element, string>();
  private observer: MutationObserver | null = null;

  constructor(
    private readonly engine: SpeechEngine | null,
    private readonly translate: Translate,
    private readonly document: Document,
  ) {}

  get available(): boolean {
    return this.engine !== null;
  }

  configure(next: SpeechSettings): void {
    const before = this.settings;
    this.settings = next;
    if (!next.enabled) {
      if (before.enabled) this.engine?.cancel();
      this.forget();
    } else if (!before.enabled) {
      this.forget();
      this.scan(this.translate('speech.on'));
    } else if (next.volume !== before.volume) {
      // Said at the new volume, so the person hears what they chose.
      this.say(this.translate('speech.volume', { level: next.volume, max: speechVolumeSteps }), this.screenLanguage(), { interrupt: true });
    }
  }

  /** Watches the page: every change that could be a new screen, dialog or message is looked at. */
  observe(target: Node): void {
    this.observer?.disconnect();
    this.observer = new MutationObserver(() => this.scan());
    this.observer.observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['lang', 'data-step', 'data-speech-step', 'role', 'hidden', 'aria-hidden', 'style'],
    });
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.engine?.cancel();
    this.forget();
  }

  /** Says the screen again from its start, as if it were new (the person asked for it again). */
  repeat(): void {
    if (!this.settings.enabled) return;
    this.screenKey = undefined;
    this.scan();
  }

  /** One change to a field the person is typing into. `secret`: a password, PIN or code, whose characters are never said. */
  echo(before: string, after: string, secret: boolean): void {
    if (!this.settings.enabled) return;
    const echo = echoOf(before, after, secret);
    if (echo) this.say(echoText(echo, this.translate), this.screenLanguage(), { interrupt: true });
  }

  /** Compares the page with what was last said about it, and says what is new; `preface` goes before a new screen's prompt. */
  scan(preface?: string): void {
    if (!this.settings.enabled || !this.engine) return;
    const newScreen = this.sayScreenIfNew(preface);
    this.sayNewDialogs();
    this.sayChanged('[role="alert"]', this.alerts, true);
    this.sayChanged('[role="status"]', this.statuses, !newScreen);
  }

  private sayScreenIfNew(preface?: string): boolean {
    // The maintenance overlay covers the public's screen: its own parts are the screens then.
    const overlay = this.document.querySelector('[data-speech-overlay]');
    const candidates = overlay ? overlay.querySelectorAll('[data-speech-screen]') : this.document.querySelectorAll('main [data-testid^="screen-"], main [data-speech-screen]');
    const screen = [...candidates].find(notDock) ?? null;
    const heading = screen?.querySelector(SCREEN_HEADING);
    const name = screen?.getAttribute('data-speech-screen') ?? screen?.getAttribute('data-testid');
    // A screen drawn inside a journey's step (an inquiry's or a form's) names its own step: each is said as a new screen.
    const inner = screen?.querySelector('[data-speech-step]')?.getAttribute('data-speech-step') ?? '';
    const key = screen ? [this.screenLanguage(), name, screen.getAttribute('data-step'), inner, heading?.textContent?.trim()].join('|') : null;
    if (key === this.screenKey) return false;
    this.screenKey = key;
    // What was on the last screen is over; this screen's messages are new.
    this.alerts = new WeakMap();
    this.statuses = new WeakMap();
    this.engine?.cancel();
    if (preface) this.say(preface, this.screenLanguage());
    if (screen) {
      const prompt = promptOf(screen);
      if (prompt.text) this.say(prompt.text, prompt.lang);
      // A screen said whole has said its alerts and statuses with it.
      if (screen.hasAttribute('data-speak-whole')) {
        screen.querySelectorAll('[role="alert"]').forEach((el) => this.alerts.set(el, speakableText(el, { timers: false })));
        screen.querySelectorAll('[role="status"]').forEach((el) => this.statuses.set(el, speakableText(el, { timers: false })));
      }
    }
    return true;
  }

  private sayNewDialogs(): void {
    // The maintenance overlay is a dialog over the kiosk, read by its screens, alerts and statuses (never all at once).
    const open = [...this.document.querySelectorAll('[role="dialog"], [role="alertdialog"]')].filter((el) => notDock(el) && !el.hasAttribute('data-speech-overlay'));
    for (const dialog of open) {
      if (this.openDialogs.has(dialog)) continue;
      const text = dialogTextOf(dialog);
      if (text) this.say(text, languageOf(dialog), { interrupt: true });
    }
    this.openDialogs = new Set(open);
  }

  private sayChanged(selector: string, said: WeakMap<Element, string>, speak: boolean): void {
    for (const el of this.document.querySelectorAll(selector)) {
      if (!notDock(el)) continue;
      const text = speakableText(el, { timers: false });
      if (said.get(el) === text) continue;
      said.set(el, text);
      if (speak && text) this.say(text, languageOf(el));
    }
  }

  private say(text: string, lang: string | null, { interrupt = false } = {}): void {
    if (!this.engine || !this.settings.enabled) return;
    if (interrupt) this.engine.cancel();
    this.engine.speak({ text, lang: speechLanguageOf(lang), volume: this.settings.volume / speechVolumeSteps });
  }

  private screenLanguage(): string | null {
    return this.document.documentElement.getAttribute('lang');
  }

  private forget(): void {
    this.screenKey = undefined;
    this.openDialogs = new Set();
    this.alerts = new WeakMap();
    this.statuses = new WeakMap();
  }
}
