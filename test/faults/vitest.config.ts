import { defineConfig } from 'vitest/config';

// The fault specs are slow (processes killed and restarted) and run on their own:
//   npx vitest run -c test/faults/vitest.config.ts
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Tried once more on failure, and named at the end of `npm test` if it passed only then (as the unit stage).
    retry: 1,
  },
});
