import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AtmJourneyView, JourneyEvent, KioskSnapshot } from '../contract';
import { useKioskHost } from '../host';
import { useSessionStore } from '../stores/session';
import { useUiStore } from '../stores/ui';
import type { AtmAction } from './atmChoices';

/**
 * The ATM journey on screen (`snapshot.atmJourney`, read from the session's
 * snapshot and wiped with it) and what the person's choices send. Nothing of
 * the PIN is here or anywhere in the renderer: the core reports how many keys
 * were pressed, never which.
 */
export const useAtmStore = defineStore('atm', () => {
  const session = useSessionStore();
  /** A call to the core is on its way: choices wait for its answer. */
  const sending = ref(false);
  /** The help screen is over the screen it was opened from (the app closes it when that screen goes). */
  const helpOpen = ref(false);

  const view = computed<AtmJourneyView | null>(() => (session.hasSession ? (session.snapshot?.atmJourney ?? null) : null));
  const accepts = (type: JourneyEvent['type']) => view.value?.accepts.includes(type) ?? false;

  async function run(call: () => Promise<KioskSnapshot>): Promise<boolean> {
    sending.value = true;
    try {
      session.applySnapshot(await call());
      return true;
    } catch {
      useUiStore().showNotice('actionFailed');
      return false;
    } finally {
      sending.value = false;
    }
  }

  const api = () => useKioskHost().api;

  /** Sends the person's event; one the step does not take is never sent (the core would refuse it). */
  function send(event: JourneyEvent): Promise<boolean> {
    if (!accepts(event.type) || sending.value) return Promise.resolve(false);
    return run(() => api().journeyEvent(event));
  }

  /** What a choice does, by touch or by the key beside it. */
  async function choose(action: AtmAction): Promise<boolean> {
    if (sending.value) return false;
    switch (action.kind) {
      case 'event':
        return send(action.event);
      case 'language':
        return session.setLanguage(action.language);
      case 'display':
        return session.setAccessibility({ highContrast: action.readable, largeText: action.readable });
      case 'moreTime':
        return session.extendSession();
      case 'speech':
        return session.setAccessibility({ speech: action.on });
      case 'help':
        helpOpen.value = action.open;
        return true;
      case 'repeat':
        // Said again by the app's voice (AtmApp), which is not the store's to reach.
        return false;
      case 'finish':
        // At the end the card is already out; before it, the core hands it back as the session ends.
        return session.hasSession ? session.endSession(view.value?.finished ? 'completed' : 'cancel') : true;
      default: {
        const unreachable: never = action;
        return unreachable;
      }
    }
  }

  function $reset(): void {
    sending.value = false;
    helpOpen.value = false;
  }

  return { view, sending, helpOpen, accepts, send, choose, $reset };
});
