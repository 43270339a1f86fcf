import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeBrowserWindow, fakeApp, resetElectronFake } = await import('./testing/fakeElectron');
const { createKioskWindow } = await import('./kioskWindow');

const preload = '/opt/kiosk/out/preload/index.cjs';

function created(production = true) {
  createKioskWindow({ preload, production });
  const window = FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window');
  return window;
}

function webPreferences(window: InstanceType<typeof FakeBrowserWindow>): Record<string, unknown> {
  return window.options.webPreferences as Record<string, unknown>;
}

describe('the kiosk window', () => {
  beforeEach(() => resetElectronFake());

  it('is a frameless fullscreen kiosk window with a background colour', () => {
    expect(created().options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, backgroundColor: expect.stringMatching(/^#/) });
  });

  it('stays hidden until ready-to-show', () => {
    const window = created();
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
  ])('sets %s to %s', (name, value) => {
    expect(webPreferences(created())[name]).toBe(value);
  });

  it('leaves enableBlinkFeatures unset', () => {
    expect(webPreferences(created())).not.toHaveProperty('enableBlinkFeatures');
  });

  it('turns off middle-click (Auxclick), which would ask to open links in new windows', () => {
    expect(webPreferences(created()).disableBlinkFeatures).toBe('Auxclick');
  });

  it('loads the sandboxed CommonJS preload', () => {
    expect(webPreferences(created()).preload).toBe(preload);
  });

  it('has no devtools in production', () => {
    expect(webPreferences(created(true)).devTools).toBe(false);
  });

  it('has devtools outside production', () => {
    expect(webPreferences(created(false)).devTools).toBe(true);
  });

  it('loads the start page from app://kiosk', () => {
    expect(created().webContents.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
  });

  it('cannot be closed from the window manager or Alt+F4', () => {
    expect(created().requestClose()).toBe(false);
  });

  it('closes when the app quits', () => {
    const window = created();
    fakeApp.emit('before-quit', { preventDefault() {} });
    expect(window.requestClose()).toBe(true);
  });
});
