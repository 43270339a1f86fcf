import { app } from 'electron';
import type { BrowserWindow } from 'electron';

/**
 * Two kiosk instances would fight over the card slot and the screen. Returns
 * false when this is the second one, which then quits; the first one comes to
 * the front instead.
 */
export function claimSingleInstance(currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
