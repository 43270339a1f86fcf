import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PtyLine } from '../lab/ptyLine';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport } from '../transport/types';
import { ReceiptPrinter } from './driver';
import { blankRaster, setBlack } from './raster';
import { PrinterSimulator } from './simulator';

/** The simulator hosted the way the lab hosts a device: on a PtyLine whose host path survives unplug and replug. */

let directory: string;
let line: PtyLine;
let simulator: PrinterSimulator;
let host: ByteTransport | undefined;

const openHost = async (): Promise<ReceiptPrinter> => {
  host = await openSerialTransport({ path: line.hostPath, baudRate: 115_200, noModemLines: true });
  return new ReceiptPrinter(host, { widthDots: 576 });
};

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kiosk-printer-line-'));
  line = await PtyLine.create(directory, { baudRate: 115_200 });
  simulator = new PrinterSimulator(await line.plug(), { rowsPerSecond: Infinity });
});
afterEach(async () => {
  await simulator.close();
  if (host?.isOpen) await host.close();
  await line.unplug();
  await rm(directory, { recursive: true, force: true });
});

function stripe(height: number) {
  const raster = blankRaster(576, height);
  for (let x = 0; x < 576; x += 2) setBlack(raster, x, 0);
  return raster;
}

it('serves a kiosk on the lab line, survives the cable being pulled and put back at the same path, and keeps the paper', async () => {
  let printer = await openHost();
  expect((await printer.printRaster(stripe(40))).ok).toBe(true);

  await line.unplugFrom(simulator);
  expect(await printer.status()).toMatchObject({ ok: false, error: { type: 'unplugged' } });
  printer.dispose();

  await line.replugInto(simulator);
  printer = await openHost();
  expect((await printer.printRaster(stripe(40))).ok).toBe(true);
  expect(simulator.receipts.map((r) => r.number)).toEqual([1, 2]);
  expect([line.unplugs, line.replugs]).toEqual([1, 1]);
  printer.dispose();
});

it('keeps only the last receipts it was told to, and tells listeners of each', async () => {
  await simulator.close();
  await line.unplug();
  simulator = new PrinterSimulator(await line.plug(), { rowsPerSecond: Infinity, keepReceipts: 2 });
  const seen: number[] = [];
  simulator.onReceipt((receipt) => seen.push(receipt.number));
  const printer = await openHost();
  for (let i = 0; i < 3; i++) expect((await printer.printRaster(stripe(20))).ok).toBe(true);
  expect(seen).toEqual([1, 2, 3]);
  expect(simulator.receipts.map((r) => r.number)).toEqual([2, 3]);
  printer.dispose();
});
