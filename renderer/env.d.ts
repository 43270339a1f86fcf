/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

// The modern ESM build: no polyfills, no `new Function` (CSP script-src 'self').
declare module 'simple-keyboard/build/index.modern.esm.js' {
  import SimpleKeyboard from 'simple-keyboard';
  export default SimpleKeyboard;
}

// A global declaration file cannot import at the top without turning into a module.
/* eslint-disable @typescript-eslint/consistent-type-imports */
interface Window {
  /** Put there by the Electron preload; absent in the browser host. */
  kiosk?: import('../electron/contract').KioskBridge;
  /** Read-only store view for end-to-end tests; only while the core runs the demo profile. */
  __kioskDebug?: import('./src/app/debugHook').KioskDebugHook;
}
/* eslint-enable @typescript-eslint/consistent-type-imports */
