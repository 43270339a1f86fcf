import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AtmJourneyView } from '../contract';
import { useJourneyCalls } from '../stores/journeyCalls';
import { useSessionStore } from '../stores/session';
import type { AtmAction } from './atmChoices';

/**
 * The ATM journey on screen (`snapshot.atmJourney`, read from the session's
 * snapshot and wiped with it) and what the person's choices send. Nothing of
 * the PIN is here or anywhere in the renderer: the core reports how many keys
 * were pressed, never which.
 */
export const useAtmStore = defineStore('atm', () => {
  const session = useSessionStore();
  /** The help screen is over the screen it was opened from (the app closes it when that screen goes). */
  const helpOpen = ref(false);

  const view = computed<AtmJourneyView | null>(() => (session.hasSession ? (session.snapshot?.atmJourney ?? null) : null));
  const { sending, accepts, send } = useJourneyCalls(view);

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
      case 'maintenance':
        // Said again by the app's voice, or the technician's (AtmApp): neither is the store's to reach.
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
