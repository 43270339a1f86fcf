import { HIDAsync } from 'node-hid';
import type { HidTransport } from '../transport/types';

/**
 * node-hid's HIDAsync as a HidTransport. Kept thin on purpose: no HID device
 * exists on the build machines, so everything above it is tested against
 * memoryHid.ts instead.
 */

export interface HidDeviceSelector {
  readonly vendorId: number;
  readonly productId: number;
  /** A specific device when several match (from HID.devicesAsync()). */
  readonly path?: string;
}

export async function openHidTransport(selector: HidDeviceSelector): Promise<HidTransport> {
  const device = selector.path ? await HIDAsync.open(selector.path) : await HIDAsync.open(selector.vendorId, selector.productId);
  const reportListeners = new Set<(report: Uint8Array) => void>();
  const closeListeners = new Set<(error?: Error) => void>();
  let open = true;

  const finish = (error: Error | undefined): void => {
    if (!open) return;
    open = false;
    const listeners = [...closeListeners];
    closeListeners.clear();
    reportListeners.clear();
    for (const listener of listeners) listener(error);
  };

  device.on('data', (data: Buffer) => {
    const report = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (const listener of [...reportListeners]) listener(report);
  });
  // hidapi reports a pulled device as a read error; the device is gone either way.
  device.on('error', (error: unknown) => {
    finish(error instanceof Error ? error : new Error(String(error)));
    void device.close().catch(() => undefined);
  });

  return {
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
      if (!open) throw new Error('HID device is closed');
      await device.write(Buffer.from(report.buffer, report.byteOffset, report.byteLength));
    },
    async close() {
      if (!open) return;
      finish(undefined);
      await device.close();
    },
  };
}
