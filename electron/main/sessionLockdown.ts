import type { Session } from 'electron';
import type { Log } from './log';
import { kioskScheme } from './origin';

interface SessionLockdownOptions {
  production: boolean;
  log: Log;
}

const lockedSessions = new WeakSet<Session>();

function isAllowedRequest(url: string, production: boolean): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === kioskScheme) return true;
  return !production && (scheme === 'devtools' || scheme === 'chrome-devtools');
}

/**
 * The renderer never uses a permission, a device or the network: the core
 * owns the card slot, the fingerprint reader, the printer and the central API.
 * So every prompt is answered "no" before it can reach a person at the kiosk.
 */
export function lockDownSession(session: Session, { production, log }: SessionLockdownOptions): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));

  // Without preventDefault Electron would pick the first device itself; the callbacks then cancel.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });

  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn({}, 'download cancelled');
  });

  // Second lock behind the CSP: no request leaves app:// whatever the page manages to build.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, production);
    if (!allowed) log.warn({ resourceType: details.resourceType }, 'request outside app:// cancelled');
    callback({ cancel: !allowed });
  });
}
