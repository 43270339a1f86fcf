import { afterEach, beforeEach, expect, it } from 'vitest';
import { blankRaster } from '../raster';
import { type PrinterRig, openPrinterRig } from '../testing/ptyRig';

let rig: PrinterRig;
beforeEach(async () => {
  rig = await openPrinterRig();
});
afterEach(async () => {
  await rig.close();
});

it('printer unplugged: status and jobs answer a typed unplugged, and nothing is reported printed', async () => {
  expect((await rig.printer.status()).ok).toBe(true);
  await rig.unplug();
  // The port's disappearance shows within the transport's presence check; a job asked for meanwhile still fails typed.
  const printed = await rig.printer.printRaster(blankRaster(576, 80));
  expect(printed).toMatchObject({ ok: false, error: { type: 'unplugged' } });
  expect(rig.printer.isConnected).toBe(false);
  expect(await rig.printer.status()).toEqual({ ok: false, error: { type: 'unplugged', job: 'notStarted' } });
  expect(rig.simulator.receipts).toEqual([]);
});
