import type { Pinia } from 'pinia';

/** What end-to-end tests may read; never what they may change. */
interface KioskDebugHook {
  storeState(): Record<string, unknown>;
}

let hookedPinia: Pinia | null = null;

/** Only while the core runs the demo profile: a production kiosk exposes nothing. */
export function setDebugHook(pinia: Pinia, enabled: boolean): void {
  if (!enabled) {
    delete window.__kioskDebug;
    hookedPinia = null;
    return;
  }
  if (hookedPinia === pinia && window.__kioskDebug) return;
  hookedPinia = pinia;
  const hook: KioskDebugHook = Object.freeze({
    storeState: () => JSON.parse(JSON.stringify(pinia.state.value)) as Record<string, unknown>,
  });
  Object.defineProperty(window, '__kioskDebug', { value: hook, configurable: true, enumerable: false, writable: false });
}
