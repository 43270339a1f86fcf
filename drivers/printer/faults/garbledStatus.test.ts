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

it('one status byte damaged on the line: asked again, and the job prints', async () => {
  rig.simulator.garbleStatus(1);
  expect((await rig.printer.printRaster(blankRaster(576, 40))).ok).toBe(true);
  // Four queries, one asked twice, before the job; four after it.
  expect(rig.simulator.stats.statusAnswers).toBe(9);
});

it('every status byte garbled: a typed garbledStatus, and no job sent', async () => {
  rig.simulator.garbleStatus(Infinity);
  const printed = await rig.printer.printRaster(blankRaster(576, 40));
  expect(printed).toMatchObject({ ok: false, error: { type: 'garbledStatus', job: 'notStarted', query: 1 } });
  expect(printed.ok || (printed.error.type === 'garbledStatus' && (printed.error.byte & 0x93) !== 0x12)).toBe(true);
  expect(rig.simulator.stats.commands.init ?? 0).toBe(0);
});
