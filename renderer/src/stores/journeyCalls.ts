import { type ComputedRef, ref } from 'vue';
import type { JourneyEvent, KioskSnapshot } from '../contract';
import { useKioskHost } from '../host';
import { useSessionStore } from './session';
import { useUiStore } from './ui';

/**
 * A call to the core that answers with a snapshot, as every store that drives
 * a screen makes it: one at a time (`sending`), the answer's snapshot applied,
 * a failure shown as the "did not work" notice.
 */
export function useCoreCalls() {
  const session = useSessionStore();
  /** A call to the core is on its way: choices wait for its answer. */
  const sending = ref(false);

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

  return { sending, run, api: () => useKioskHost().api };
}

/**
 * A journey's calls to the core, for the journey stores (government and
 * ATM): the core calls above; an event the step on screen does not take is
 * never sent (the core would refuse it).
 */
export function useJourneyCalls(view: ComputedRef<{ readonly accepts: readonly JourneyEvent['type'][] } | null>) {
  const { sending, run, api } = useCoreCalls();
  const accepts = (type: JourneyEvent['type']) => view.value?.accepts.includes(type) ?? false;

  function send(event: JourneyEvent): Promise<boolean> {
    if (!accepts(event.type) || sending.value) return Promise.resolve(false);
    return run(() => api().journeyEvent(event));
  }

  return { sending, accepts, run, send, api };
}
