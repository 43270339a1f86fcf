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
    ["import { z } from 'zod';", 'zod (the bundle carries no schemas)'],
    ["import { serveKioskApi } from '../../electron/contract/serve';", "the core's side of the contract"],
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

  it('the contract may not import central or the renderer', async () => {
    expect(await boundaryErrors('electron/contract/x.ts', "import { routes } from '../../central/app';\nexport const r = routes;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/contract/x.ts', "import { useSession } from '../../renderer/src/stores/session';\nexport const u = useSession;\n")).toHaveLength(1);
  });

  it('main and preload may import the contract and common, and nothing of the core or the devices', async () => {
    expect(await boundaryErrors('electron/main/x.ts', "import { KioskError } from '../contract';\nimport { sleep } from '../../common/time';\nexport const k = [KioskError, sleep];\n")).toEqual([]);
    expect(await boundaryErrors('electron/preload/x.ts', "import { CHANNEL } from '../contract/channel';\nexport const c = CHANNEL;\n")).toEqual([]);
  });

  it.each([
    ['electron/main/x.ts', "import { startCore } from '../core/start';"],
    ['electron/main/x.ts', "import { KioskCore } from '../../electron/core/kiosk';"],
    ['electron/main/x.ts', "import { startBrowserHost } from '../host/server';"],
    ['electron/main/x.ts', "import { CardSlotDriver } from '../../drivers/cardSlot/driver';"],
    ['electron/main/x.ts', "import { startCentral } from '../../central/server';"],
    ['electron/preload/x.ts', "import { log } from '../core/log';"],
    ['electron/preload/x.ts', "import { FingerprintDriver } from '../../drivers/fingerprint/driver';"],
  ])('%s may not: %s', async (file, line) => {
    expect(await boundaryErrors(file, `${line}\nexport {};\n`)).toHaveLength(1);
  });

  it('the core may import the contract, drivers and common, and central only dynamically', async () => {
    const allowed = "import { KioskError } from '../contract';\nimport { CardSlotDriver } from '../../drivers/cardSlot/driver';\nimport { ok } from '../../common/result';\nexport const all = [KioskError, CardSlotDriver, ok];\nexport const central = () => import('../../central/server');\n";
    expect(await boundaryErrors('electron/core/x.ts', allowed)).toEqual([]);
  });

  it.each([
    "import { startCentral } from '../../central/server';",
    "import { createKioskWindow } from '../main/kioskWindow';",
    "import { startBrowserHost } from '../../host/server';",
    "import '../../../electron/preload/index';",
    "import KioskApp from '../../renderer/src/KioskApp.vue';",
  ])('the core may not: %s', async (line) => {
    expect(await boundaryErrors('electron/core/sync/x.ts', `${line}\nexport {};\n`)).toHaveLength(1);
  });

  it('the core may name central\'s types (nothing of central is loaded at run time)', async () => {
    expect(await boundaryErrors('electron/core/devDock/x.ts', "import type { RunningCentral } from '../../../central/server';\nexport type R = RunningCentral;\n")).toEqual([]);
  });

  it('drivers may import common, and nothing of electron/, the renderer or central', async () => {
    expect(await boundaryErrors('drivers/cardSlot/x.ts', "import { Lock } from '../../common/lock';\nexport const l = Lock;\n")).toEqual([]);
    for (const line of ["import { KioskCore } from '../../electron/core/kiosk';", "import { KioskError } from '../../electron/contract';", "import { startCentral } from '../../central/server';", "import '../../renderer/src/main';"]) {
      expect(await boundaryErrors('drivers/cardSlot/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
  });

  it('the browser host may import the core and the contract, and not main, drivers or central', async () => {
    expect(await boundaryErrors('electron/host/x.ts', "import { startCore } from '../core/start';\nimport { KioskError } from '../contract';\nexport const s = [startCore, KioskError];\n")).toEqual([]);
    for (const line of ["import { createKioskWindow } from '../main/kioskWindow';", "import { CardSlotDriver } from '../../drivers/cardSlot/driver';", "import { startCentral } from '../../central/server';"]) {
      expect(await boundaryErrors('electron/host/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
  });

  it('central may import common, and nothing of electron/, drivers or the renderer', async () => {
    expect(await boundaryErrors('central/citizens/x.ts', "import { routes } from '../../common/wire/routes';\nexport const r = routes;\n")).toEqual([]);
    for (const line of ["import { KioskCore } from '../../electron/core/kiosk';", "import { FingerprintReader } from '../../drivers/fingerprint/driver';", "import '../../renderer/src/main';"]) {
      expect(await boundaryErrors('central/citizens/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
  });

  it('tests and rigs may import across layers', async () => {
    const across = "import { startCentral } from '../../central/server';\nimport { CardSlotDriver } from '../../drivers/cardSlot/driver';\nexport const a = [startCentral, CardSlotDriver];\n";
    expect(await boundaryErrors('electron/core/x.test.ts', across)).toEqual([]);
    expect(await boundaryErrors('electron/core/testing/x.ts', across)).toEqual([]);
    expect(await boundaryErrors('central/testing/x.ts', "import { captureFinger } from '../../common/fingerprint/capture';\nexport const c = captureFinger;\n")).toEqual([]);
  });
});
