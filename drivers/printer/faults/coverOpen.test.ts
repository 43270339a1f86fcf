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

it('cover open: the job is refused before any paper moves; closed again, it prints', async () => {
  rig.simulator.openCover();
  expect(await rig.printer.status()).toMatchObject({ ok: true, value: { online: false, coverOpen: true, paperOut: false } });
  expect(await rig.printer.printRaster(blankRaster(576, 80))).toEqual({ ok: false, error: { type: 'coverOpen', job: 'notStarted' } });
  expect(rig.simulator.stats.commands.init ?? 0).toBe(0);

  rig.simulator.closeCover();
  expect(await rig.printer.printRaster(blankRaster(576, 80))).toMatchObject({ ok: true });
});
