import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronBinary = findElectronBinary({ root });
export const hasElectron = electronBinary.path !== null;
export const noElectronReason = `no Electron binary on this machine: ${electronBinary.reason ?? ''}`;

export interface LaunchedKiosk {
  app: ElectronApplication;
  page: Page;
}

/**
 * Playwright drives Electron through --inspect and --remote-debugging-port,
 * which the production profile refuses; so the kiosk runs in the demo profile
 * here, whose lockdown differs only in letting devtools exist.
 */
export async function launchKiosk(env: Record<string, string> = {}): Promise<LaunchedKiosk> {
  if (!electronBinary.path) throw new Error(noElectronReason);
  const app = await _electron.launch({
    executablePath: electronBinary.path,
    args: ['out/main/index.js'],
    cwd: root,
    env: { ...process.env, KIOSK_PROFILE: 'demo', ...env } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}
