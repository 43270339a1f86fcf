import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INITIAL_RENDERER_JS_BUDGET_KIB, initialRendererJs, rendererBudgetProblem } from './rendererBudget.mjs';

/**
 * The build's guard on the initial renderer JavaScript (issue 10): what index.html loads and those files import
 * statically counts, gzip; a chunk reached only by import() does not.
 */

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Filler that gzips to about `kib` KiB: base64 of random bytes compresses back to about the bytes it encodes. */
const filler = (kib: number) => `/*${randomBytes(kib * 1024).toString('base64')}*/`;

async function renderer(html: string, assets: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'renderer-budget-'));
  dirs.push(dir);
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), html);
  for (const [name, text] of Object.entries(assets)) await writeFile(join(dir, 'assets', name), text);
  return dir;
}

const page = (head: string) => `<!doctype html><html><head>${head}<link rel="stylesheet" crossorigin href="./assets/index.css"></head><body></body></html>`;

describe('the initial renderer JavaScript budget', () => {
  it('is 125 KiB gzip', () => {
    expect(INITIAL_RENDERER_JS_BUDGET_KIB).toBe(125);
  });

  it('counts the entry script, its modulepreloads and their static imports, not lazy chunks', async () => {
    const dir = await renderer(
      page('<script type="module" crossorigin src="./assets/index-a.js"></script><link rel="modulepreload" crossorigin href="./assets/vendor-b.js">'),
      {
        'index-a.js': `import{v as x}from"./vendor-b.js";import"./shared-c.js";const m=()=>import("./Lazy-d.js");${filler(30)}`,
        'vendor-b.js': `export const v=1;${filler(30)}`,
        'shared-c.js': `export{v}from"./vendor-b.js";${filler(20)}`,
        'Lazy-d.js': `import{v}from"./vendor-b.js";${filler(400)}`,
        'index.css': 'body{}',
      },
    );
    const measured = initialRendererJs(dir);
    expect(measured.files.map((f) => f.file).sort()).toEqual(['assets/index-a.js', 'assets/shared-c.js', 'assets/vendor-b.js']);
    expect(measured.kib).toBeGreaterThan(78);
    expect(measured.kib).toBeLessThan(85);
    expect(rendererBudgetProblem(dir)).toBeNull();
  });

  it('fails a build whose first page pulls in more than the budget, naming the sizes', async () => {
    const dir = await renderer(page('<script type="module" crossorigin src="./assets/index-a.js"></script>'), {
      'index-a.js': `import"./Big-e.js";${filler(20)}`,
      'Big-e.js': filler(120),
      'index.css': 'body{}',
    });
    const problem = rendererBudgetProblem(dir);
    expect(problem).toMatch(/initial renderer JavaScript is 14\d\.\d KiB gzip, over the 125 KiB budget/);
    expect(problem).toContain('assets/Big-e.js');
    // The same files under a bigger budget pass: the figure, not the file list, decides.
    expect(rendererBudgetProblem(dir, 200)).toBeNull();
  });

  it('refuses a page that names no script, or a script that was not built', async () => {
    const noScript = await renderer(page(''), {});
    const notBuilt = await renderer(page('<script type="module" src="./assets/gone.js"></script>'), {});
    expect(() => initialRendererJs(noScript)).toThrow(/names no script/);
    expect(() => initialRendererJs(notBuilt)).toThrow(/is named but not built/);
  });
});
