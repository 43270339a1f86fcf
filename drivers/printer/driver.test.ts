import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngToRaster } from './png';
import { type Raster, blankRaster, differingFraction, setBlack, sliceRows } from './raster';
import { type PrinterRig, openPrinterRig } from './testing/ptyRig';

/** A raster with text-like strokes and, on purpose, rows whose bytes read 10 04 01 (DLE EOT 1). */
function receiptLike(width: number, height: number): Raster {
  const raster = blankRaster(width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x * 7 + y * 3) % 11 < 3 && y % 40 < 30) setBlack(raster, x, y);
  const stride = width / 8;
  for (const y of [50, 51, 52]) raster.bits.set([0x10, 0x04, 0x01, 0x10, 0x04, 0x04], y * stride + 10);
  return raster;
}

let rig: PrinterRig;
afterEach(async () => {
  await rig.close();
});

describe('an 80 mm printer over a pty', () => {
  beforeEach(async () => {
    rig = await openPrinterRig();
  });

  it('reports its status between jobs', async () => {
    expect(await rig.printer.status()).toEqual({
      ok: true,
      value: { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, cutterError: false, unrecoverableError: false, recoverableError: false, feeding: false },
    });
  });

  it('prints a raster receipt dot for dot and cuts it; image bytes that look like DLE EOT do not disturb the job', async () => {
    const raster = receiptLike(576, 400);
    const printed = await rig.printer.printRaster(raster);
    expect(printed).toMatchObject({ ok: true, value: { status: { online: true, paperOut: false } } });
    const receipt = rig.simulator.lastReceipt;
    expect(receipt?.endedBy).toBe('fullCut');
    expect(differingFraction(sliceRows(receipt?.raster ?? raster, 0, 400), raster)).toBe(0);
    expect(rig.simulator.stats.unknownCommands).toBe(0);
    // The PNG the dev dock shows holds the same dots.
    const png = await rig.simulator.receiptPng(receipt ?? { number: 0, raster, endedBy: 'fullCut' });
    expect(differingFraction(sliceRows(pngToRaster(png), 0, 400), raster)).toBe(0);
  });

  it('prints the test page with the printer’s own text and QR code, every command understood', async () => {
    const printed = await rig.printer.print([
      { type: 'text', text: 'TEST PAGE', align: 'center', bold: true, size: 2 },
      { type: 'text', text: 'Kiosk K-0001' },
      { type: 'qr', data: 'https://portal.example.sa/', moduleSize: 5 },
    ]);
    expect(printed.ok).toBe(true);
    const { stats } = rig.simulator;
    expect(stats.unknownCommands).toBe(0);
    expect(stats.commands).toMatchObject({ init: 1, qr: 5, cut: 1, transmitStatus: 1 });
    const receipt = rig.simulator.lastReceipt?.raster;
    // Ink in the title's rows and in the QR code's.
    expect(receipt && receipt.bits.some((byte) => byte !== 0)).toBe(true);
  });

  it('jobs asked for together come out one after the other, whole', async () => {
    const [a, b] = await Promise.all([rig.printer.printRaster(receiptLike(576, 100)), rig.printer.printRaster(receiptLike(576, 120))]);
    expect(a.ok && b.ok).toBe(true);
    expect(rig.simulator.receipts.map((r) => [r.endedBy, r.raster.height >= 100])).toEqual([
      ['fullCut', true],
      ['fullCut', true],
    ]);
    expect(rig.simulator.receipts[1]?.raster.height).toBeGreaterThan(rig.simulator.receipts[0]?.raster.height ?? 0);
  });

  it('paper near end: the job prints and the report says so', async () => {
    rig.simulator.paperNearEnd();
    const printed = await rig.printer.printRaster(receiptLike(576, 60));
    expect(printed).toMatchObject({ ok: true, value: { status: { paperNearEnd: true, paperOut: false } } });
  });

  it('a printer offline for a cutter jam refuses the job before any paper moves', async () => {
    rig.simulator.setOffline('cutterError');
    expect(await rig.printer.printRaster(receiptLike(576, 60))).toEqual({ ok: false, error: { type: 'offline', job: 'notStarted', reason: 'cutterError' } });
    expect(rig.simulator.receipts).toEqual([]);
  });
});

describe('a 58 mm printer', () => {
  beforeEach(async () => {
    rig = await openPrinterRig({ widthDots: 384 });
  });

  it('prints 384-dot rows', async () => {
    const raster = receiptLike(384, 80);
    expect((await rig.printer.printRaster(raster)).ok).toBe(true);
    const receipt = rig.simulator.lastReceipt?.raster;
    expect(receipt?.width).toBe(384);
    expect(differingFraction(sliceRows(receipt ?? raster, 0, 80), raster)).toBe(0);
  });
});
