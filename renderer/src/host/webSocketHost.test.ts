// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveKioskApi } from '../../../electron/contract/serve';
import { createMemoryChannelPair } from '../contract';
import { FakeCore } from '../../test/fakeCore';
import { settle } from '../../test/mountKiosk';
import { createWebSocketHost, readLaunchToken } from './webSocketHost';

/** Just enough of a browser WebSocket, wired to a fake core through the real RPC. */
class FakeSocket extends EventTarget {
  static opened: FakeSocket[] = [];
  private readonly toCore;
  closed = false;

  constructor(
    readonly url: string,
    core: FakeCore,
  ) {
    super();
    const [coreEnd, socketEnd] = createMemoryChannelPair();
    serveKioskApi(core.api, coreEnd);
    this.toCore = socketEnd;
    socketEnd.on((data) => this.dispatchEvent(new MessageEvent('message', { data })));
    FakeSocket.opened.push(this);
    queueMicrotask(() => this.dispatchEvent(new Event('open')));
  }

  send(data: string): void {
    this.toCore.post(data);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dispatchEvent(new Event('close'));
  }
}

afterEach(() => {
  FakeSocket.opened = [];
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('the launch token', () => {
  it('is read once from the fragment, kept for reloads and removed from the address bar', () => {
    const storage = new Map<string, string>();
    const replaced: string[] = [];
    const token = readLaunchToken(
      { hash: '#token=ab12cd', pathname: '/', search: '' },
      { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
      { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
    );
    expect(token).toBe('ab12cd');
    expect(replaced).toEqual(['/']);
    const again = readLaunchToken(
      { hash: '', pathname: '/', search: '' },
      { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
      { state: null, replaceState: () => expect.fail('nothing to remove') },
    );
    expect(again).toBe('ab12cd');
  });
});

describe('the browser host connection', () => {
  it('connects, fetches a snapshot, and after a drop reconnects and fetches again', async () => {
    const core = new FakeCore();
    const host = createWebSocketHost({ url: 'ws://kiosk/rpc?token=ab', createSocket: (url) => new FakeSocket(url, core) as unknown as WebSocket, reconnectBackoff: { baseMs: 10, capMs: 20, jitter: 'full' } });
    const snapshots: number[] = [];
    host.onSnapshot((s) => snapshots.push(s.revision));
    expect(host.status.value).toBe('connecting');
    await settle();
    expect(host.status.value).toBe('connected');
    expect(snapshots).toHaveLength(1);
    expect((await host.api.startSession({ trigger: 'touch' })).session).not.toBeNull();

    FakeSocket.opened[0]?.close();
    expect(host.status.value).toBe('disconnected');
    await expect(host.api.extendSession({})).rejects.toMatchObject({ code: 'disconnected' });

    await vi.waitFor(() => expect(host.status.value).toBe('connected'));
    expect(FakeSocket.opened).toHaveLength(2);
    await vi.waitFor(() => expect(snapshots).toHaveLength(2));
    host.close();
  });

  it('waits out the reconnect backoff before trying again', async () => {
    const core = new FakeCore();
    const host = createWebSocketHost({ url: 'ws://kiosk/rpc', createSocket: (url) => new FakeSocket(url, core) as unknown as WebSocket, reconnectBackoff: { baseMs: 1_000, capMs: 1_000, jitter: 'none' } });
    await settle();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    FakeSocket.opened[0]?.close();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
    host.close();
  });

  it('gives up a connect the core never answers, and tries again', async () => {
    const core = new FakeCore();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The first socket hangs in CONNECTING (neither open nor close ever comes); the next ones answer.
    const hanging = Object.assign(new EventTarget(), { closed: false, close() { this.closed = true; } });
    let made = 0;
    const host = createWebSocketHost({
      url: 'ws://kiosk/rpc',
      createSocket: (url) => ((made += 1) === 1 ? hanging : new FakeSocket(url, core)) as unknown as WebSocket,
      reconnectBackoff: { baseMs: 100, capMs: 100, jitter: 'none' },
      connectTimeoutMs: 2_000,
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(made).toBe(1);
    expect(host.status.value).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(hanging.closed).toBe(true);
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('did not answer within 2000 ms'));
    await vi.advanceTimersByTimeAsync(100);
    expect(made).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(host.status.value).toBe('connected');
    // An answered connect is not given up later.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(made).toBe(2);
    expect(FakeSocket.opened[0]?.closed).toBe(false);
    host.close();
    warnings.mockRestore();
  });

  it('turns the core refusing a call into a KioskError with its code', async () => {
    const core = new FakeCore();
    const host = createWebSocketHost({ url: 'ws://kiosk/rpc', createSocket: (url) => new FakeSocket(url, core) as unknown as WebSocket });
    await settle();
    await expect(host.api.extendSession({})).rejects.toMatchObject({ name: 'KioskError', code: 'no_session' });
    // The real validation path: an unknown field is refused before any handler runs.
    await expect(host.api.startSession({ trigger: 'touch', extra: 1 } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(core.calls.map((c) => c.procedure)).not.toContain('startSession');
    host.close();
  });
});
