import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('the renderer may import the contract', async () => {
    expect(await boundaryErrors('renderer/src/x.ts', "import { KioskError } from '../../electron/contract';\nexport const e = KioskError;\n")).toEqual([]);
  });

  it.each([
    ["import { KioskCore } from '../../electron/core/kiosk';", 'core'],
    ["import '../../electron/main/index';", 'main'],
    ["import { ipcRenderer } from 'electron';", 'electron'],
    ["import '../../drivers/fingerprint/driver';", 'drivers'],
    ["import { readFile } from 'node:fs';", 'node'],
  ])('the renderer may not: %s', async (line) => {
    expect(await boundaryErrors('renderer/src/x.ts', `${line}\nexport {};\n`)).toHaveLength(1);
  });

  it.each(['electron/core/x.ts', 'electron/contract/x.ts', 'drivers/x.ts', 'electron/host/x.ts'])('%s may not import electron', async (file) => {
    expect(await boundaryErrors(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('the contract stays pure: no Node, no core', async () => {
    expect(await boundaryErrors('electron/contract/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/contract/x.ts', "import { KioskCore } from '../core/kiosk';\nexport const k = KioskCore;\n")).toHaveLength(1);
  });

  it('the renderer may use the shared validation rules, and nothing else of central', async () => {
    expect(await boundaryErrors('renderer/src/x.ts', "import { checkIdNumber } from '../../common/rules';\nexport const v = checkIdNumber;\n")).toEqual([]);
    expect(await boundaryErrors('renderer/src/x.ts', "import { startCentral } from '../../central/server';\nexport const s = startCentral;\n")).toHaveLength(1);
  });

  it('main may import electron', async () => {
    expect(await boundaryErrors('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
