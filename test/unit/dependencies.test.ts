import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// The layer rules in .dependency-cruiser.mjs, run over the tree, and each rule
// shown to fire on a violation planted in a scratch tree of the same shape.

const root = fileURLToPath(new URL('../..', import.meta.url));
const PRODUCT = ['common', 'electron', 'drivers', 'renderer', 'central'];

let options: ICruiseOptions;
beforeAll(async () => {
  options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.mjs'));
});

function describeViolation(v: IViolation): string {
  const cycle = v.cycle ? ` (cycle: ${v.cycle.map((step) => step.name).join(' → ')})` : '';
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

/** Whether a known violation is among those the cruise softened to 'ignore' (a cycle matches by its members). */
function stillThere(known: IViolation, ignored: IViolation[]): boolean {
  return ignored.some((v) => {
    if (v.rule.name !== known.rule.name) return false;
    if (known.cycle) return v.cycle?.length === known.cycle.length && known.cycle.every((step) => v.cycle?.some((other) => other.name === step.name));
    return v.from === known.from && v.to === known.to;
  });
}

async function violations(baseDir: string, roots: string[], extra: Partial<ICruiseOptions> = {}): Promise<IViolation[]> {
  const { output } = await cruise(roots, { ...options, baseDir, ...extra });
  return (output as ICruiseResult).summary.violations;
}

describe('the dependency rules over the tree', () => {
  it('hold, known violations aside, and every known violation is still there', async () => {
    const found = await violations(root, PRODUCT);
    const broken = found.filter((v) => v.rule.severity !== 'ignore').map(describeViolation);
    expect(broken, `imports against the layer rules (.dependency-cruiser.mjs):\n${broken.join('\n')}`).toEqual([]);

    const ignored = found.filter((v) => v.rule.severity === 'ignore');
    const gone = (options.knownViolations ?? []).filter((known) => !stillThere(known, ignored)).map(describeViolation);
    expect(gone, `fixed, so take them out of knownViolations in .dependency-cruiser.mjs:\n${gone.join('\n')}`).toEqual([]);
  }, 180_000);
});

describe('each rule fires on a planted violation', () => {
  let scratch: string | undefined;
  afterEach(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  /** Writes the files into a scratch tree (with a stand-in electron package) and returns the rules they break. */
  async function plant(files: Record<string, string>): Promise<string[]> {
    scratch = await mkdtemp(join(tmpdir(), 'kiosk-deps-'));
    const all = { ...files, 'node_modules/electron/package.json': '{"name":"electron","main":"index.js"}', 'node_modules/electron/index.js': 'module.exports = {};' };
    for (const [path, text] of Object.entries(all)) {
      await mkdir(dirname(join(scratch, path)), { recursive: true });
      await writeFile(join(scratch, path), text);
    }
    const roots = PRODUCT.filter((top) => Object.keys(files).some((path) => path.startsWith(`${top}/`)));
    const found = await violations(scratch, roots, { knownViolations: [] });
    return [...new Set(found.map((v) => v.rule.name))].sort();
  }

  const target = (path: string) => ({ [path]: 'export const x = 1;\n' });
  const importing = (from: string, specifier: string, to?: string) => ({ [from]: `import { x } from '${specifier}';\nexport const y = x;\n`, ...(to ? target(to) : {}) });

  const planted: [rule: string, files: Record<string, string>][] = [
    ['no-circular', { 'common/a.ts': "import { b } from './b';\nexport const a = () => b;\n", 'common/b.ts': "import { a } from './a';\nexport const b = () => a;\n" }],
    ['common-imports-nothing-of-ours', importing('common/a.ts', '../drivers/x', 'drivers/x.ts')],
    ['contract-imports-only-common', importing('electron/contract/a.ts', '../core/x', 'electron/core/x.ts')],
    ['drivers-import-only-common', importing('drivers/card/a.ts', '../../electron/contract/x', 'electron/contract/x.ts')],
    ['core-imports-contract-drivers-common', importing('electron/core/a.ts', '../main/x', 'electron/main/x.ts')],
    ['main-imports-only-contract-and-common', importing('electron/main/a.ts', '../core/x', 'electron/core/x.ts')],
    ['main-imports-only-contract-and-common', importing('electron/preload/a.ts', '../../drivers/x', 'drivers/x.ts')],
    ['host-imports-core-contract-common', importing('electron/host/a.ts', '../../drivers/x', 'drivers/x.ts')],
    ['renderer-imports-only-contract-and-common', importing('renderer/src/a.ts', '../../electron/core/x', 'electron/core/x.ts')],
    ['central-imports-only-common', importing('central/a.ts', '../drivers/x', 'drivers/x.ts')],
    ['central-imports-only-common', importing('central/a.ts', '../electron/contract/x', 'electron/contract/x.ts')],
    ['no-central-in-product', importing('electron/core/sync/a.ts', '../../../central/x', 'central/x.ts')],
    ['no-central-in-product', { 'renderer/src/a.ts': "export const load = () => import('../../central/x');\n", ...target('central/x.ts') }],
    ['demo-central-dynamic-only', importing('electron/core/start.ts', '../../central/x', 'central/x.ts')],
    ['product-not-to-tests', importing('drivers/card/a.ts', './testing/rig', 'drivers/card/testing/rig.ts')],
    ['electron-only-in-main', importing('electron/core/a.ts', 'electron')],
    ['no-node-in-common-or-renderer', importing('common/a.ts', 'node:fs')],
    ['no-node-in-common-or-renderer', importing('renderer/src/a.ts', 'node:path')],
  ];

  it.each(planted)('%s: %j', async (rule, files) => {
    expect(await plant(files)).toEqual([rule]);
  });

  it('plants a case for every rule in the config', () => {
    const names = new Set(planted.map(([rule]) => rule));
    expect((options.ruleSet?.forbidden ?? []).map((rule) => rule.name).sort()).toEqual([...names].sort());
  });

  it('lets each layer import what lies under it, and tests and rigs cross freely', async () => {
    const allowed = {
      ...target('common/x.ts'),
      ...importing('electron/contract/a.ts', '../../common/x'),
      ...importing('drivers/card/a.ts', '../../common/x'),
      'electron/core/a.ts': "import '../contract/a';\nimport '../../drivers/card/a';\nimport { x } from '../../common/x';\nexport const y = x;\n",
      'electron/main/a.ts': "import 'electron';\nimport '../contract/a';\nimport { x } from '../../common/x';\nexport const y = x;\n",
      ...importing('electron/preload/a.ts', '../contract/a'),
      ...importing('electron/host/a.ts', '../core/a'),
      ...importing('renderer/src/a.ts', '../../electron/contract/a'),
      ...importing('central/a.ts', '../common/x'),
      ...importing('central/testing/people.ts', '../../drivers/card/a'),
      ...importing('electron/core/a.test.ts', '../../central/a'),
      'electron/core/start.ts': "import type { x } from '../../central/a';\nexport const load = (): Promise<typeof x> => import('../../central/a').then((m) => m.x);\n",
      'drivers/lab/main.ts': "export const load = () => import('../../central/a');\n",
    };
    expect(await plant(allowed)).toEqual([]);
  });
});
