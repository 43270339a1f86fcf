import { createPinia, getActivePinia, setActivePinia } from 'pinia';
import type { Pinia, StoreGeneric } from 'pinia';

/**
 * The dock keeps its state in a Pinia of its own: not customer data, so it
 * stays out of the app Pinia's wipe registry, out of the session reset and
 * out of the debug hook's store dump that end-to-end specs check for leaks.
 */
let dockPinia: Pinia | null = null;

function devDockPinia(): Pinia {
  dockPinia ??= createPinia();
  return dockPinia;
}

/** For specs: the next use starts from a fresh dock state. */
export function forgetDevDockPinia(): void {
  dockPinia = null;
}

/**
 * Pinia makes the Pinia a store is taken from the active one; the kiosk's own
 * stores, used outside components (in actions, after an await), must keep
 * finding the app's, so it is put back.
 */
export function inDockPinia<S extends StoreGeneric>(useStore: (pinia: Pinia) => S): S {
  const previous = getActivePinia();
  const store = useStore(devDockPinia());
  if (previous) setActivePinia(previous);
  return store;
}
