import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  define: { __KIOSK_DEV_DOCK__: 'true' },
  test: {
    include: ['common/**/*.test.ts', 'electron/**/*.test.ts', 'drivers/**/*.test.ts', 'central/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/security/**/*.test.ts', 'test/bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'test/e2e/**', 'test/electron/**'],
    // Native addons (serialport, sqlite3) are happiest in forked processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
