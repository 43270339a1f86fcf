// What every Node bundle of ours is built with (esbuild): the demo's core and host (scripts/build.mjs), the Debian
// package's (scripts/packageDeb.mjs) and the entries specs start many times (test/testing/bundledEntry.ts).

/** Never bundled: native modules (Node finds their .node files beside their own package) and the receipt fonts (read as files). */
export const nativePackages = ['sqlite3', 'serialport', '@serialport/*', 'node-hid', '@napi-rs/canvas', '@fontsource/*'];

/** ESM for the pinned Node; bundled ESM has no require(), and some dependencies' CommonJS paths need one. */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  banner: { js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);" },
};
