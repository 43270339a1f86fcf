import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Hand-written stand-ins for the parts of Electron the main process uses. They
 * behave like Electron's objects where our code depends on it: EventEmitters
 * that emit the same events with the same arguments, preventDefault on events,
 * windows that announce their webContents through app's web-contents-created.
 */

export class FakeEvent {
  defaultPrevented = false;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Handler = (...args: never[]) => unknown;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  bluetoothPairingHandler: Handler | null = null;
  beforeRequest: ((details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: NonNullable<FakeSession['beforeRequest']>) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler | null): void {
    this.devicePermissionHandler = handler;
  }
  setBluetoothPairingHandler(handler: Handler | null): void {
    this.bluetoothPairingHandler = handler;
  }
}

let nextFrameId = 1;
export class FakeWebFrame {
  readonly frameTreeNodeId = nextFrameId++;
  readonly frames: FakeWebFrame[] = [];
  constructor(
    public url: string,
    public readonly parent: FakeWebFrame | null = null,
  ) {
    parent?.frames.push(this);
  }
  get top(): FakeWebFrame {
    return this.parent ? this.parent.top : this;
  }
}

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeWebFrame('');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  zoomLevel = 0;
  visualZoomLimits: [number, number] | null = null;
  destroyed = false;
  readonly loadURL = vi.fn(async (url: string) => {
    this.mainFrame.url = url;
  });
  readonly postMessage = vi.fn<(channel: string, message: unknown, transfer?: FakeMessagePortMain[]) => void>();
  readonly closeDevTools = vi.fn();
  constructor(public readonly session: FakeSession = new FakeSession()) {
    super();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
  /** Like Electron: the renderer dies and render-process-gone follows. */
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Sends an IPC message from a frame of this page to main. */
  sendToMain(channel: string, frame: FakeWebFrame | null = this.mainFrame): void {
    fakeIpcMain.emit(channel, { sender: this, senderFrame: frame, ports: [] });
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  visible = false;
  minimized = false;
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  constructor(public readonly options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents(fakeSession.defaultSession);
    FakeBrowserWindow.created.push(this);
    fakeApp.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  /** What a close button or Alt+F4 at the window manager does: close unless prevented. */
  requestClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
}

export class FakeMessagePortMain extends EventEmitter {
  peer: FakeMessagePortMain | null = null;
  readonly start = vi.fn();
  readonly close = vi.fn();
  postMessage(data: unknown): void {
    const peer = this.peer;
    queueMicrotask(() => peer?.emit('message', { data, ports: [] }));
  }
}

export class FakeMessageChannelMain {
  static readonly created: FakeMessageChannelMain[] = [];
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
    FakeMessageChannelMain.created.push(this);
  }
}

let nextPid = 1000;
export class FakeUtilityProcess extends EventEmitter {
  static readonly forked: FakeUtilityProcess[] = [];
  pid: number | undefined = undefined;
  readonly stdout = null;
  readonly stderr = null;
  readonly postMessage = vi.fn<(message: unknown, transfer?: FakeMessagePortMain[]) => void>();
  readonly kill = vi.fn(() => {
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  });
  constructor(
    public readonly modulePath: string,
    public readonly args: string[],
    public readonly options: Record<string, unknown>,
  ) {
    super();
    FakeUtilityProcess.forked.push(this);
  }
  /** The OS process started: Electron emits 'spawn'. */
  spawned(): void {
    this.pid = nextPid++;
    this.emit('spawn');
  }
  exited(code: number): void {
    this.pid = undefined;
    this.emit('exit', code);
  }
}

class FakeCommandLine {
  readonly switches = new Map<string, string>();
  readonly appendSwitch = vi.fn((name: string, value = '') => void this.switches.set(name, value));
  readonly appendArgument = vi.fn();
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasSingleInstanceLock = true;
  commandLine = new FakeCommandLine();
  readonly requestSingleInstanceLock = vi.fn(() => this.hasSingleInstanceLock);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly whenReady = vi.fn(() => Promise.resolve());
}

export const fakeApp = new FakeApp();
export const fakeIpcMain = new EventEmitter();
export const fakeSession = { defaultSession: new FakeSession() };
export const fakeProtocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};
export const fakePowerSaveBlocker = { start: vi.fn(() => 1), stop: vi.fn() };
export const fakeMenu = { setApplicationMenu: vi.fn() };
export const fakeUtilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => new FakeUtilityProcess(modulePath, args, options)),
};

/** What `vi.mock('electron', …)` returns. */
export const electronModule = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: fakeIpcMain,
  Menu: fakeMenu,
  MessageChannelMain: FakeMessageChannelMain,
  powerSaveBlocker: fakePowerSaveBlocker,
  protocol: fakeProtocol,
  session: fakeSession,
  utilityProcess: fakeUtilityProcess,
};

/** Back to a fresh Electron between tests: listeners, recorded calls and created objects. */
export function resetElectronFake(): void {
  fakeApp.removeAllListeners();
  fakeApp.isPackaged = false;
  fakeApp.hasSingleInstanceLock = true;
  fakeApp.commandLine = new FakeCommandLine();
  fakeIpcMain.removeAllListeners();
  fakeSession.defaultSession = new FakeSession();
  FakeBrowserWindow.created.length = 0;
  FakeMessageChannelMain.created.length = 0;
  FakeUtilityProcess.forked.length = 0;
  vi.clearAllMocks();
}

/** Our fakes stand in for Electron's types at the call sites under test. */
export function asElectron<T>(fake: unknown): T {
  return fake as T;
}

export function keyInput(key: string, modifiers: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}, code?: string) {
  return {
    type: 'keyDown',
    key,
    code: code ?? (/^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key),
    control: false,
    meta: false,
    shift: false,
    alt: false,
    isAutoRepeat: false,
    ...modifiers,
  };
}
