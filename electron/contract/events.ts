import type { SessionEndReason } from './session';
import type { KioskSnapshot } from './snapshot';

/** What the core pushes to the renderer; fire-and-forget. */
export interface KioskEvents {
  snapshot(snapshot: KioskSnapshot): void;
  /** The renderer must drop every trace of the session: stores, inputs, screens. */
  sessionEnded(event: { sessionId: string; reason: SessionEndReason }): void;
  /** A technician or central asked for a fresh UI (after an update, say): reload the page. */
  reloadRequested(): void;
}

export const eventNames = ['snapshot', 'sessionEnded', 'reloadRequested'] as const satisfies readonly (keyof KioskEvents)[];
