import { defineConfig } from 'vitest/config';

// The package test builds the .deb, installs it into a throw-away root and runs it: minutes, not seconds, so it
// runs on its own (a stage of npm test):
//   npx vitest run -c test/package/vitest.config.ts
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/package/**/*.test.ts'],
    pool: 'forks',
    // Both files at once (the default is one worker on two cores): the update spec mostly waits (a new version's health,
    // a broken one's deadline) while the package spec builds and lints; apart, the stage took the sum of the two.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
