import type { KioskEvents, KioskSnapshot } from '../contract';
import type { SessionEndedEvent } from './kioskHost';

/** The listener sets every host keeps, and the KioskEvents that feed them. */
export function createHostEvents() {
  const snapshotListeners = new Set<(snapshot: KioskSnapshot) => void>();
  const endedListeners = new Set<(event: SessionEndedEvent) => void>();
  const reloadListeners = new Set<() => void>();
  const subscribe =
    <T>(set: Set<(value: T) => void>) =>
    (listener: (value: T) => void): (() => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  const emit: KioskEvents = {
    snapshot: (snapshot) => snapshotListeners.forEach((listener) => listener(snapshot)),
    sessionEnded: (event) => endedListeners.forEach((listener) => listener(event)),
    reloadRequested: () => reloadListeners.forEach((listener) => listener()),
  };
  return {
    emit,
    onSnapshot: subscribe(snapshotListeners),
    onSessionEnded: subscribe(endedListeners),
    onReloadRequested: (listener: () => void): (() => void) => {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
    clear() {
      snapshotListeners.clear();
      endedListeners.clear();
      reloadListeners.clear();
    },
  };
}
