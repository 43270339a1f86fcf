import { defineConfig } from 'vitest/config';

// The package test builds the .deb, installs it into a throw-away root and runs it: minutes, not seconds, so it
// runs on its own (a stage of npm test):
//   npx vitest run -c test/package/vitest.config.ts
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/package/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
