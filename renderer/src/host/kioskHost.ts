import type { Ref } from 'vue';
import type { KioskApi, KioskEvents, KioskSnapshot } from '../contract';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
export type SessionEndedEvent = Parameters<KioskEvents['sessionEnded']>[0];

/**
 * How the renderer reaches the core, whatever carries it: the Electron bridge,
 * the browser host's WebSocket, or an in-memory fake in component tests.
 */
export interface KioskHost {
  api: KioskApi;
  onSnapshot(listener: (snapshot: KioskSnapshot) => void): () => void;
  onSessionEnded(listener: (event: SessionEndedEvent) => void): () => void;
  /** A technician or the central side wants a fresh UI. */
  onReloadRequested(listener: () => void): () => void;
  status: Readonly<Ref<ConnectionStatus>>;
  /** Stop reconnecting and drop every listener (tests, page unload). */
  close(): void;
}
