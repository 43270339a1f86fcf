import { afterEach, beforeEach, expect, it } from 'vitest';
import { blankRaster, setBlack } from '../raster';
import { type PrinterRig, openPrinterRig } from '../testing/ptyRig';

let rig: PrinterRig;
beforeEach(async () => {
  // The wait for a job the printer stopped is the only wait here: a short margin, and no line time (as on a USB node).
  // The simulator answers every status and clear request, so their waits only bound a hang: long enough that a busy
  // machine's scheduling (a pty round trip can take over the default 500 ms at load 20) is not read as a silent printer.
  rig = await openPrinterRig({ printer: { baudRate: undefined, timings: { jobMarginMs: 800, minRowsPerSecond: 4000, statusTimeoutMs: 10_000, clearTimeoutMs: 10_000 } } });
});
afterEach(async () => {
  await rig.close();
});

function tall(height: number) {
  const raster = blankRaster(576, height);
  for (let y = 0; y < height; y++) setBlack(raster, y % 576, y);
  return raster;
}

it('the roll ends in the middle: the job is reported cut short, not printed, and its rest never comes out', async () => {
  rig.simulator.paperOutAfter(150);
  const printed = await rig.printer.printRaster(tall(600));
  expect(printed).toEqual({ ok: false, error: { type: 'paperOut', job: 'cutShort' } });

  // What hangs out of the printer: the first 150 rows, uncut.
  expect(rig.simulator.receipts.map((r) => [r.endedBy, r.raster.height])).toEqual([['paperOut', 150]]);
  // The driver cleared the rest from the printer's buffer…
  expect(rig.simulator.stats.buffersCleared).toBe(1);
  expect(rig.simulator.backlog).toBe(0);
  expect(await rig.printer.status()).toMatchObject({ ok: true, value: { online: false, paperOut: true } });

  // …so a new roll brings the printer back without the half receipt's remainder.
  rig.simulator.loadPaper();
  expect(await rig.printer.status()).toMatchObject({ ok: true, value: { online: true, paperOut: false } });
  expect(rig.simulator.receipts).toHaveLength(1);
  expect((await rig.printer.printRaster(tall(100))).ok).toBe(true);
  expect(rig.simulator.receipts.map((r) => r.endedBy)).toEqual(['paperOut', 'fullCut']);
});

it('no paper at all: refused before anything is sent', async () => {
  rig.simulator.paperOutAfter(0);
  expect(await rig.printer.printRaster(tall(100))).toEqual({ ok: false, error: { type: 'paperOut', job: 'notStarted' } });
  expect(rig.simulator.receipts).toEqual([]);
  expect(rig.simulator.stats.commands.init ?? 0).toBe(0);
});
