import { getActivePinia } from 'pinia';
import { resetAllStores } from './registry';

/** For components: wipe the session here and now, without waiting for the core's event. */
export function useWipeSession(): () => void {
  const pinia = getActivePinia();
  return () => {
    if (pinia) resetAllStores(pinia);
  };
}
