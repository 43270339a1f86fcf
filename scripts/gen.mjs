#!/usr/bin/env node
// `npm run gen`: rewrites every generated file from its source, in order (a
// file made from another is made from the fresh one).
// `npm run gen -- --check`: writes nothing; fails, naming them, when a
// committed generated file differs from what its generator makes now. `npm test`
// runs the check first.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const check = process.argv.includes('--check');

/**
 * Each generated file: what it is made from, and how (`make(out, fresh)` writes
 * it to `out`; `fresh` maps the files made before it to their fresh copies, for
 * a file made from another).
 */
const generated = [
  {
    file: 'central/openapi.json',
    from: 'common/wire/routes/ (the route table)',
    make: (out) => run('node_modules/.bin/tsx', ['central/scripts/writeOpenapi.ts', out]),
  },
];

function run(cmd, args) {
  const done = spawnSync(cmd, args, { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${done.stderr || done.stdout}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-gen-'));
const fresh = new Map();
const stale = [];
try {
  for (const entry of generated) {
    const out = join(scratch, `${fresh.size}-${basename(entry.file)}`);
    entry.make(out, fresh);
    fresh.set(entry.file, out);
    const same = existsSync(entry.file) && readFileSync(entry.file).equals(readFileSync(out));
    if (same) {
      process.stdout.write(`gen: ${entry.file} is current\n`);
    } else if (check) {
      stale.push(entry);
    } else {
      copyFileSync(out, entry.file);
      process.stdout.write(`gen: ${entry.file} rewritten from ${entry.from}\n`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (stale.length) {
  for (const entry of stale) process.stderr.write(`gen: ${entry.file} is stale: its generator makes something else from ${entry.from}\n`);
  process.stderr.write('gen: run `npm run gen` and commit the result\n');
  process.exit(1);
}
