import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, LAB_PRINTER_BAUD, startLab } from '../../../drivers/lab/lab';
import { ReceiptPrinter } from '../../../drivers/printer/driver';
import { pngToRaster } from '../../../drivers/printer/png';
import { sliceRows } from '../../../drivers/printer/raster';
import { openSerialTransport } from '../../../drivers/transport/serial';
import { connectKiosk, createMemoryChannelPair, type DeviceStatus, type KioskApi } from '../../contract';
import { resolveConfig } from '../config/load';
import { KioskCore } from '../kiosk';
import { renderReceipt } from '../receipts';
import { SAMPLE_RECEIPTS } from '../receipts/testing/samples';
import { MID_RECEIPT_ROWS } from './printerDock';
import { DevDockService } from './service';

/**
 * The dock's printer panel, data side, through the kiosk's contract as the
 * renderer's dock calls it: the lab printer's paper, cover and cable, and the
 * receipt it printed as the PNG the dock draws.
 */

const log = pino({ level: 'silent' });
let kioskPrinter: DeviceStatus = 'online';
const devices = { statuses: () => ({ fingerprint: 'online', cardSlot: 'online', magstripe: 'noDevice', printer: kioskPrinter }) as const };

let lab: Lab;
let dock: DevDockService;
let api: KioskApi;
beforeAll(async () => {
  lab = await startLab({ printer: { rowsPerSecond: Infinity } });
  dock = new DevDockService({ lab, central: undefined, devices, log });
  const core = new KioskCore({ config: resolveConfig([{ profile: 'demo' }]), logger: log, devDock: dock });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  api = connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined }).api;
});
afterAll(async () => {
  dock?.close();
  await lab?.close();
});

async function withKioskPrinter<T>(use: (printer: ReceiptPrinter) => Promise<T>): Promise<T> {
  const host = await openSerialTransport({ path: lab.devices.printer, baudRate: LAB_PRINTER_BAUD, noModemLines: true });
  const printer = new ReceiptPrinter(host, { widthDots: 576, timings: { jobMarginMs: 600, minRowsPerSecond: 4000 } });
  try {
    return await use(printer);
  } finally {
    printer.dispose();
    if (host.isOpen) await host.close();
  }
}

describe('the dock’s printer panel', () => {
  it('nothing printed yet: the printer ready, no receipt to show, the kiosk’s own view beside it', async () => {
    expect(await api.devDockPrinterState({})).toEqual({
      printer: { plugged: true, online: true, paper: 'ok', coverOpen: false, error: null, receiptsPrinted: 0, paperOuts: 0, lastReceipt: null },
      kiosk: 'online',
    });
    expect(await api.devDockPrinterReceipt({})).toEqual({ receipt: null });
  });

  it('shows the last receipt as the paper came out, dot for dot', async () => {
    const receipt = await renderReceipt('mobileChanged', SAMPLE_RECEIPTS.mobileChanged, { language: 'ar', widthDots: 576 });
    await withKioskPrinter(async (printer) => expect((await printer.printRaster(receipt.raster)).ok).toBe(true));
    const state = await api.devDockPrinterState({});
    expect(state.printer?.lastReceipt).toMatchObject({ number: 1, endedBy: 'fullCut' });
    const shown = (await api.devDockPrinterReceipt({})).receipt;
    expect(shown).toMatchObject({ number: 1, endedBy: 'fullCut', widthDots: 576 });
    const paper = pngToRaster(new Uint8Array(Buffer.from(shown?.pngBase64 ?? '', 'base64')));
    expect(paper.height).toBe(shown?.heightDots);
    expect(sliceRows(paper, 0, receipt.raster.height)).toEqual(receipt.raster);
    expect((await api.devDockPrinterReceipt({ number: 1 })).receipt?.number).toBe(1);
    expect(await api.devDockPrinterReceipt({ number: 7 })).toEqual({ receipt: null });
  });

  it('paper out, paper low and a fresh roll, as the lab and the kiosk see them', async () => {
    kioskPrinter = 'hardwareError';
    expect(await api.devDockPrinterFault({ kind: 'paperOut' })).toMatchObject({ ok: true, done: 'faultSet', state: { printer: { paper: 'out', online: false }, kiosk: 'hardwareError' } });
    expect(await api.devDockPrinterFault({ kind: 'paperLow' })).toMatchObject({ state: { printer: { paper: 'low', online: true } } });
    kioskPrinter = 'online';
    expect(await api.devDockPrinterFault({ kind: 'paperOk' })).toMatchObject({ state: { printer: { paper: 'ok', online: true }, kiosk: 'online' } });
  });

  it('a roll that ends mid-receipt: the next receipt is cut short and hangs out', async () => {
    await api.devDockPrinterFault({ kind: 'paperOutMidReceipt' });
    const receipt = await renderReceipt('accountActivated', SAMPLE_RECEIPTS.accountActivated, { language: 'en', widthDots: 576 });
    await withKioskPrinter(async (printer) => expect(await printer.printRaster(receipt.raster)).toMatchObject({ ok: false, error: { type: 'paperOut', job: 'cutShort' } }));
    const state = await api.devDockPrinterState({});
    expect(state.printer).toMatchObject({ paper: 'out', lastReceipt: { endedBy: 'paperOut' } });
    expect(state.printer?.lastReceipt?.heightDots).toBeLessThan(receipt.raster.height);
    expect(state.printer?.lastReceipt?.heightDots).toBeGreaterThanOrEqual(MID_RECEIPT_ROWS);
    expect((await api.devDockPrinterReceipt({})).receipt).toMatchObject({ endedBy: 'paperOut' });
    await api.devDockPrinterFault({ kind: 'paperOk' });
  }, 30_000);

  it('cover, cable and a cutter jam', async () => {
    expect(await api.devDockPrinterFault({ kind: 'coverOpen' })).toMatchObject({ state: { printer: { coverOpen: true, online: false } } });
    expect(await api.devDockPrinterFault({ kind: 'coverShut' })).toMatchObject({ state: { printer: { coverOpen: false, online: true } } });
    expect(await api.devDockPrinterFault({ kind: 'unplug' })).toMatchObject({ state: { printer: { plugged: false, online: false } } });
    expect(await api.devDockPrinterFault({ kind: 'replug' })).toMatchObject({ state: { printer: { plugged: true, online: true } } });
    expect(await api.devDockPrinterFault({ kind: 'cutterError' })).toMatchObject({ state: { printer: { error: 'cutterError', online: false } } });
    expect(await api.devDockPrinterFault({ kind: 'none' })).toMatchObject({ state: { printer: { error: null, online: true } } });
  });

  it('refuses kinds it does not know, and without a lab printer says so', async () => {
    await expect(api.devDockPrinterFault({ kind: 'paperJam' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(api.devDockPrinterReceipt({ number: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
    const bare = new DevDockService({ lab: undefined, central: undefined, devices, log });
    expect(await bare.printerFault({ kind: 'paperOut' })).toMatchObject({ ok: false, refusal: 'noLab', state: { printer: null } });
    expect(await bare.printerReceipt({})).toEqual({ receipt: null });
  });
});
