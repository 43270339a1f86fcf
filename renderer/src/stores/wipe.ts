import { getActivePinia } from 'pinia';
import { resetAllStores } from './registry';
import { useSessionStore } from './session';

/**
 * For components: end the session the person asked to end. The core answers
 * with sessionEnded; if it cannot be reached, the session is still wiped here
 * and now, so nothing of it is left behind on the screen.
 */
export function useEndSession(): () => Promise<void> {
  const pinia = getActivePinia();
  const session = useSessionStore();
  return async () => {
    if (!(await session.endSession('cancel')) && pinia) resetAllStores(pinia);
  };
}
