// The demo profile's read-only debug hook (renderer/src/app/debugHook.ts), as the specs see it from the page.
export {};

declare global {
  interface Window {
    __kioskDebug?: { storeState(): Record<string, unknown> };
  }
}
