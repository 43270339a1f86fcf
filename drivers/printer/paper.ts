import { createCanvas } from '@napi-rs/canvas';
import type { PrinterCommand } from './commands';
import { RECEIPT_FONT, registerReceiptFonts } from './fonts';
import { type QrErrorLevel, qrRaster } from './qr';
import { type Raster, blankRaster, blit, bytesPerRow, rasterFromRgba, scaleRaster } from './raster';

/**
 * The print engine of the simulated printer: print commands in, bands of
 * dots out (what lands on the paper), with the state a real printer keeps
 * between commands (alignment, emphasis, size, line spacing, the stored QR
 * symbol). Font A is 12 × 24 dots; the default line spacing is 30 dots.
 */

const FONT_A = { width: 12, height: 24 } as const;
const DEFAULT_LINE_SPACING = 30;

export type EngineAction =
  /** Dots to burn on the paper, in order. */
  | { readonly type: 'band'; readonly raster: Raster }
  | { readonly type: 'cut'; readonly partial: boolean }
  /** GS r n: answer once everything before it is done. */
  | { readonly type: 'transmitStatus'; readonly n: number }
  | { readonly type: 'unknown'; readonly bytes: Uint8Array };

interface Cell {
  readonly char: string;
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
}

const QR_LEVELS: Record<number, QrErrorLevel> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

export class PrintEngine {
  readonly #widthDots: number;
  #align: 0 | 1 | 2 = 0;
  #bold = false;
  #size = { width: 1, height: 1 };
  #lineSpacing = DEFAULT_LINE_SPACING;
  #line: Cell[] = [];
  #qr = { data: '', moduleDots: 3, level: 'L' as QrErrorLevel };

  constructor(widthDots: number) {
    this.#widthDots = widthDots;
  }

  /** ESC @ and power-up: every setting back to its default, the line buffer emptied. */
  reset(): void {
    this.#align = 0;
    this.#bold = false;
    this.#size = { width: 1, height: 1 };
    this.#lineSpacing = DEFAULT_LINE_SPACING;
    this.#line = [];
    this.#qr = { data: '', moduleDots: 3, level: 'L' };
  }

