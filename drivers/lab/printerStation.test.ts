import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../printer/driver';
import { pngToRaster } from '../printer/png';
import { blankRaster, inkCount, setBlack, sliceRows } from '../printer/raster';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport } from '../transport/types';
import { type Lab, LAB_PRINTER_BAUD, startLab } from './lab';
import type { PrinterStationState } from './printerStation';

/** The lab's receipt printer, driven by the kiosk's driver over its pty and by a person through the control API. */

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ printer: { rowsPerSecond: Infinity } });
});
afterAll(async () => {
  await lab?.close();
});

async function call(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${lab.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const printerState = async (): Promise<PrinterStationState> => (await call('/state')).body.printer as PrinterStationState;

/** A receipt-like picture: a diagonal, so top and bottom, left and right differ. */
function diagonal(height: number) {
  const raster = blankRaster(576, height);
  for (let y = 0; y < height; y++) setBlack(raster, (y * 3) % 576, y);
  return raster;
}

async function connect(timings = {}): Promise<{ printer: ReceiptPrinter; host: ByteTransport }> {
  const host = await openSerialTransport({ path: lab.devices.printer, baudRate: LAB_PRINTER_BAUD, noModemLines: true });
  return { host, printer: new ReceiptPrinter(host, { widthDots: 576, baudRate: LAB_PRINTER_BAUD, timings }) };
}

/** The kiosk's end of the cable for one spec, let go whatever the spec found. */
async function withPrinter(use: (printer: ReceiptPrinter, host: ByteTransport) => Promise<void>, timings = {}): Promise<void> {
  const { printer, host } = await connect(timings);
  try {
    await use(printer, host);
  } finally {
    printer.dispose();
    if (host.isOpen) await host.close();
  }
}

describe('the lab printer', () => {
  it('prints what the kiosk sends, and serves the paper as a PNG dot for dot', async () => {
    const sent = diagonal(240);
    await withPrinter(async (printer) => {
      expect((await printer.printRaster(sent)).ok).toBe(true);
    });

    const listed = (await call('/printer/receipts')).body.receipts as { number: number; endedBy: string; heightDots: number; png: string }[];
    const last = listed.at(-1);
    expect(last).toMatchObject({ endedBy: 'fullCut', widthDots: 576 });
    const response = await fetch(`${lab.controlUrl}${last?.png ?? ''}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    const paper = pngToRaster(new Uint8Array(await response.arrayBuffer()));
    expect(paper.height).toBe(last?.heightDots);
    // The picture, then the blank feed up to the cutter.
    expect(sliceRows(paper, 0, 240)).toEqual(sent);
    expect(inkCount(sliceRows(paper, 240, paper.height))).toBe(0);
    const newest = await fetch(`${lab.controlUrl}/printer/receipts/last.png`);
    expect(Buffer.from(await newest.arrayBuffer())).toEqual(Buffer.from(await (await fetch(`${lab.controlUrl}${last?.png ?? ''}`)).arrayBuffer()));
    expect(await printerState()).toMatchObject({ plugged: true, online: true, paper: 'ok', counters: { receipts: 1 } });
  });

  it('a receipt the lab does not keep is 404 problem JSON', async () => {
    const response = await fetch(`${lab.controlUrl}/printer/receipts/999.png`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/no-receipt' });
  });

  it('paper low prints on and the driver hears the near-end sensor; paper out refuses the next job before a dot is burnt', async () => {
    await withPrinter(async (printer) => {
    expect((await call('/printer/paper', { paper: 'low' })).body.printer).toMatchObject({ paper: 'low', online: true });
    expect(await printer.status()).toMatchObject({ ok: true, value: { online: true, paperNearEnd: true, paperOut: false } });
    expect((await call('/printer/paper', { paper: 'out' })).body.printer).toMatchObject({ paper: 'out', online: false });
    expect(await printer.printRaster(diagonal(50))).toEqual({ ok: false, error: { type: 'paperOut', job: 'notStarted' } });
    expect((await call('/printer/paper', { paper: 'ok' })).body.printer).toMatchObject({ paper: 'ok', online: true });
    expect((await printer.printRaster(diagonal(50))).ok).toBe(true);
    });
  });

  it('the roll ending mid-receipt leaves a piece hanging out, listed as ended by paper out', async () => {
    await withPrinter(async (printer) => {
    await call('/printer/paper', { paper: 'out', afterRows: 100 });
    expect(await printer.printRaster(diagonal(400))).toEqual({ ok: false, error: { type: 'paperOut', job: 'cutShort' } });
    const state = await printerState();
    // What came out before the roll ended: less than the receipt, uncut (the feed after the last cut is on it too).
      const piece = state.receipts.at(-1);
      expect(piece?.endedBy).toBe('paperOut');
      expect(piece?.heightDots).toBeGreaterThanOrEqual(100);
      expect(piece?.heightDots).toBeLessThan(400);
      expect(state.paperRowsLeft).toBe(0);
    expect(state).toMatchObject({ paper: 'out', online: false });
    expect(state.counters.paperOuts).toBeGreaterThanOrEqual(1);
    await call('/printer/paper', { paper: 'ok' });
    }, { jobMarginMs: 600, minRowsPerSecond: 4000 });
  });

  it('an open cover stops printing until it is shut', async () => {
    await withPrinter(async (printer) => {
    expect((await call('/printer/cover', { open: true })).body.printer).toMatchObject({ coverOpen: true, online: false });
    expect(await printer.printRaster(diagonal(50))).toEqual({ ok: false, error: { type: 'coverOpen', job: 'notStarted' } });
    expect((await call('/printer/cover', { open: false })).body.printer).toMatchObject({ coverOpen: false, online: true });
    expect((await printer.printRaster(diagonal(50))).ok).toBe(true);
    });
  });

  it('unplug makes the port vanish and the driver says unplugged; replug brings the same path back and it prints again', async () => {
    const path = lab.devices.printer;
    await withPrinter(async (printer, host) => {
      const closed = new Promise<Error | undefined>((resolve) => host.onClose(resolve));
      expect((await call('/printer/fault', { kind: 'unplug' })).body.printer).toMatchObject({ plugged: false, online: false });
      expect(existsSync(path)).toBe(false);
      await closed;
      expect(await printer.status()).toMatchObject({ ok: false, error: { type: 'unplugged' } });
    });

    expect((await call('/printer/fault', { kind: 'replug' })).body.printer).toMatchObject({ plugged: true, online: true, counters: { unplugs: 1, replugs: 1 } });
    await withPrinter(async (printer) => {
      expect((await printer.printRaster(diagonal(30))).ok).toBe(true);
    });
  });

  it('a cutter error is offline with its reason until the fault is cleared', async () => {
    await withPrinter(async (printer) => {
    await call('/printer/fault', { kind: 'cutterError' });
    expect(await printer.printRaster(diagonal(30))).toEqual({ ok: false, error: { type: 'offline', job: 'notStarted', reason: 'cutterError' } });
    expect((await call('/printer/fault', { kind: 'none' })).body.printer).toMatchObject({ error: null, online: true });
    expect((await printer.status()).ok).toBe(true);
    });
  });

  it('refuses bodies it does not know with problem JSON', async () => {
    expect((await call('/printer/paper', { paper: 'empty' })).status).toBe(400);
    expect((await call('/printer/paper', { paper: 'ok', afterRows: 10 })).status).toBe(400);
    expect((await call('/printer/cover', { open: 'yes' })).status).toBe(400);
    expect((await call('/printer/fault', { kind: 'jam' })).body).toMatchObject({ status: 400, type: '/problems/invalid-body' });
  });
});
