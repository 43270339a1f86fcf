import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { JourneyService, JourneyView } from '../contract';
import { useJourneyCalls } from './journeyCalls';
import { useSessionStore } from './session';

/**
 * The journey under way in this session, as the core's snapshot shows it. The
 * view itself lives in the session's snapshot (one source of truth, wiped with
 * it); this store sends the person's events and keeps what the screen needs
 * between them: whether a call is in flight, and the cancel confirmation.
 * Nothing typed is kept here — fields live in their step component only —
 * but for the sign-in name: a wrong password must not make the person type
 * the ID number again (only the password field empties). It goes with the
 * journey and the session.
 */
export const useJourneyStore = defineStore('journey', () => {
  const session = useSessionStore();
  const confirmingCancel = ref(false);
  /** The username or ID number last sent with a password, to fill the field again after a refusal. */
  const keptLogin = ref('');

  const view = computed<JourneyView | null>(() => (session.hasSession ? (session.snapshot?.journey ?? null) : null));
  const { sending, accepts, run, send, api } = useJourneyCalls(view);
  const active = computed(() => view.value !== null);
  const step = computed(() => view.value?.step ?? null);
  /** Input is accepted only when the core is not working and no call is pending. */
  const ready = computed(() => view.value !== null && !view.value.busy && !sending.value);

  async function start(service: JourneyService): Promise<boolean> {
    if (!(await session.startSession())) return false;
    keptLogin.value = '';
    return run(() => api().startJourney({ service }));
  }

  /** Leaves the journey for the services menu; the session goes on. */
  async function cancel(): Promise<boolean> {
    confirmingCancel.value = false;
    keptLogin.value = '';
    if (!view.value) return true;
    return run(() => api().cancelJourney({}));
  }

  function $reset(): void {
    keptLogin.value = '';
    sending.value = false;
    confirmingCancel.value = false;
  }

  return { view, active, step, ready, sending, confirmingCancel, keptLogin, accepts, start, send, cancel, $reset };
});
