import { type Lab, LAB_PRINTER_BAUD, LAB_PRINTER_WIDTH_DOTS, type LabOptions, startLab } from '../../../drivers/lab/lab';
import { MAGTEK_HID_PRODUCT_ID, MAGTEK_VENDOR_ID } from '../../../drivers/magstripe/report';
import type { DevicesConfig } from './config';
import type { OpenHid } from './magstripe/device';

/**
 * The demo profile's devices: the simulated lab in this process, and the
 * configuration that points the device manager at it. The swipe reader is
 * in memory, so it is reached through `openHid` rather than node-hid.
 */

export interface LabDevices {
  readonly lab: Lab;
  readonly config: DevicesConfig;
  readonly openHid: OpenHid;
}

export async function startLabDevices(options: LabOptions = {}): Promise<LabDevices> {
  const lab = await startLab(options);
  return {
    lab,
    config: {
      fingerprint: { path: lab.devices.fingerprint, baudRate: 57600, noModemLines: true },
      cardSlot: { path: lab.devices.cardSlot, baudRate: 38400, noModemLines: true },
      magstripe: { vendorId: MAGTEK_VENDOR_ID, productId: MAGTEK_HID_PRODUCT_ID },
      printer: { path: lab.devices.printer, baudRate: LAB_PRINTER_BAUD, noModemLines: true, widthDots: LAB_PRINTER_WIDTH_DOTS },
    },
    openHid: async () => {
      const host = lab.magstripe.openHost();
      if (!host) throw new Error('the lab swipe reader is unplugged');
      return host;
    },
  };
}
