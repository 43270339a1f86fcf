import { afterAll, beforeAll, expect, it } from 'vitest';
import { pngToRaster } from '../../../drivers/printer/png';
import { type PrinterRig, openPrinterRig } from '../../../drivers/printer/testing/ptyRig';
import { renderLayout } from './layout';
import { renderReceipt } from './render';
import { cropInk, inkLines, misfitAtEnd } from './testing/inspect';
import { SAMPLE_RECEIPTS } from './testing/samples';

let rig: PrinterRig;
beforeAll(async () => {
  rig = await openPrinterRig();
});
afterAll(async () => {
  await rig.close();
});

/** A word set alone in the title's type, cropped to its ink. */
function word(text: string) {
  return cropInk(renderLayout([{ type: 'heading', text, size: 'large' }], { direction: 'rtl', widthDots: 576 }));
}

it('the Arabic title on the paper reads right to left: its first word at the right end, its last word at the left, each shaped as when set alone', async () => {
  const { raster } = await renderReceipt('accountActivated', SAMPLE_RECEIPTS.accountActivated, { language: 'ar', widthDots: 576 });
  expect((await rig.printer.printRaster(raster)).ok).toBe(true);
  const receipt = rig.simulator.lastReceipt;
  if (!receipt) throw new Error('nothing printed');

  // Read the paper back from the PNG the dev dock shows.
  const paper = pngToRaster(await rig.simulator.receiptPng(receipt));
  // Line 0 is the portal's name, line 1 the title «تم تفعيل الحساب».
  const [, title] = inkLines(paper);
  if (!title) throw new Error('no title line on the paper');
  const line = cropInk(paper, title[0], title[1]);

  const first = word('تم');
  const last = word('الحساب');
  expect(misfitAtEnd(line, first, 'right')).toBeLessThan(0.1);
  expect(misfitAtEnd(line, last, 'left')).toBeLessThan(0.1);
  // Laid out left to right, the same words would sit at the other ends.
  expect(misfitAtEnd(line, first, 'left')).toBeGreaterThan(0.15);
  expect(misfitAtEnd(line, last, 'right')).toBeGreaterThan(0.15);
});

it('an English receipt reads left to right', async () => {
  const { raster } = await renderReceipt('accountActivated', SAMPLE_RECEIPTS.accountActivated, { language: 'en', widthDots: 576 });
  const [, title] = inkLines(raster);
  if (!title) throw new Error('no title line');
  const line = cropInk(raster, title[0], title[1]);
  const first = cropInk(renderLayout([{ type: 'heading', text: 'Account', size: 'large' }], { direction: 'ltr', widthDots: 576 }));
  expect(misfitAtEnd(line, first, 'left')).toBeLessThan(0.1);
  expect(misfitAtEnd(line, first, 'right')).toBeGreaterThan(0.15);
});
