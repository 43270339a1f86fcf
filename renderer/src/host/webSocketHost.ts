import { ref } from 'vue';
import { backoffDelay } from '../../../common/backoff';
import type { BackoffPolicy } from '../../../common/backoff';
import { KioskError, connectKiosk, procedureNames, webSocketChannel } from '../contract';
import type { KioskApi, KioskClient } from '../contract';
import { createHostEvents } from './hostEvents';
import type { ConnectionStatus, KioskHost } from './kioskHost';

const tokenStorageKey = 'kiosk.launchToken';

/**
 * The browser host launches us at `/#token=<hex>`. Read the secret once, keep it
 * for reloads in sessionStorage, and take it out of the address bar.
 */
export function readLaunchToken(
  where: Pick<Location, 'hash' | 'pathname' | 'search'> = location,
  storage: Pick<Storage, 'getItem' | 'setItem'> = sessionStorage,
  addressBar: Pick<History, 'replaceState' | 'state'> = history,
): string | null {
  const match = /(?:^#|&)token=([0-9a-fA-F]+)(?:&|$)/.exec(where.hash);
  if (match?.[1]) {
    storage.setItem(tokenStorageKey, match[1]);
    addressBar.replaceState(addressBar.state, '', `${where.pathname}${where.search}`);
    return match[1];
  }
  return storage.getItem(tokenStorageKey);
}

interface WebSocketHostOptions {
  url: string;
  createSocket?: (url: string) => WebSocket;
  reconnectBackoff?: BackoffPolicy;
  connectTimeoutMs?: number;
}

// Full jitter keeps several tabs (or a restarting host) from reconnecting in lockstep.
const defaultReconnectBackoff: BackoffPolicy = { baseMs: 250, capMs: 5_000, jitter: 'full' };
/**
 * A socket that neither opens nor closes (the core accepted the connection and never answered the upgrade, or it was
 * lost on the way) would stop the reconnect loop for good, the page saying "reconnecting" for ever: past this it is
 * given up and the next one tried. The core answers an upgrade on loopback in milliseconds.
 */
const defaultConnectTimeoutMs = 5_000;

/** The browser host: RPC over a loopback WebSocket, reconnecting with backoff. */
export function createWebSocketHost(options: WebSocketHostOptions): KioskHost {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const reconnectBackoff = options.reconnectBackoff ?? defaultReconnectBackoff;
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const status = ref<ConnectionStatus>('connecting');
  const events = createHostEvents();
  let client: KioskClient | null = null;
  let socket: WebSocket | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function connect(): void {
    const current = createSocket(options.url);
    socket = current;
    connectTimer = setTimeout(() => {
      if (socket !== current) return;
      console.warn(`kiosk: the core did not answer within ${connectTimeoutMs} ms, trying again`);
      socket = null;
      current.close();
      if (!closed) scheduleReconnect();
    }, connectTimeoutMs);
    current.addEventListener('open', () => {
      if (socket !== current) return;
      clearTimeout(connectTimer);
      failures = 0;
      client = connectKiosk(webSocketChannel(current), events.emit);
      status.value = 'connected';
      // Whatever changed while we were away, start again from the core's view.
      client.api.getSnapshot({}).then(events.emit.snapshot, () => undefined);
    });
    current.addEventListener('close', (event) => {
      if (socket !== current) return;
      clearTimeout(connectTimer);
      // For whoever reads the console (the e2e specs attach it to a failure): which side ended the link, and why.
      if (status.value === 'connected' && !closed) console.warn(`kiosk: link to the core closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''}), reconnecting`);
      client?.close();
      client = null;
      socket = null;
      if (status.value === 'connected') status.value = 'disconnected';
      if (!closed) scheduleReconnect();
    });
  }

  function scheduleReconnect(): void {
    retryTimer = setTimeout(connect, backoffDelay(reconnectBackoff, failures));
    failures += 1;
  }

  const api = Object.fromEntries(
    procedureNames.map((name) => [
      name,
      (input: unknown) =>
        client
          ? (client.api[name] as (input: unknown) => Promise<unknown>)(input)
          : Promise.reject(new KioskError('disconnected', 'the kiosk core is not reachable (no link to it now)')),
    ]),
  ) as unknown as KioskApi;

  connect();

  return events.host(api, status, () => {
    closed = true;
    clearTimeout(retryTimer);
    clearTimeout(connectTimer);
    client?.close();
    socket?.close();
  });
}
