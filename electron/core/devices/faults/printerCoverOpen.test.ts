import { afterEach, expect, it } from 'vitest';
import { blankRaster } from '../../../../drivers/printer/raster';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('the cover opened between receipts: hardwareError, a print refused before paper moves, online when it is shut', async () => {
  const r = (rig = await startLabRig({ printerPollMs: 30 }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');

  await r.control('/printer/cover', { open: true });
  await eventually(() => printer.status === 'hardwareError', 'cover open seen between jobs');
  expect(printer.condition).toBe('coverOpen');
  expect(await printer.print(blankRaster(576, 40))).toEqual({ ok: false, error: { type: 'coverOpen', job: 'notStarted' } });
  expect(r.lab.printer.simulator.receipts).toEqual([]);

  await r.control('/printer/cover', { open: false });
  await eventually(() => printer.status === 'online', 'online with the cover shut');
  expect((await printer.print(blankRaster(576, 40))).ok).toBe(true);
});
