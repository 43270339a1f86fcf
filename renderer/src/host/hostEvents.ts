import type { Ref } from 'vue';
import type { KioskApi, KioskEvents, KioskSnapshot } from '../contract';
import type { ConnectionStatus, KioskHost, SessionEndedEvent } from './kioskHost';

/** The listener sets every host keeps, the KioskEvents that feed them, and the KioskHost built over them. */
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
  const onReloadRequested = (listener: () => void): (() => void) => {
    reloadListeners.add(listener);
    return () => reloadListeners.delete(listener);
  };
  const clear = () => {
    snapshotListeners.clear();
    endedListeners.clear();
    reloadListeners.clear();
  };
  return {
    emit,
    /** The KioskHost over these listeners; `close` stops the carrier, then every listener is dropped. */
    host(api: KioskApi, status: Readonly<Ref<ConnectionStatus>>, close: () => void): KioskHost {
      return {
        api,
        status,
        onSnapshot: subscribe(snapshotListeners),
        onSessionEnded: subscribe(endedListeners),
        onReloadRequested,
        close() {
          close();
          clear();
        },
      };
    },
  };
}
