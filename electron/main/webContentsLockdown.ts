import { app } from 'electron';
import type { WebContents } from 'electron';
import { guardKeyboard, guardZoom } from './keyboardGuard';
import type { Log } from './log';
import { guardNavigation } from './navigationGuard';
import { lockDownSession } from './sessionLockdown';

interface LockdownOptions {
  production: boolean;
  log: Log;
}

export function lockDownWebContents(contents: WebContents, options: LockdownOptions): void {
  guardNavigation(contents, options.log);
  guardKeyboard(contents, options.log);
  guardZoom(contents);
  lockDownSession(contents.session, options);

  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });

  // devTools:false already refuses to open them; this catches any path we did not foresee.
  contents.on('devtools-opened', () => {
    if (options.production) contents.closeDevTools();
  });
}

/** Every webContents, not only the kiosk window's: a devtools or stray one gets the same locks. */
export function lockDownEveryWebContents(options: LockdownOptions): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, options));
}
