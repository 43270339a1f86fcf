import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 10: a file a person can read. Every product source file (what ships or runs the product: tests, test rigs and
// type declarations aside) stays at 400 lines or under; one that grows past it is split along the seams it has (a
// device's vocabulary from the device, a service's options from the service), not let grow.

const root = fileURLToPath(new URL('../..', import.meta.url));
const LIMIT = 400;

/** Product source files git knows, with their line counts. */
function productFiles(): { file: string; lines: number }[] {
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'common', 'electron', 'drivers', 'renderer', 'central', 'scripts', 'packaging'], { cwd: root, encoding: 'utf8' });
  return tracked
    .split('\n')
    .filter((file) => /\.(ts|mts|mjs|js|vue)$/.test(file) && !/(\.test\.|\.spec\.|\/testing\/|\.d\.ts$)/.test(file) && existsSync(`${root}${file}`))
    .map((file) => ({ file, lines: readFileSync(`${root}${file}`, 'utf8').split('\n').length }));
}

describe('product files', () => {
  it(`are at most ${LIMIT} lines each`, () => {
    const files = productFiles();
    expect(files.length).toBeGreaterThan(300);
    expect(files.filter((f) => f.lines > LIMIT)).toEqual([]);
  });
});
