import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannels } from '../contract/bridge';
import { refusedDevDockApi } from '../contract/devDock';
import { refusedDiagnosticsApi } from '../contract/diagnostics';
import { refusedMaintenanceApi } from '../contract/maintenance';
import type { KioskBridge } from '../contract/bridge';
import { KioskError } from '../contract/errors';
import { procedureNames } from '../contract/procedures';
import type { KioskApi } from '../contract/procedures';
import { serveKioskApi } from '../contract/serve';
import type { ServedConnection } from '../contract/serve';
import type { KioskSnapshot } from '../contract/snapshot';

/** The two things a sandboxed preload gets from Electron, faked the way they behave. */
const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    module: {
      contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => void exposed.set(key, api)) },
      ipcRenderer: Object.assign(new EventEmitter(), { send: vi.fn() }),
    },
  };
});
vi.mock('electron', () => electron.module);

function snapshot(revision: number): KioskSnapshot {
  return {
    revision,
    now: 1_700_000_000_000,
    profile: 'demo',
    mode: 'government',
    appState: { state: 'available' },
    session: null,
    devices: { fingerprint: 'online', cardSlot: 'online', printer: 'online' },
    central: { reachable: true, lastContactAt: null, queueDepth: 0, deadLetters: 0 },
    services: [],
    journey: null,
    branding: { portalName: { ar: 'أبشر', en: 'Absher' }, supportNumber: '920020405', supportNumberAbroad: '+966920020405' },
    timing: { idleWarningAfterMs: 60_000, idleCountdownMs: 20_000, sessionCapMs: 600_000 },
  };
}

/** A stand-in core: the real contract server, on the far end of a real MessagePort. */
function fakeCore(revision: number, overrides: Partial<KioskApi> = {}) {
  const { port1, port2 } = new MessageChannel();
  const handlers: KioskApi = {
    getSnapshot: async () => snapshot(revision),
    startSession: async () => snapshot(revision),
    reportActivity: async () => ({ session: false }),
    extendSession: async () => snapshot(revision),
    endSession: async () => snapshot(revision),
    setLanguage: async () => snapshot(revision),
    setAccessibility: async () => snapshot(revision),
    startJourney: async () => snapshot(revision),
    journeyEvent: async () => snapshot(revision),
    cancelJourney: async () => snapshot(revision),
    printReceipt: async () => snapshot(revision),
    sendReceiptSms: async () => snapshot(revision),
    getCatalogue: async () => ({ version: null, groups: [], services: [] }),
    startService: async () => snapshot(revision),
    serviceEvent: async () => snapshot(revision),
    closeService: async () => snapshot(revision),
    ...refusedDevDockApi(),
    ...refusedDiagnosticsApi(),
    ...refusedMaintenanceApi(),
    ...overrides,
  };
  const served: ServedConnection = serveKioskApi(handlers, {
    post: (data) => port1.postMessage(data),
    on: (listener) => void port1.on('message', listener),
    off: (listener) => void port1.off('message', listener),
  });
  return { served, corePort: port1, rendererPort: port2 };
}

const openPorts: MessagePort[] = [];

function deliverPort(port: MessagePort): void {
  openPorts.push(port);
  electron.module.ipcRenderer.emit(bridgeChannels.port, { ports: [port], sender: electron.module.ipcRenderer });
}

function connectCore(revision: number, overrides: Partial<KioskApi> = {}) {
  const core = fakeCore(revision, overrides);
  openPorts.push(core.corePort);
  deliverPort(core.rendererPort);
  return core;
}

async function loadPreload(): Promise<KioskBridge> {
  vi.resetModules();
  await import('./index');
  const bridge = electron.exposed.get('kiosk');
  if (!bridge) throw new Error('nothing exposed as window.kiosk');
  return bridge as KioskBridge;
}

