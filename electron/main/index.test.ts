import type * as MainLog from './log';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// One fake for the whole file: each launch re-imports main's modules, and they must all see the same Electron.
const fake = await vi.hoisted(async () => import('./testing/fakeElectron'));
vi.mock('electron', () => fake.electronModule);
vi.mock('./log', async () => {
  const { silentLog } = await vi.importActual<typeof MainLog>('./log');
  return { silentLog, createMainLog: () => silentLog };
});
const { FakeBrowserWindow, FakeUtilityProcess, fakeApp, fakeMenu, fakePowerSaveBlocker, fakeProtocol, resetElectronFake } = fake;

const savedArgv = process.argv;
const savedProfile = process.env.KIOSK_PROFILE;

/** Loads main's entry afresh, as Electron would at launch, and lets `whenReady` resolve. */
async function launch({ argv = [], production = false }: { argv?: string[]; production?: boolean } = {}) {
  process.argv = ['/opt/kiosk/kiosk', ...argv, 'out/main/index.js'];
  if (production) process.env.KIOSK_PROFILE = 'production';
  else delete process.env.KIOSK_PROFILE;
  vi.resetModules();
  await import('./index');
  await new Promise((resolve) => setImmediate(resolve));
}

describe('main entry', () => {
  beforeEach(() => {
    resetElectronFake();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.argv = savedArgv;
    if (savedProfile === undefined) delete process.env.KIOSK_PROFILE;
    else process.env.KIOSK_PROFILE = savedProfile;
    vi.restoreAllMocks();
  });

  it('production + --inspect → refuses to start', async () => {
    await launch({ argv: ['--inspect=9229'], production: true });
    expect(fakeApp.exit).toHaveBeenCalledWith(1);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('--inspect'));
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(fakeProtocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('production + --remote-debugging-port → refuses to start', async () => {
    await launch({ argv: ['--remote-debugging-port=9222'], production: true });
    expect(fakeApp.exit).toHaveBeenCalledWith(1);
  });

  it('a packaged build counts as production whatever KIOSK_PROFILE says', async () => {
    fakeApp.isPackaged = true;
    await launch({ argv: ['--inspect-brk'] });
    expect(fakeApp.exit).toHaveBeenCalledWith(1);
  });

  it('outside production, --inspect is allowed for development', async () => {
    await launch({ argv: ['--inspect'] });
    expect(fakeApp.exit).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('second instance → quits without opening anything', async () => {
    fakeApp.hasSingleInstanceLock = false;
    await launch({ production: true });
    expect(fakeApp.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(FakeUtilityProcess.forked).toHaveLength(0);
  });

  it('registers app:// as privileged before the app is ready', async () => {
    let registeredBeforeReady = false;
    fakeApp.whenReady.mockImplementationOnce(() => {
      registeredBeforeReady = fakeProtocol.registerSchemesAsPrivileged.mock.calls.length === 1;
      return Promise.resolve();
    });
    await launch({ production: true });
    expect(registeredBeforeReady).toBe(true);
  });

  it('sandboxes every renderer', async () => {
    await launch({ production: true });
    expect(fakeApp.enableSandbox).toHaveBeenCalled();
  });

  it('appends no command-line switches', async () => {
    await launch({ production: true });
    expect(fakeApp.commandLine.appendSwitch).not.toHaveBeenCalled();
    expect(fakeApp.commandLine.appendArgument).not.toHaveBeenCalled();
  });

  it('removes the application menu', async () => {
    await launch({ production: true });
    expect(fakeMenu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('keeps the display awake', async () => {
    await launch({ production: true });
    expect(fakePowerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('serves app:// and opens the kiosk window with the CommonJS preload', async () => {
    await launch({ production: true });
    expect(fakeProtocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const webPreferences = FakeBrowserWindow.created[0]?.options.webPreferences as Record<string, unknown>;
    expect(String(webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('starts the core from out/core/utility.js', async () => {
    await launch({ production: true });
    expect(FakeUtilityProcess.forked[0]?.modulePath).toMatch(/core[/\\]utility\.js$/);
  });

  it('locks down the window it creates', async () => {
    await launch({ production: true });
    const contents = FakeBrowserWindow.created[0]?.webContents;
    expect(contents?.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(fake.fakeSession.defaultSession.permissionRequestHandler).not.toBeNull();
  });
});
