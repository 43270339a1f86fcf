import { expect, test } from '@playwright/test';
import { hasElectron, launchKiosk, noElectronReason } from './launch';

test.skip(!hasElectron, noElectronReason);

test('production refuses to start under a debugger (Playwright adds --inspect)', async () => {
  await expect(launchKiosk({ KIOSK_PROFILE: 'production' })).rejects.toThrow();
});
