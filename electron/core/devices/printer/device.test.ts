import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { backgroundClock } from '../../../../common/time';
import { blankRaster, setBlack } from '../../../../drivers/printer/raster';
import { renderReceipt } from '../../receipts';
import { SAMPLE_RECEIPTS } from '../../receipts/testing/samples';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';
import { PrinterDevice } from './device';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const fastPolls = { printerPollMs: 30 } as const;

it('prints a rendered receipt: busy while it prints, online after, counted, and the lab has the same dots', async () => {
  const r = (rig = await startLabRig(fastPolls, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');
  const receipt = await renderReceipt('accountActivated', SAMPLE_RECEIPTS.accountActivated, { language: 'ar', widthDots: printer.widthDots });
  const before = r.changes.length;

  const printed = await printer.print(receipt.raster);
  expect(printed).toMatchObject({ ok: true, value: { paperNearEnd: false } });
  expect(r.changes.slice(before).filter((c) => c.device === 'printer').map((c) => c.status)).toEqual(['busy', 'online']);
  expect(printer.counters).toEqual({ receiptsPrinted: 1, paperOutEvents: 0 });
  const paper = r.lab.printer.simulator.lastReceipt;
  expect(paper?.endedBy).toBe('fullCut');
  // What came out is the receipt, row for row, then the blank feed to the cutter.
  expect(paper?.raster.bits.subarray(0, receipt.raster.bits.length)).toEqual(receipt.raster.bits);
});

it('the paper running out between receipts is a device fault (hardwareError) found by the status poll, and goes when paper is loaded', async () => {
  const r = (rig = await startLabRig(fastPolls, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');

  const counted: string[] = [];
  printer.onCount((counter) => counted.push(counter));
  await r.control('/printer/paper', { paper: 'out' });
  await eventually(() => printer.status === 'hardwareError', 'paper out seen between jobs');
  expect(printer.condition).toBe('paperOut');
  expect(printer.counters.paperOutEvents).toBe(1);
  expect(await printer.print(blankRaster(576, 20))).toEqual({ ok: false, error: { type: 'paperOut', job: 'notStarted' } });
  expect(r.lab.printer.simulator.receipts).toEqual([]);

  await r.control('/printer/paper', { paper: 'ok' });
  await eventually(() => printer.status === 'online', 'online with a new roll');
  expect(printer.condition).toBe('ready');
  // One event, told once, however many polls and refused prints saw the paper out.
  expect(counted).toEqual(['paperOutEvents']);
  expect(await printer.print(blankRaster(576, 20))).toMatchObject({ ok: true });
  expect(counted).toEqual(['paperOutEvents', 'receiptsPrinted']);
});

it('paper low still prints and says so', async () => {
  const r = (rig = await startLabRig(fastPolls, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');
  await r.control('/printer/paper', { paper: 'low' });
  const raster = blankRaster(576, 30);
  setBlack(raster, 10, 10);
  expect(await printer.print(raster)).toMatchObject({ ok: true, value: { paperNearEnd: true } });
  expect(printer.status).toBe('online');
});

it('a printer that is not fitted is noDevice, and a print is refused before anything is sent', async () => {
  const printer = new PrinterDevice({ config: null, log: pino({ level: 'silent' }), clock: backgroundClock });
  printer.start();
  expect(printer.status).toBe('noDevice');
  expect(await printer.print(blankRaster(576, 10))).toEqual({ ok: false, error: { type: 'unavailable', status: 'noDevice' } });
  await printer.stop();
});

it('a raster wider than the paper is a programmer error', async () => {
  const printer = new PrinterDevice({ config: null, log: pino({ level: 'silent' }), clock: backgroundClock });
  expect(() => printer.print(blankRaster(640, 10))).toThrow(RangeError);
  await printer.stop();
});

it('a printer gone silent: the print fails as noAnswer, and the log says how long the driver waited (one of four silences)', async () => {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const r = (rig = await startLabRig({ ...fastPolls, log }, { printer: true }));
  const { printer } = r.devices;
  await eventually(() => printer.status === 'online', 'printer online after start');
  await r.control('/printer/fault', { kind: 'mute' });

  expect(await printer.print(blankRaster(576, 20))).toEqual({ ok: false, error: { type: 'noAnswer', job: 'notStarted' } });
  const failed = lines.find((line) => line['event'] === 'printer.failed');
  expect(failed).toMatchObject({ failure: 'noAnswer', job: 'notStarted', driver: { type: 'timeout', job: 'notStarted' } });
  // Three status requests of 500 ms each went unanswered before the job was refused.
  expect((failed?.['driver'] as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(1_400);
  expect(r.lab.printer.simulator.receipts).toEqual([]);
});
