import { afterEach, beforeEach, expect, it } from 'vitest';
import { sleep } from '../../../common/time';
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

it('unplugged while a receipt is printing: the job is not reported printed, its fate unknown', async () => {
  await rig.close();
  // A slow printer (10 rows a second), so the cable goes while the job is on paper.
  rig = await openPrinterRig({ simulator: { rowsPerSecond: 10 } });
  const printing = rig.printer.printRaster(blankRaster(576, 400));
  // Pulled once the printer has begun burning dots.
  for (let i = 0; i < 500 && rig.simulator.stats.commands.raster === undefined; i++) await sleep(10);
  await rig.unplug();
  expect(await printing).toEqual({ ok: false, error: { type: 'unplugged', job: 'unknown' } });
  expect(rig.simulator.receipts).toEqual([]);
});
