/**
 * Set by the bundler's `define` (electron.vite.config.ts, vitest.config.ts):
 * true in demo and test builds, false in the production package, where every
 * branch behind it (and the dock's chunk) is dropped at build time.
 */
declare const __KIOSK_DEV_DOCK__: boolean;
