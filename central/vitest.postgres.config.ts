import { defineConfig } from 'vitest/config';

// Central's suites on PostgreSQL (`npm test` stage "central on postgres"; alone:
//   npx vitest run -c central/vitest.postgres.config.ts [files]
// ). One throw-away cluster for the run and a migrated template database every test central copies
// (testing/postgresGlobalSetup.ts); the unit stage runs the same files on SQLite.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: ['central/**/*.test.ts'],
    exclude: [
      'node_modules/**',
      // Runs both engines itself, on its own cluster, in the unit stage.
      'central/store/database.test.ts',
      // No store at all (pure code): nothing differs on PostgreSQL.
      'central/biometrics/matcher.test.ts',
      'central/catalogue/rulesCatalogue.test.ts',
      'central/faults/switch.test.ts',
      'central/kiosks/rollout.test.ts',
      'central/sms/messages.test.ts',
      'central/store/dialect.test.ts',
    ],
    env: { CENTRAL_TEST_DATABASE: 'postgres' },
    globalSetup: [new URL('testing/postgresGlobalSetup.ts', import.meta.url).pathname],
    pool: 'forks',
    // The files mostly wait (TLS, HTTP, the PostgreSQL backends): three at once keep both cores busy. No file stubs a
    // module or the environment, so a worker keeps the modules it loaded for its next file (import time once, not per file).
    maxWorkers: 3,
    isolate: false,
    // One more try for a test that fails: one test failed here in a clean CI run (stop 26, on an idle machine) and
    // passed in 14 runs since, loaded and not; its name was cut from CI's kept output. A test that passes only on
    // its second try is listed by name at the end of `npm test` ("passed only when tried again"), never hidden.
    retry: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
