import type { BridgeResult, KioskBridge } from '../contract/bridge';
import { KioskError } from '../contract/errors';
import type { KioskErrorData } from '../contract/errors';
import type { KioskEvents } from '../contract/events';
import { procedureNames } from '../contract/procedures';
import type { ProcedureName } from '../contract/procedures';
import { connectKiosk } from '../contract/client';
import type { KioskClient } from '../contract/client';
import { messagePortChannel } from './messagePortChannel';
import type { PortLike } from './messagePortChannel';

/** How long a call made before the core's port arrives waits for it. */
const portWaitMs = 30_000;

type Listener<E extends keyof KioskEvents> = Parameters<KioskEvents[E]>[0] extends infer A ? (arg: A) => void : never;

function failure(error: unknown): { ok: false; error: KioskErrorData } {
  if (error instanceof KioskError) return { ok: false, error: error.toData() };
  return { ok: false, error: { code: 'internal', message: 'the kiosk bridge failed' } };
}

interface KioskBridgeHost {
  /** What goes on window.kiosk: named methods and subscriptions only. */
  bridge: KioskBridge;
  /** A port to the core arrived: the first one, or a fresh one after a core restart. */
  connect(port: PortLike): void;
}

/**
 * Subscriptions live here rather than in the RPC client, so they survive a
 * core restart: the new client is handed the same event sinks.
 */
export function createKioskBridge(): KioskBridgeHost {
  const snapshotListeners = new Set<Listener<'snapshot'>>();
  const sessionEndedListeners = new Set<Listener<'sessionEnded'>>();
  const reloadListeners = new Set<() => void>();
  const notify = <A>(listeners: Set<(arg: A) => void>, arg: A) => {
    for (const listener of listeners) {
      try {
        listener(arg);
      } catch {
        // One broken subscriber must not stop the others hearing that a session ended.
      }
    }
  };
  const events: KioskEvents = {
    snapshot: (snapshot) => notify(snapshotListeners, snapshot),
    sessionEnded: (event) => notify(sessionEndedListeners, event),
    reloadRequested: () => notify(reloadListeners, undefined),
  };

  let client: KioskClient | null = null;
  let port: PortLike | null = null;
  const waiting = new Set<(client: KioskClient) => void>();

  const connected = (): Promise<KioskClient> => {
    if (client) return Promise.resolve(client);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(ready);
        reject(new KioskError('disconnected', 'the kiosk core is not reachable'));
      }, portWaitMs);
      const ready = (c: KioskClient) => {
        clearTimeout(timer);
        resolve(c);
      };
      waiting.add(ready);
    });
  };

  const call = (name: ProcedureName) => async (input: unknown): Promise<BridgeResult<unknown>> => {
    try {
      const { api } = await connected();
      const value: unknown = await (api[name] as (input: unknown) => Promise<unknown>)(input);
      return { ok: true, value };
    } catch (error) {
      return failure(error);
    }
  };

  const subscribe = <L>(listeners: Set<L>) => (listener: L): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };

  const bridge = {
    ...Object.fromEntries(procedureNames.map((name) => [name, call(name)])),
    onSnapshot: subscribe(snapshotListeners),
    onSessionEnded: subscribe(sessionEndedListeners),
    onReloadRequested: subscribe(reloadListeners),
  } as unknown as KioskBridge;

  return {
    bridge,
    connect(next) {
      // The old port led to a core that is gone: its pending calls fail as "disconnected".
      client?.close();
      port?.close();
      port = next;
      client = connectKiosk(messagePortChannel(next), events);
      const current = client;
      for (const ready of waiting) ready(current);
      waiting.clear();
    },
  };
}
