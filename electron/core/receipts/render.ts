import type { Raster } from '../../../drivers/printer/raster';
import { type ReceiptInput, type ReceiptKind, receiptSchemas } from './kinds';
import { type ReceiptLanguage, receiptBlocks } from './templates';

interface RenderOptions {
  readonly language: ReceiptLanguage;
  /** The printer's width in dots: 576 (80 mm) or 384 (58 mm). */
  readonly widthDots: number;
}

interface RenderedReceipt {
  /** Row-major, `ceil(width / 8)` bytes a row, most significant bit leftmost, 1 = black: what GS v 0 sends. */
  readonly raster: Raster;
}

/**
 * A receipt of `kind` drawn at the printer's width, Arabic right to left with
 * proper shaping. `data` is checked against the kind's schema (kinds.ts):
 * anything not masked is refused with a ZodError, a programmer error.
 */
export async function renderReceipt<K extends ReceiptKind>(kind: K, data: ReceiptInput<K>, options: RenderOptions): Promise<RenderedReceipt> {
  if (!Number.isInteger(options.widthDots) || options.widthDots < 192 || options.widthDots % 8 !== 0) {
    throw new RangeError(`printer width must be a multiple of 8 dots, at least 192; got ${options.widthDots}`);
  }
  const parsed = receiptSchemas[kind].parse(data);
  const blocks = receiptBlocks(kind, parsed as never, options.language);
  // The drawing (canvas, fonts, QR) loads with the first receipt, not with the core: most sessions print none.
  const { renderLayout } = await import('./layout');
  const raster = renderLayout(blocks, { direction: options.language === 'ar' ? 'rtl' : 'ltr', widthDots: options.widthDots });
  // No PNG here: printing needs only the dots (the lab's simulator and the golden specs draw their own with rasterToPng).
  return { raster };
}