  execute(command: PrinterCommand): EngineAction[] {
    switch (command.type) {
      case 'init':
        this.reset();
        return [];
      case 'align':
        this.#align = command.align;
        return [];
      case 'bold':
        this.#bold = command.on;
        return [];
      case 'size':
        this.#size = { width: Math.min(8, command.width), height: Math.min(8, command.height) };
        return [];
      case 'lineSpacing':
        this.#lineSpacing = command.dots === 'default' ? DEFAULT_LINE_SPACING : command.dots;
        return [];
      case 'underline':
      case 'font':
      case 'codepage':
      case 'kanji':
      case 'carriageReturn':
      case 'realTime':
        return [];
      case 'text': {
        // A line longer than the paper wraps, as on a printer.
        const actions: EngineAction[] = [];
        for (const byte of command.bytes) {
          // Code page text: ASCII as itself, anything else as a box the width of a character.
          const cell = { char: byte < 0x7f ? String.fromCharCode(byte) : '\u25a1', bold: this.#bold, ...this.#size };
          if (this.#lineWidth() + FONT_A.width * cell.width > this.#widthDots) actions.push(this.#flushLine());
          this.#line.push(cell);
        }
        return actions;
      }
      case 'newline':
        return [this.#flushLine()];
      case 'feedLines': {
        const actions: EngineAction[] = [];
        if (this.#line.length > 0) actions.push(this.#flushLine());
        if (command.lines > 0) actions.push({ type: 'band', raster: blankRaster(this.#widthDots, command.lines * this.#lineSpacing) });
        return actions;
      }
      case 'raster': {
        const source: Raster = { width: command.widthBytes * 8, height: command.height, bits: command.data };
        const scaled = scaleRaster(source, command.mode & 1 ? 2 : 1, command.mode & 2 ? 2 : 1);
        return [{ type: 'band', raster: this.#place(scaled) }];
      }
      case 'qr':
        return this.#qrFunction(command.fn, command.params);
      case 'cut': {
        const actions: EngineAction[] = [];
        if (this.#line.length > 0) actions.push(this.#flushLine());
        if (command.feedFirst > 0) actions.push({ type: 'band', raster: blankRaster(this.#widthDots, command.feedFirst) });
        actions.push({ type: 'cut', partial: command.partial });
        return actions;
      }
      case 'transmitStatus':
        return [{ type: 'transmitStatus', n: command.n }];
      case 'unknown':
        return [{ type: 'unknown', bytes: command.bytes }];
    }
  }

  #qrFunction(fn: number, params: Uint8Array): EngineAction[] {
    switch (fn) {
      case 65: // model
        return [];
      case 67: // module size 1–16
        this.#qr = { ...this.#qr, moduleDots: Math.max(1, Math.min(16, params[0] ?? 3)) };
        return [];
      case 69: // error correction level 48–51
        this.#qr = { ...this.#qr, level: QR_LEVELS[params[0] ?? 48] ?? 'L' };
        return [];
      case 80: // store data: m=0x30 then the data
        this.#qr = { ...this.#qr, data: new TextDecoder('latin1').decode(params.subarray(1)) };
        return [];
      case 81: {
        // print the stored symbol
        if (!this.#qr.data) return [];
        try {
          return [{ type: 'band', raster: this.#place(qrRaster(this.#qr.data, { moduleDots: this.#qr.moduleDots, errorLevel: this.#qr.level, quietModules: 0 })) }];
        } catch {
          // Data too long for a symbol: a real printer prints nothing.
          return [];
        }
      }
      default:
        return [{ type: 'unknown', bytes: Uint8Array.of(0x1d, 0x28, 0x6b, fn) }];
    }
  }

  /** A picture on a band as wide as the paper, at the current alignment. */
  #place(picture: Raster): Raster {
    if (picture.width === this.#widthDots) return picture;
    const band = blankRaster(this.#widthDots, picture.height);
    const free = this.#widthDots - picture.width;
    const x = this.#align === 0 ? 0 : this.#align === 1 ? Math.floor(free / 2) : free;
    blit(band, picture, Math.max(0, x), 0);
    return band;
  }

  #lineWidth(): number {
    return this.#line.reduce((sum, cell) => sum + FONT_A.width * cell.width, 0);
  }

  /** LF: the buffered characters as one band (an empty line feeds one line spacing). */
  #flushLine(): EngineAction {
    const cells = this.#line;
    this.#line = [];
    const tallest = cells.reduce((max, cell) => Math.max(max, cell.height), 1);
    const height = Math.max(this.#lineSpacing, FONT_A.height * tallest + (DEFAULT_LINE_SPACING - FONT_A.height));
    if (cells.length === 0 || cells.every((cell) => cell.char === ' ')) return { type: 'band', raster: blankRaster(this.#widthDots, height) };
    registerReceiptFonts();
    const canvas = createCanvas(this.#widthDots, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, this.#widthDots, height);
    context.fillStyle = '#000';
    context.textBaseline = 'alphabetic';
    const width = cells.reduce((sum, cell) => sum + FONT_A.width * cell.width, 0);
    const free = this.#widthDots - width;
    let x = this.#align === 0 ? 0 : this.#align === 1 ? Math.floor(free / 2) : free;
    const baseline = FONT_A.height * tallest - 5 * tallest;
    for (const cell of cells) {
      const cellWidth = FONT_A.width * cell.width;
      if (cell.char !== ' ') {
        context.save();
        context.font = `${cell.bold ? 'bold ' : ''}20px ${RECEIPT_FONT.latin}`;
        const glyph = context.measureText(cell.char).width;
        context.translate(x + (cellWidth - glyph * cell.width) / 2, baseline);
        context.scale(cell.width, cell.height);
        context.fillText(cell.char, 0, 0);
        context.restore();
      }
      x += cellWidth;
    }
    const pixels = context.getImageData(0, 0, this.#widthDots, height);
    return { type: 'band', raster: rasterFromRgba(pixels.data, this.#widthDots, height) };
  }
}

/** The rows of a band that fit on what is left of the roll. */
export function firstRows(band: Raster, rows: number): Raster {
  const stride = bytesPerRow(band.width);
  return { width: band.width, height: rows, bits: band.bits.slice(0, rows * stride) };
}
