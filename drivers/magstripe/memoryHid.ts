import { createNanoEvents } from 'nanoevents';
import type { HidTransport } from '../transport/types';
import { createHidHost } from './hidHost';

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
  const output = createNanoEvents<{ report: (report: Uint8Array) => void }>();
  const hid = createHidHost({
    write: async (report) => {
      output.emit('report', Uint8Array.from(report));
    },
    close: async () => undefined,
  });
  const host = hid.transport;

  const device: MemoryHidDevice = {
    get isPlugged() {
      return host.isOpen;
    },
    sendReport(report) {
      const copy = Uint8Array.from(report);
      setImmediate(() => hid.deliver(copy));
    },
    onOutputReport: (listener) => output.on('report', listener),
    unplug() {
      hid.finish(new Error('HID device removed'));
    },
  };

  return { host, device };
}
