import type { KioskErrorData } from './errors';
import type { KioskEvents } from './events';
import type { KioskApi, ProcedureName } from './procedures';

/**
 * What the Electron preload puts on `window.kiosk`: one named method per
 * procedure (never ipcRenderer, never a generic invoke), plus event
 * subscriptions. Results come back as values because contextBridge strips an
 * Error down to its message.
 */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: KioskErrorData };

export type KioskBridge = {
  [P in ProcedureName]: (input: Parameters<KioskApi[P]>[0]) => Promise<BridgeResult<Awaited<ReturnType<KioskApi[P]>>>>;
} & {
  onSnapshot(listener: Parameters<KioskEvents['snapshot']>[0] extends infer S ? (snapshot: S) => void : never): () => void;
  onSessionEnded(listener: (event: Parameters<KioskEvents['sessionEnded']>[0]) => void): () => void;
  onReloadRequested(listener: () => void): () => void;
};

/** IPC channel names between preload and main; the only strings in the bridge. */
export const bridgeChannels = {
  /** preload → main: "give me a port to the core" (sent on load and after a core restart). */
  hello: 'kiosk:hello',
  /** main → preload: carries the MessagePort to the core. */
  port: 'kiosk:port',
} as const;
