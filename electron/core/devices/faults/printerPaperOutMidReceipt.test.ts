import { afterEach, expect, it } from 'vitest';
import { blankRaster, setBlack, sliceRows } from '../../../../drivers/printer/raster';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function tall(height: number) {
  const raster = blankRaster(576, height);
  for (let y = 0; y < height; y++) setBlack(raster, y % 576, y);
  return raster;
}

it('the roll ends in the middle of a receipt: cut short (never "printed"), a device fault until paper is loaded, then it prints whole', async () => {
  // The printer's silence after a stopped job is the only wait: a short margin.
  const r = (rig = await startLabRig({ printerPollMs: 30, printerTimings: { jobMarginMs: 600, minRowsPerSecond: 4000 } }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');

  await r.control('/printer/paper', { paper: 'out', afterRows: 60 });
  expect(await printer.print(tall(240))).toEqual({ ok: false, error: { type: 'paperOut', job: 'cutShort' } });
  expect(printer.status).toBe('hardwareError');
  expect(printer.counters).toEqual({ receiptsPrinted: 0, paperOutEvents: 1 });
  expect(r.lab.printer.simulator.lastReceipt?.endedBy).toBe('paperOut');

  await r.control('/printer/paper', { paper: 'ok' });
  await eventually(() => printer.status === 'online', 'online with a new roll');
  expect(await printer.print(tall(100))).toMatchObject({ ok: true });
  // The stopped receipt's rest was cleared, not printed on the new roll.
  expect(r.lab.printer.simulator.receipts.map((receipt) => receipt.endedBy)).toEqual(['paperOut', 'fullCut']);
  // The new receipt starts with its own first row, not with row 60 of the one cut short.
  const whole = r.lab.printer.simulator.lastReceipt?.raster;
  expect(whole && sliceRows(whole, 0, 100)).toEqual(tall(100));
}, 60_000);
