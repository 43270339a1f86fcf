import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pngToRaster, rasterToPng } from '../../../drivers/printer/png';
import { differingFraction } from '../../../drivers/printer/raster';
import { RECEIPT_KINDS, type ReceiptKind } from './kinds';
import { renderReceipt } from './render';
import { SAMPLE_RECEIPTS } from './testing/samples';

/**
 * Every template in both languages against a committed reference PNG (looked
 * at when it was made). A font, Skia or layout change that moves more than a
 * few dots fails here; after looking at the new pictures, regenerate with
 *   UPDATE_RECEIPT_GOLDENS=1 npx vitest run electron/core/receipts/golden.test.ts
 */

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_RECEIPT_GOLDENS === '1';
/** Anti-aliasing at the threshold may flip a dot here and there between machines; a moved word flips thousands. */
const TOLERANCE = 0.002;

const cases: [ReceiptKind, 'ar' | 'en', number][] = [
  ...RECEIPT_KINDS.flatMap((kind) => (['ar', 'en'] as const).map((language): [ReceiptKind, 'ar' | 'en', number] => [kind, language, 576])),
  ['accountActivated', 'ar', 384],
  ['accountActivated', 'en', 384],
  ['technicianReadiness', 'ar', 384],
];

describe('receipt templates against their reference pictures', () => {
  it.each(cases)('%s in %s at %i dots', async (kind, language, widthDots) => {
    const { raster } = await renderReceipt(kind, SAMPLE_RECEIPTS[kind] as never, { language, widthDots });
    const png = await rasterToPng(raster);
    const file = `${GOLDEN}${kind}-${language}-${widthDots}.png`;
    if (UPDATE || !existsSync(file)) {
      if (!UPDATE) throw new Error(`no reference for ${kind}-${language}-${widthDots}; run with UPDATE_RECEIPT_GOLDENS=1 and look at ${file}`);
      await mkdir(GOLDEN, { recursive: true });
      await writeFile(file, png);
      return;
    }
    const reference = pngToRaster(await readFile(file));
    expect({ width: raster.width, height: raster.height }).toEqual({ width: reference.width, height: reference.height });
    expect(differingFraction(raster, reference)).toBeLessThanOrEqual(TOLERANCE);
    // The PNG handed out holds the raster's dots exactly.
    expect(differingFraction(pngToRaster(png), raster)).toBe(0);
  });
});
