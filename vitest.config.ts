import { globSync, readFileSync } from 'node:fs';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const root = new URL('.', import.meta.url).pathname;
const include = ['common/**/*.test.ts', 'electron/**/*.test.ts', 'drivers/**/*.test.ts', 'central/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/security/**/*.test.ts', 'test/bench/**/*.test.ts'];
const exclude = ['node_modules/**', 'out/**', 'test/e2e/**', 'test/electron/**'];

/**
 * Most files share their worker's modules (`isolate: false`): loading vitest's runtime, zod, fastify, sqlite3 and
 * our own code again for every one of 300 files was most of the unit stage (≈ 2.6 s a file). A file runs alone, in a
 * fresh process, when it replaces modules (`vi.mock`: a shared module cache would hand the mock to the next file, or
 * the real module to this one), sets process.env for what it imports or renders on a page (`@vitest-environment`);
 * and the files named below, with the reason.
 *
 * Files that run the device lab (simulators on pty pairs, the core's device manager, real reconnect timers) used to run
 * alone too, after `activate.test.ts` once saw the lab's fingerprint reader never come back after a replug in a shared
 * worker. Since the drivers and the lab learnt to wait for a reader's return (not a clock), two whole unit runs with
 * the 34 of them shared passed with no retry, and the stage took 270 → 231 and 252 s (module import 99 → 50 and 53 s):
 * shared now. A lab file that fails only beside others goes in `isolatedByName` with what it showed.
 */
const replacesModulesOrEnv = /\bvi\.(do)?mock\(|\bvi\.stubEnv\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;
// A file on a browser-like page (`@vitest-environment happy-dom`) runs alone too: the page, and the module-level state
// of the components and stores it mounted, would otherwise carry into the next file (two renderer specs failed by order).
const ownsAPage = /@vitest-environment\s+(happy-dom|jsdom)/;
// `'path': 'why'`: none today.
const isolatedByName: Record<string, string> = {};

const isolated = globSync(include, { cwd: root, exclude: (name) => name === 'node_modules' || name === 'out' })
  .filter((file) => {
    const text = readFileSync(`${root}${file}`, 'utf8');
    return file in isolatedByName || replacesModulesOrEnv.test(text) || ownsAPage.test(text);
  })
  .sort();

export default defineConfig({
  plugins: [vue()],
  define: { __KIOSK_DEV_DOCK__: 'true' },
  test: {
    // Native addons (serialport, sqlite3, node-hid, canvas) are happiest in forked processes.
    pool: 'forks',
    // Both cores: most files wait on sockets, child processes and SQLite as much as they compute (the default is one fewer).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A failed test is tried once more; `npm test` names every test that passed only then at the end of its output
    // (a stalled moment on a shared two-core machine, never a pass for a test that fails twice).
    retry: 1,
    projects: [
      { extends: true, test: { name: 'unit', include, exclude: [...exclude, ...isolated], isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: isolated, exclude, isolate: true } },
    ],
  },
});
