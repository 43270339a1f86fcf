import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeEvent, FakeSession, FakeWebContents, asElectron, resetElectronFake } = await import('./testing/fakeElectron');
const { lockDownSession } = await import('./sessionLockdown');
const { recordingLog } = await import('./testing/recordingLog');

type FakeSessionT = InstanceType<typeof FakeSession>;

function lockedSession(production = true): FakeSessionT {
  const session = new FakeSession();
  lockDownSession(asElectron<Session>(session), { production, log: recordingLog() });
  return session;
}

function requestPermission(session: FakeSessionT, permission: string, details: object = {}): boolean | undefined {
  let granted: boolean | undefined;
  const handler = session.permissionRequestHandler as unknown as (wc: unknown, p: string, cb: (g: boolean) => void, d: object) => void;
  handler(new FakeWebContents(), permission, (g) => (granted = g), details);
  return granted;
}

function requestAllowed(session: FakeSessionT, url: string): boolean {
  let cancel: boolean | undefined;
  session.beforeRequest?.({ url, resourceType: 'xhr' }, (response) => (cancel = response.cancel));
  return cancel === false;
}

describe('the session lockdown', () => {
  beforeEach(() => resetElectronFake());

  it('denies a camera permission request', () => {
    expect(requestPermission(lockedSession(), 'media', { mediaTypes: ['video'] })).toBe(false);
  });

  it('denies a microphone permission request', () => {
    expect(requestPermission(lockedSession(), 'media', { mediaTypes: ['audio'] })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'display-capture'])(
    'denies a %s permission request',
    (permission) => expect(requestPermission(lockedSession(), permission)).toBe(false),
  );

  it('answers every permission check with no', () => {
    const check = lockedSession().permissionCheckHandler as unknown as (...args: unknown[]) => boolean;
    expect(check(null, 'media', 'app://kiosk', {})).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://kiosk', {})).toBe(false);
  });

  it('denies device permission for HID, serial and USB devices', () => {
    const handler = lockedSession().devicePermissionHandler as unknown as (details: object) => boolean;
    for (const deviceType of ['hid', 'serial', 'usb']) expect(handler({ deviceType, origin: 'app://kiosk' })).toBe(false);
  });

  it('cancels a HID device chooser', () => {
    const session = lockedSession();
    const event = new FakeEvent();
    const callback = vi.fn();
    session.emit('select-hid-device', event, { deviceList: [{ deviceId: 'reader' }] }, callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });

  it('cancels a serial port chooser', () => {
    const session = lockedSession();
    const event = new FakeEvent();
    const callback = vi.fn();
    session.emit('select-serial-port', event, [{ portId: 'ttyUSB0' }], new FakeWebContents(), callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('cancels a USB device chooser', () => {
    const session = lockedSession();
    const event = new FakeEvent();
    const callback = vi.fn();
    session.emit('select-usb-device', event, { deviceList: [{ deviceId: 'printer' }] }, callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith();
  });

  it('refuses Bluetooth pairing', () => {
    const callback = vi.fn();
    const handler = lockedSession().bluetoothPairingHandler as unknown as (d: object, cb: (r: object) => void) => void;
    handler({ pairingKind: 'confirm' }, callback);
    expect(callback).toHaveBeenCalledWith({ confirmed: false });
  });

  it('cancels a download', () => {
    const session = lockedSession();
    const event = new FakeEvent();
    session.emit('will-download', event, { getFilename: () => 'x.exe' }, new FakeWebContents());
    expect(event.defaultPrevented).toBe(true);
  });

  it('lets requests to app://kiosk through', () => {
    expect(requestAllowed(lockedSession(), 'app://kiosk/assets/index.js')).toBe(true);
  });

  it.each(['https://example.com/x', 'http://127.0.0.1:8080/', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'data:text/html,x'])(
    'cancels a request to %s',
    (url) => expect(requestAllowed(lockedSession(), url)).toBe(false),
  );

  it('lets devtools load outside production only', () => {
    expect(requestAllowed(lockedSession(false), 'devtools://devtools/bundled/index.html')).toBe(true);
    expect(requestAllowed(lockedSession(true), 'devtools://devtools/bundled/index.html')).toBe(false);
  });

  it('locks a session once however many webContents share it', () => {
    const session = new FakeSession();
    const log = recordingLog();
    lockDownSession(asElectron<Session>(session), { production: true, log });
    lockDownSession(asElectron<Session>(session), { production: true, log });
    expect(session.listenerCount('will-download')).toBe(1);
  });
});
