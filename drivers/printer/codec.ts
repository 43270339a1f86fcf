import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { type Raster, rasterToRgba } from './raster';
import { DLE, PAPER_STATUS_IN_ORDER } from './status';

/**
 * The host's print jobs as ESC/POS bytes (DEVICES.md §7), made by
 * @point-of-sale/receipt-printer-encoder in raster image mode (GS v 0; its
 * default is column mode, ESC *). Receipts arrive as one raster at the paper
 * width; the printer's own text and QR commands serve the test page.
 */

export type Align = 'left' | 'center' | 'right';

export type PrintItem =
  /** A picture exactly as wide as the paper (or narrower, then aligned). */
  | { readonly type: 'raster'; readonly raster: Raster; readonly align?: Align }
  /** A line in the printer's font A, ASCII only (code page text loses Arabic: receipts are rasters). */
  | { readonly type: 'text'; readonly text: string; readonly align?: Align; readonly bold?: boolean; readonly size?: 1 | 2 }
  /** The printer draws the QR code itself (GS ( k). */
  | { readonly type: 'qr'; readonly data: string; readonly moduleSize?: number; readonly align?: Align }
  | { readonly type: 'feed'; readonly lines: number };

export type CutKind = 'full' | 'partial';

interface JobOptions {
  /** Printable width in dots: 576 (80 mm) or 384 (58 mm). */
  readonly widthDots: number;
  readonly cut?: CutKind | 'none';
  /** Line feeds before the cut, so the last line clears the cutter. */
  readonly feedBeforeCut?: number;
}

/** Font A is 12 dots wide: 48 columns on 576 dots, 32 on 384. */
export function columnsFor(widthDots: number): number {
  return Math.floor(widthDots / 12);
}

/**
 * The bytes of one job, ending with GS r 1: the printer answers it only once
 * everything before it, the cut included, has been done, which is how the
 * driver knows the receipt is out. Throws on programmer errors (a raster wider
 * than the paper, non-ASCII text).
 */
export function encodeJob(items: readonly PrintItem[], options: JobOptions): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    imageMode: 'raster',
    columns: columnsFor(options.widthDots),
    feedBeforeCut: options.feedBeforeCut ?? 4,
  });
  encoder.initialize();
  for (const item of items) {
    switch (item.type) {
      case 'raster': {
        const { raster } = item;
        if (raster.width > options.widthDots) throw new RangeError(`raster is ${raster.width} dots wide, the paper ${options.widthDots}`);
        if (raster.height === 0) break;
        encoder.align(item.align ?? 'center');
        encoder.image({ data: rasterToRgba(raster), width: raster.width, height: raster.height }, { width: raster.width, height: raster.height, algorithm: 'threshold', mode: 'raster' });
        break;
      }
      case 'text':
        if (!/^[\x20-\x7e]*$/.test(item.text)) throw new RangeError('printer text must be printable ASCII; render anything else to a raster');
        encoder.align(item.align ?? 'left');
        encoder.bold(item.bold ?? false);
        encoder.size(item.size ?? 1, item.size ?? 1);
        encoder.line(item.text);
        encoder.size(1, 1);
        encoder.bold(false);
        break;
      case 'qr':
        encoder.align(item.align ?? 'center');
        encoder.qrcode(item.data, { model: 2, size: item.moduleSize ?? 6, errorlevel: 'm' });
        encoder.newline();
        break;
      case 'feed':
        if (item.lines > 0) encoder.newline(item.lines);
        break;
    }
  }
  encoder.align('left');
  if ((options.cut ?? 'full') !== 'none') encoder.cut(options.cut === 'partial' ? 'partial' : 'full');
  encoder.raw([...PAPER_STATUS_IN_ORDER]);
  return encoder.encode();
}

/**
 * DLE DC4 fn 8: clear the receive and print buffers (real time, works while
 * offline), so the rest of a job cut short by a paper-out does not come out
 * when paper is loaded. Answered with 37 25 00.
 */
export const CLEAR_BUFFERS = Uint8Array.of(DLE, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08);
export const CLEAR_BUFFERS_ANSWER = Uint8Array.of(0x37, 0x25, 0x00);
