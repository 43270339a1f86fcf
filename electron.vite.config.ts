import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

/**
 * main, preload and renderer. The core and the browser host are plain Node
 * bundles built by scripts/build.mjs (esbuild): they never load Electron.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules or node_modules: one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue()],
    define: {
      // vue-i18n's compile-time switches: no legacy API, no message compiler at run time (the CSP forbids eval), no devtools.
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __INTLIFY_JIT_COMPILATION__: 'true',
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
      // The dev dock is compiled out of production packages (npm run package sets KIOSK_DEV_DOCK=false).
      __KIOSK_DEV_DOCK__: JSON.stringify(process.env.KIOSK_DEV_DOCK !== 'false'),
    },
    build: {
      minify: true,
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
      // Kiosks load from disk or loopback: no inlined data: URLs, so the CSP can forbid them.
      assetsInlineLimit: 0,
    },
  },
});
