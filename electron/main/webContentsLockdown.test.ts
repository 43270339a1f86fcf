import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeEvent, FakeWebContents, asElectron, fakeApp, keyInput, resetElectronFake } = await import('./testing/fakeElectron');
const { lockDownEveryWebContents, lockDownWebContents } = await import('./webContentsLockdown');
const { recordingLog } = await import('./testing/recordingLog');

describe('the webContents lockdown', () => {
  beforeEach(() => resetElectronFake());

  it('reaches every webContents the app creates', () => {
    lockDownEveryWebContents({ production: true, log: recordingLog() });
    const contents = new FakeWebContents();
    fakeApp.emit('web-contents-created', new FakeEvent(), contents);
    const navigation = new FakeEvent({ url: 'https://example.com' });
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    const key = new FakeEvent();
    contents.emit('before-input-event', key, keyInput('F12'));
    expect(key.defaultPrevented).toBe(true);
    expect(contents.session.permissionRequestHandler).not.toBeNull();
  });

  it('closes devtools that open in production', () => {
    const contents = new FakeWebContents();
    lockDownWebContents(asElectron<WebContents>(contents), { production: true, log: recordingLog() });
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
  });

  it('leaves devtools open outside production', () => {
    const contents = new FakeWebContents();
    lockDownWebContents(asElectron<WebContents>(contents), { production: false, log: recordingLog() });
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).not.toHaveBeenCalled();
  });

  it('cancels a Bluetooth device chooser', () => {
    const contents = new FakeWebContents();
    lockDownWebContents(asElectron<WebContents>(contents), { production: true, log: recordingLog() });
    const event = new FakeEvent();
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'phone' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });
});
