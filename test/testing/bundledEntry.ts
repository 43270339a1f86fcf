import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundle } from '../../scripts/nodeBundle.mjs';

const root = new URL('../..', import.meta.url).pathname;
const built = new Map<string, Promise<string>>();

/**
 * A TypeScript entry (`electron/core/devices/cli/main.ts`, path from the project root) bundled once per test
 * process with the build's settings (scripts/nodeBundle.mjs; packages external), so a spec that starts it many times pays
 * Node's start, not tsx compiling every file of it again (≈ 0.95 s a start against ≈ 0.55 s, quiet machine).
 * The file sits two folders below the root, as out/host/index.js does, so paths the code finds from its own
 * location (the package.json beside the root) mean the same.
 */
export function bundledEntry(entry: string): Promise<string> {
  let bundle = built.get(entry);
  if (!bundle) {
    const dir = join(root, 'test-results/bundles');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `${basename(entry, '.ts')}-${createHash('sha256').update(entry).digest('hex').slice(0, 8)}-${process.pid}.mjs`);
    bundle = build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      ...nodeBundle,
      packages: 'external',
      logLevel: 'warning',
    }).then(() => outfile);
    built.set(entry, bundle);
  }
  return bundle;
}
