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

it('a printer that answers nothing: a typed timeout, no job sent', async () => {
  rig.simulator.mute();
  expect(await rig.printer.printRaster(blankRaster(576, 40))).toMatchObject({ ok: false, error: { type: 'timeout', job: 'notStarted' } });
  expect(rig.simulator.stats.commands.init ?? 0).toBe(0);
  rig.simulator.mute(false);
  expect((await rig.printer.printRaster(blankRaster(576, 40))).ok).toBe(true);
});