describe('the preload', () => {
  beforeEach(() => {
    electron.exposed.clear();
    electron.module.ipcRenderer.removeAllListeners();
    vi.clearAllMocks();
  });
  afterEach(() => {
    for (const port of openPorts.splice(0)) port.close();
    vi.useRealTimers();
  });

  it('exposes exactly the contract procedure names plus the two subscriptions, and no ipcRenderer', async () => {
    const bridge = await loadPreload();
    expect(electron.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(bridge).sort()).toEqual([...procedureNames, 'onReloadRequested', 'onSessionEnded', 'onSnapshot'].sort());
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'postMessage', 'require']) expect(bridge).not.toHaveProperty(forbidden);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.module.ipcRenderer);
    }
  });

  it('says hello to main on load', async () => {
    await loadPreload();
    expect(electron.module.ipcRenderer.send).toHaveBeenCalledWith(bridgeChannels.hello);
  });

  it('returns a result value from the core', async () => {
    const bridge = await loadPreload();
    connectCore(7);
    await expect(bridge.getSnapshot({})).resolves.toEqual({ ok: true, value: snapshot(7) });
  });

  it('makes a call made before the port arrives wait for it', async () => {
    const bridge = await loadPreload();
    const pending = bridge.reportActivity({});
    connectCore(1);
    await expect(pending).resolves.toEqual({ ok: true, value: { session: false } });
  });

  it("returns the core's KioskError as an error value", async () => {
    const bridge = await loadPreload();
    connectCore(1, {
      startSession: async () => {
        throw new KioskError('unavailable', 'out of service');
      },
    });
    await expect(bridge.startSession({ trigger: 'touch' })).resolves.toEqual({ ok: false, error: { code: 'unavailable', message: 'out of service' } });
  });

  it('returns an invalid call as an invalid_argument error value', async () => {
    const bridge = await loadPreload();
    connectCore(1);
    const result = await bridge.setLanguage({ language: 'fr' } as unknown as Parameters<KioskBridge['setLanguage']>[0]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('delivers snapshots to a subscriber until it unsubscribes', async () => {
    const bridge = await loadPreload();
    const core = connectCore(1);
    const received: number[] = [];
    const unsubscribe = bridge.onSnapshot((s) => received.push(s.revision));
    await bridge.getSnapshot({});
    core.served.events.snapshot(snapshot(2));
    await vi.waitFor(() => expect(received).toEqual([2]));
    unsubscribe();
    core.served.events.snapshot(snapshot(3));
    await bridge.getSnapshot({});
    expect(received).toEqual([2]);
  });

  it('delivers session-ended events', async () => {
    const bridge = await loadPreload();
    const core = connectCore(1);
    const ended = vi.fn();
    bridge.onSessionEnded(ended);
    await bridge.getSnapshot({});
    core.served.events.sessionEnded({ sessionId: 's-1', reason: 'timeout' });
    await vi.waitFor(() => expect(ended).toHaveBeenCalledWith({ sessionId: 's-1', reason: 'timeout' }));
  });

  it('reconnects to a restarted core on a fresh port and keeps subscriptions', async () => {
    const bridge = await loadPreload();
    const first = connectCore(1);
    const received: number[] = [];
    bridge.onSnapshot((s) => received.push(s.revision));
    await bridge.getSnapshot({});
    first.served.close();
    first.corePort.close();

    const second = connectCore(2);
    await expect(bridge.getSnapshot({})).resolves.toEqual({ ok: true, value: snapshot(2) });
    second.served.events.snapshot(snapshot(3));
    await vi.waitFor(() => expect(received).toEqual([3]));
  });

  it('keeps other subscribers hearing events when one throws', async () => {
    const bridge = await loadPreload();
    const core = connectCore(1);
    bridge.onSessionEnded(() => {
      throw new Error('broken screen');
    });
    const ended = vi.fn();
    bridge.onSessionEnded(ended);
    await bridge.getSnapshot({});
    core.served.events.sessionEnded({ sessionId: 's-2', reason: 'cancel' });
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
  });

  it('refuses a subscription that is not a function', async () => {
    const bridge = await loadPreload();
    expect(() => bridge.onSnapshot('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });

  it('answers disconnected when no port arrives in time', async () => {
    vi.useFakeTimers();
    const bridge = await loadPreload();
    const pending = bridge.getSnapshot({});
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
  });

  it('ignores a port message that is not text', async () => {
    const bridge = await loadPreload();
    const core = connectCore(1);
    core.corePort.postMessage({ t: 's', i: 'x', r: 'forged' });
    await expect(bridge.getSnapshot({})).resolves.toEqual({ ok: true, value: snapshot(1) });
  });

  it('ignores an ipc port message that carries no port', async () => {
    await loadPreload();
    expect(() => electron.module.ipcRenderer.emit(bridgeChannels.port, { ports: [] })).not.toThrow();
  });
});
