import { app, BrowserWindow } from 'electron';
import { kioskStartUrl } from './origin';

interface KioskWindowOptions {
  preload: string;
  production: boolean;
}

/** The attract screen's background, so nothing flashes white while the renderer starts. */
const kioskBackground = '#0b3d2e';

export function createKioskWindow({ preload, production }: KioskWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    show: false,
    backgroundColor: kioskBackground,
    autoHideMenuBar: true,
    webPreferences: {
      // electronegativity-justified: PRELOAD_JS_CHECK sandboxed preload; it exposes only the contract's named methods through contextBridge, never ipcRenderer or Node.
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would otherwise try to open a link in a new window (denied anyway, but never asked).
      disableBlinkFeatures: 'Auxclick',
      devTools: !production,
    },
  });
  window.once('ready-to-show', () => window.show());

  // Alt+F4 and window-manager close buttons reach here without a key event; only a real quit may close.
  let quitting = false;
  const allowClose = () => {
    quitting = true;
  };
  app.on('before-quit', allowClose);
  window.once('closed', () => app.off('before-quit', allowClose));
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
  // A failed first load is the renderer supervisor's to retry (did-fail-load), not an unhandled rejection.
  window.loadURL(kioskStartUrl).catch(() => undefined);
  return window;
}
