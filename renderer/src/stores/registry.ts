import type { Pinia, PiniaPluginContext } from 'pinia';

interface ResettableStore {
  $id: string;
  $reset(): void;
}

const storesByPinia = new WeakMap<Pinia, Set<ResettableStore>>();

/** Remembers every store a Pinia creates, so a session wipe cannot miss one. */
export function storeRegistry({ pinia, store }: PiniaPluginContext): void {
  let stores = storesByPinia.get(pinia);
  if (!stores) {
    stores = new Set();
    storesByPinia.set(pinia, stores);
  }
  stores.add(store);
}

/** The end of a session: every store back to how a new person should find it. */
export function resetAllStores(pinia: Pinia): void {
  storesByPinia.get(pinia)?.forEach((store) => store.$reset());
}

export function registeredStoreIds(pinia: Pinia): string[] {
  return [...(storesByPinia.get(pinia) ?? [])].map((store) => store.$id);
}
