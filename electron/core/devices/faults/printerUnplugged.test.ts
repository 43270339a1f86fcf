import { afterEach, expect, it } from 'vitest';
import { blankRaster } from '../../../../drivers/printer/raster';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('printer unplugged: offline (the kiosk serves on), a print is refused as unavailable, replug → online and printing again', async () => {
  const r = (rig = await startLabRig({ printerPollMs: 30 }, { printer: true }));
  const { printer, fingerprint } = r.devices;
  await eventually(() => printer.status === 'online' && fingerprint.status === 'online', 'online after start');

  await r.control('/printer/fault', { kind: 'unplug' });
  await eventually(() => printer.status === 'offline', 'offline after unplug');
  expect(await printer.print(blankRaster(576, 40))).toEqual({ ok: false, error: { type: 'unavailable', status: 'offline' } });
  // The other devices do not notice.
  expect(fingerprint.status).toBe('online');

  await r.control('/printer/fault', { kind: 'replug' });
  await eventually(() => printer.status === 'online', 'online after replug');
  expect((await printer.print(blankRaster(576, 40))).ok).toBe(true);
  expect(r.lab.state().printer.counters).toMatchObject({ unplugs: 1, replugs: 1 });
});

it('a printer that stops answering (muted firmware) goes offline and comes back by itself once it answers again', async () => {
  const r = (rig = await startLabRig({ printerPollMs: 30, printerTimings: { statusTimeoutMs: 150 } }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'online after start');

  await r.control('/printer/fault', { kind: 'mute' });
  await eventually(() => printer.status === 'offline', 'offline once polls go unanswered');
  await r.control('/printer/fault', { kind: 'none' });
  await eventually(() => printer.status === 'online', 'online once it answers');
});
