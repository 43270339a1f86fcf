import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeBrowserWindow, asElectron, fakeApp, resetElectronFake } = await import('./testing/fakeElectron');
const { claimSingleInstance } = await import('./singleInstance');

describe('single instance', () => {
  beforeEach(() => resetElectronFake());

  it('a second instance quits', () => {
    fakeApp.hasSingleInstanceLock = false;
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(fakeApp.quit).toHaveBeenCalled();
  });

  it('the first instance keeps running', () => {
    expect(claimSingleInstance(() => null)).toBe(true);
    expect(fakeApp.quit).not.toHaveBeenCalled();
  });

  it('the first instance comes back to the front when a second starts', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    claimSingleInstance(() => asElectron<BrowserWindow>(window));
    fakeApp.emit('second-instance', {}, ['kiosk'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.visible).toBe(true);
    expect(window.focus).toHaveBeenCalled();
  });
});
