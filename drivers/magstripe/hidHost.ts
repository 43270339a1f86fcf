import { createNanoEvents } from 'nanoevents';
import type { HidTransport } from '../transport/types';

/**
 * The host's side of a HID device, whatever carries the reports (node-hid or
 * the in-memory device): report and close listeners, and closing once, with
 * the reason, when the device goes or the host lets go.
 */
interface HidHost {
  readonly transport: HidTransport;
  /** An input report from the device, to every report listener (nothing once closed). */
  deliver(report: Uint8Array): void;
  /** Closed: close listeners hear why (undefined when the host closed it), and every listener is dropped. */
  finish(error: Error | undefined): void;
}

export function createHidHost(io: { write(report: Uint8Array): Promise<void>; close(): Promise<void> }): HidHost {
  const events = createNanoEvents<{ report: (report: Uint8Array) => void; close: (error?: Error) => void }>();
  let open = true;

  const finish = (error: Error | undefined): void => {
    if (!open) return;
    open = false;
    const listeners = events.events.close ?? [];
    events.events = {};
    for (const listener of listeners) listener(error);
  };

  const transport: HidTransport = {
    get isOpen() {
      return open;
    },
    onReport: (listener) => events.on('report', listener),
    onClose: (listener) => events.on('close', listener),
    async write(report) {
      if (!open) throw new Error('HID device is closed');
      await io.write(report);
    },
    async close() {
      if (!open) return;
      finish(undefined);
      await io.close();
    },
  };

  return {
    transport,
    deliver(report) {
      if (!open) return;
      events.emit('report', report);
    },
    finish,
  };
}
