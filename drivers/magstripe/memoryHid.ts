import type { HidTransport } from '../transport/types';

/**
 * An in-memory HID device and the host's view of it, for the MagTek simulator
 * and unit tests (no virtual HID device can be made on these machines).
 */

export interface MemoryHidDevice {
  readonly isPlugged: boolean;
  /** The device sends an input report; delivered to the host on a later macrotask, as USB would. */
  sendReport(report: Uint8Array): void;
  /** Output reports the host wrote. */
  onOutputReport(listener: (report: Uint8Array) => void): () => void;
  /** The device is pulled out: the host's transport closes with an error. */
  unplug(): void;
}

export function createMemoryHid(): { host: HidTransport; device: MemoryHidDevice } {
  const reportListeners = new Set<(report: Uint8Array) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  const outputListeners = new Set<(report: Uint8Array) => void>();
  let open = true;

  const shutDown = (error: Error | undefined): void => {
    if (!open) return;
    open = false;
    const listeners = [...closeListeners];
    closeListeners.clear();
    reportListeners.clear();
    for (const listener of listeners) listener(error);
  };

  const host: HidTransport = {
    get isOpen() {
      return open;
    },
    onReport(listener) {
      reportListeners.add(listener);
      return () => reportListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    async write(report) {
      if (!open) throw new Error('HID device is not open');
      const copy = Uint8Array.from(report);
      for (const listener of [...outputListeners]) listener(copy);
    },
    async close() {
      shutDown(undefined);
    },
  };

  const device: MemoryHidDevice = {
    get isPlugged() {
      return open;
    },
    sendReport(report) {
      const copy = Uint8Array.from(report);
      setImmediate(() => {
        if (!open) return;
        for (const listener of [...reportListeners]) listener(copy);
      });
    },
    onOutputReport(listener) {
      outputListeners.add(listener);
      return () => outputListeners.delete(listener);
    },
    unplug() {
      shutDown(new Error('HID device removed'));
    },
  };

  return { host, device };
}
