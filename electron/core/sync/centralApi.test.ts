import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

describe('the generated central API types', () => {
  it('match the committed OpenAPI document (regenerate: npx openapi-typescript central/openapi.json -o electron/core/sync/centralApi.d.ts)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'central-api-'));
    try {
      const fresh = join(dir, 'centralApi.d.ts');
      await run(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), join(root, 'central/openapi.json'), '-o', fresh], { cwd: root });
      const committed = await readFile(join(root, 'electron/core/sync/centralApi.d.ts'), 'utf8');
      expect(committed === (await readFile(fresh, 'utf8')), 'electron/core/sync/centralApi.d.ts is stale against central/openapi.json').toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
