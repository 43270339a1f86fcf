import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeBrowserWindow, FakeEvent, asElectron, resetElectronFake } = await import('./testing/fakeElectron');
const { superviseRenderer } = await import('./rendererRecovery');
const { recordingLog } = await import('./testing/recordingLog');

type Window = InstanceType<typeof FakeBrowserWindow>;
const startUrl = 'app://kiosk/index.html';

function supervised(overrides: Partial<Parameters<typeof superviseRenderer>[0]> = {}) {
  const recovery = superviseRenderer({
    createWindow: () => asElectron<BrowserWindow>(new FakeBrowserWindow({})),
    startUrl,
    log: recordingLog(),
    reloadBackoff: { baseMs: 1_000, capMs: 8_000, jitter: 'none' },
    crashesBeforeRecreate: 3,
    crashWindowMs: 60_000,
    hangGraceMs: 5_000,
    stableAfterMs: 30_000,
    ...overrides,
  });
  const current = () => asElectron<Window>(recovery.current());
  return { recovery, current };
}

function crash(window: Window): void {
  window.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
}

describe('renderer recovery', () => {
  beforeEach(() => {
    resetElectronFake();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('reloads the start page after a renderer crash, once the backoff has passed', () => {
    const { current } = supervised();
    const window = current();
    crash(window);
    vi.advanceTimersByTime(999);
    expect(window.webContents.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(window.webContents.loadURL).toHaveBeenCalledWith(startUrl);
  });

  it('waits longer after each crash in a row', () => {
    const { current } = supervised({ crashesBeforeRecreate: 100 });
    const window = current();
    crash(window);
    vi.advanceTimersByTime(1_000);
    crash(window);
    vi.advanceTimersByTime(1_999);
    expect(window.webContents.loadURL).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(window.webContents.loadURL).toHaveBeenCalledTimes(2);
  });

  it('caps the backoff', () => {
    const { current } = supervised({ crashesBeforeRecreate: 100, crashWindowMs: 1 });
    const window = current();
    for (let i = 0; i < 8; i++) {
      crash(window);
      vi.advanceTimersByTime(8_000);
    }
    expect(window.webContents.loadURL).toHaveBeenCalledTimes(8);
  });

  it('recreates the window after repeated crashes', () => {
    const { current } = supervised();
    const first = current();
    for (let i = 0; i < 3; i++) {
      crash(first);
      vi.advanceTimersByTime(8_000);
    }
    expect(FakeBrowserWindow.created).toHaveLength(2);
    expect(current()).not.toBe(first);
    expect(first.isDestroyed()).toBe(true);
  });

  it('keeps recovering the recreated window', () => {
    const { current } = supervised();
    for (let i = 0; i < 3; i++) {
      crash(current());
      vi.advanceTimersByTime(8_000);
    }
    const second = current();
    crash(second);
    vi.advanceTimersByTime(8_000);
    expect(second.webContents.loadURL).toHaveBeenCalledWith(startUrl);
  });

  it('reloads rather than recreates when the crashes are far apart', () => {
    const { current } = supervised({ crashWindowMs: 10_000 });
    const window = current();
    for (let i = 0; i < 3; i++) {
      crash(window);
      vi.advanceTimersByTime(20_000);
    }
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window.webContents.loadURL).toHaveBeenCalledTimes(3);
  });

  it('starts the backoff again once the renderer has stayed up', () => {
    const { current } = supervised({ crashesBeforeRecreate: 100 });
    const window = current();
    crash(window);
    vi.advanceTimersByTime(1_000);
    crash(window);
    vi.advanceTimersByTime(2_000);
    window.webContents.emit('did-finish-load');
    vi.advanceTimersByTime(30_000);
    crash(window);
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.loadURL).toHaveBeenCalledTimes(3);
  });

  it('kills and reloads a renderer still unresponsive after the grace period', () => {
    const { current } = supervised();
    const window = current();
    const kill = vi.spyOn(window.webContents, 'forcefullyCrashRenderer');
    window.emit('unresponsive');
    vi.advanceTimersByTime(4_999);
    expect(kill).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kill).toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.loadURL).toHaveBeenCalledWith(startUrl);
  });

  it('leaves a renderer alone that becomes responsive within the grace period', () => {
    const { current } = supervised();
    const window = current();
    const kill = vi.spyOn(window.webContents, 'forcefullyCrashRenderer');
    window.emit('unresponsive');
    vi.advanceTimersByTime(3_000);
    window.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(kill).not.toHaveBeenCalled();
    expect(window.webContents.loadURL).not.toHaveBeenCalled();
  });

  it('retries a start page that failed to load', () => {
    const { current } = supervised();
    const window = current();
    window.webContents.emit('did-fail-load', new FakeEvent(), -6, 'ERR_FILE_NOT_FOUND', startUrl, true);
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.loadURL).toHaveBeenCalledWith(startUrl);
  });

  it('ignores an aborted load, which is one navigation replacing another', () => {
    const { current } = supervised();
    const window = current();
    window.webContents.emit('did-fail-load', new FakeEvent(), -3, 'ERR_ABORTED', startUrl, true);
    vi.advanceTimersByTime(60_000);
    expect(window.webContents.loadURL).not.toHaveBeenCalled();
  });

  it('does nothing more once disposed at quit', () => {
    const { recovery, current } = supervised();
    const window = current();
    crash(window);
    recovery.dispose();
    vi.advanceTimersByTime(60_000);
    expect(window.webContents.loadURL).not.toHaveBeenCalled();
  });
});
