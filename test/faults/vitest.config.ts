import { defineConfig } from 'vitest/config';

// The fault specs are slow (processes killed and restarted) and run on their own:
//   npx vitest run -c test/faults/vitest.config.ts
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    // Both cores (the default is one fewer): each file spends most of its time waiting on the processes it kills and
    // restarts; two at once took the stage 136 → 99 s on this machine.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Tried once more on failure, and named at the end of `npm test` if it passed only then (as the unit stage).
    retry: 1,
  },
});
