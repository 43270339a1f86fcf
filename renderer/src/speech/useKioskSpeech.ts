import { computed, inject, onBeforeUnmount, onMounted, provide, ref, shallowRef, watch } from 'vue';
import type { InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import { defaultSpeechVolume } from '../contract';
import { technicianSpeech } from '../maintenance/technicianSpeech';
import { useSessionStore } from '../stores/session';
import { useUiStore } from '../stores/ui';
import { ScreenNarrator, speechOff } from './narrator';
import type { SpeechSettings } from './narrator';
import { browserSpeechEngine, speechLanguageOf } from './speechEngine';
import type { SpeechEngine } from './speechEngine';

/** What components need of speech mode: whether this kiosk can speak, and a field's echo. */
interface KioskSpeech {
  /** An engine and an on-device voice for the screen's language (voices load after start-up: reactive). */
  readonly available: boolean;
  /** One change to a field the person types into; `secret` (password, PIN, code): its characters are never said. */
  echo(before: string, after: string, secret: boolean): void;
  /** Says the screen again from its start (an ATM's repeat key). */
  repeat(): void;
}

const kioskSpeechKey: InjectionKey<KioskSpeech> = Symbol('kioskSpeech');

/**
 * Speech mode for the whole app, set up once in KioskApp: follows the
 * session's speech switch and volume (off and back to the default volume for
 * every new session, as the core decides) and reads the page as it changes.
 */
export function provideKioskSpeech(engine: SpeechEngine | null = browserSpeechEngine(window)): KioskSpeech {
  const session = useSessionStore();
  const ui = useUiStore();
  const { t } = useI18n();
  const narrator = new ScreenNarrator(engine, (key, params) => t(key, params ?? {}), document);

  // The staff referral is said after the session has gone (nothing of the person left): in the way that session chose to hear.
  const endedSession = shallowRef<SpeechSettings>(speechOff);
  watch(
    () => (session.hasSession ? { enabled: session.speech, volume: session.volume } : null),
    (inSession) => {
      if (inSession) endedSession.value = inSession;
    },
    { flush: 'sync', immediate: true },
  );
  watch(
    () => ui.staffReferral,
    (shown) => {
      if (!shown && !session.hasSession) endedSession.value = speechOff;
    },
  );

  const settings = computed<SpeechSettings>(() => {
    // The maintenance overlay is the technician's: their own switch (no customer is served meanwhile).
    if (session.snapshot?.maintenance || (session.snapshot?.maintenanceCard && !session.hasSession)) return technicianSpeech.value ? { enabled: true, volume: defaultSpeechVolume } : speechOff;
    if (session.hasSession) return { enabled: session.speech, volume: session.volume };
    return ui.staffReferral ? endedSession.value : speechOff;
  });
  // After the DOM is drawn: turning speech on says the screen as it is now.
  watch(settings, (next) => narrator.configure(next), { immediate: true, flush: 'post' });

  // Speech is offered only with a voice on this kiosk for the screen's language; the list fills in after start-up.
  const voicesSeen = ref(0);
  const stopWatchingVoices = engine?.onVoicesChanged(() => (voicesSeen.value += 1));
  const available = computed(() => voicesSeen.value >= 0 && engine !== null && engine.hasVoiceFor(speechLanguageOf(session.language)));

  onMounted(() => narrator.observe(document.documentElement));
  onBeforeUnmount(() => {
    narrator.disconnect();
    stopWatchingVoices?.();
  });

  const speech: KioskSpeech = {
    get available() {
      return available.value;
    },
    echo: (before, after, secret) => narrator.echo(before, after, secret),
    repeat: () => narrator.repeat(),
  };
  provide(kioskSpeechKey, speech);
  return speech;
}

/** For components: speech mode, or null outside the kiosk app (a component mounted alone in a test). */
export function useKioskSpeech(): KioskSpeech | null {
  return inject(kioskSpeechKey, null);
}
