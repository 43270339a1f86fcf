import { HIDAsync } from 'node-hid';
import type { HidTransport } from '../transport/types';
import { createHidHost } from './hidHost';

/**
 * node-hid's HIDAsync as a HidTransport. Kept thin on purpose: no HID device
 * exists on the build machines, so everything above it is tested against
 * memoryHid.ts instead.
 */

interface HidDeviceSelector {
  readonly vendorId: number;
  readonly productId: number;
  /** A specific device when several match (from HID.devicesAsync()). */
  readonly path?: string;
}

export async function openHidTransport(selector: HidDeviceSelector): Promise<HidTransport> {
  const device = selector.path ? await HIDAsync.open(selector.path) : await HIDAsync.open(selector.vendorId, selector.productId);
  const host = createHidHost({
    write: (report) => device.write(Buffer.from(report.buffer, report.byteOffset, report.byteLength)).then(() => undefined),
    close: () => device.close(),
  });
  device.on('data', (data: Buffer) => host.deliver(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  // hidapi reports a pulled device as a read error; the device is gone either way.
  device.on('error', (error: unknown) => {
    host.finish(error instanceof Error ? error : new Error(String(error)));
    void device.close().catch(() => undefined);
  });
  return host.transport;
}
