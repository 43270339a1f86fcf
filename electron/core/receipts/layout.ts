import { type SKRSContext2D, createCanvas } from '@napi-rs/canvas';
import { fontFor, registerReceiptFonts } from '../../../drivers/printer/fonts';
import { qrRaster } from '../../../drivers/printer/qr';
import { type Raster, blit, rasterFromRgba } from '../../../drivers/printer/raster';

/**
 * Lays a receipt out and draws it at the printer's width with Skia (through
 * @napi-rs/canvas), whose text stack shapes Arabic (HarfBuzz) and orders
 * mixed Arabic, English and digits by the Unicode bidi algorithm (ICU). Lines
 * are broken in logical order, then each line is drawn with the paragraph's
 * direction, so the bidi algorithm runs per line as it should. The drawing is
 * anti-aliased grey, then thresholded to the printer's 1-bit dots.
 */

type Direction = 'rtl' | 'ltr';
export type Level = 'green' | 'amber' | 'red';

export type Block =
  /** Centred, bold. */
  | { readonly type: 'heading'; readonly text: string; readonly size: 'large' | 'medium' }
  /** Wrapped at the start side (or centred). */
  | { readonly type: 'paragraph'; readonly text: string; readonly align?: 'start' | 'center'; readonly bold?: boolean; readonly small?: boolean }
  /** Label at the start side, value at the end side; the value on its own line when both do not fit. */
  | { readonly type: 'field'; readonly label: string; readonly value: string }
  /** A check of the readiness report: a mark for its level, the label, the level's word, a detail line. */
  | { readonly type: 'check'; readonly label: string; readonly level: Level; readonly levelText: string; readonly detail?: string }
  | { readonly type: 'rule' }
  | { readonly type: 'space'; readonly dots: number }
  | { readonly type: 'qr'; readonly data: string; readonly caption?: string };

interface LayoutOptions {
  readonly direction: Direction;
  readonly widthDots: number;
}

/** Type sizes in dots (203 dpi: 24 dots ≈ 3 mm). Naskh draws smaller than Sans at one size, so Arabic is set larger. */
function sizes(direction: Direction, widthDots: number) {
  const narrow = widthDots < 500;
  const ar = direction === 'rtl';
  const body = (ar ? 27 : 24) - (narrow ? 2 : 0);
  return {
    body,
    small: body - 4,
    medium: body + 4,
    large: body + 10,
    lineFactor: ar ? 1.65 : 1.4,
    margin: narrow ? 8 : 16,
    qrModule: narrow ? 3 : 4,
  };
}

/** Strong right-to-left letters (Hebrew, Arabic and their presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

function directionOf(text: string, fallback: Direction): Direction {
  for (const char of text) {
    if (RTL.test(char)) return 'rtl';
    if (/\p{L}/u.test(char)) return 'ltr';
  }
  return fallback;
}

type DrawOp = (context: SKRSContext2D, top: number) => void;

interface Placed {
  readonly height: number;
  readonly draw: DrawOp;
}

export function renderLayout(blocks: readonly Block[], options: LayoutOptions): Raster {
  registerReceiptFonts();
  const { direction, widthDots } = options;
  const s = sizes(direction, widthDots);
  const measure = createCanvas(8, 8).getContext('2d');
  const content = widthDots - 2 * s.margin;
  const script = direction === 'rtl' ? 'arabic' : 'latin';
  const startX = direction === 'rtl' ? widthDots - s.margin : s.margin;
  const endX = direction === 'rtl' ? s.margin : widthDots - s.margin;

  const font = (size: number, bold = false) => fontFor(script, size, bold);
  const lineHeight = (size: number) => Math.round(size * s.lineFactor);
  const baseline = (size: number) => Math.round(size * (direction === 'rtl' ? 1.18 : 1.05));

  const width = (text: string, fontSpec: string, dir: Direction): number => {
    measure.font = fontSpec;
    measure.direction = dir;
    return measure.measureText(text).width;
  };

  /** Greedy line breaking in logical order; a word wider than the line is cut by characters. */
  const wrap = (text: string, fontSpec: string, dir: Direction, max: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (width(candidate, fontSpec, dir) <= max) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      let piece = '';
      for (const char of word) {
        if (width(piece + char, fontSpec, dir) > max && piece) {
          lines.push(piece);
          piece = '';
        }
        piece += char;
      }
      current = piece;
    }
    if (current) lines.push(current);
    return lines.length > 0 ? lines : [''];
  };

  // Physical alignment: the document's start side is the right in Arabic, whatever one line's own direction.
  const startAlign = direction === 'rtl' ? 'right' : 'left';
  const endAlign = direction === 'rtl' ? 'left' : 'right';

  /** One line of text, ordered by the bidi algorithm with `dir` as its paragraph direction. */
  const textAt = (context: SKRSContext2D, text: string, fontSpec: string, dir: Direction, x: number, y: number, align: 'left' | 'right' | 'center'): void => {
    context.font = fontSpec;
    context.direction = dir;
    context.textAlign = align;
    context.fillText(text, x, y);
  };

  const placed: Placed[] = [];
  /** QR codes go in as dots after thresholding, so their modules stay exact. */
  const pendingQr: { raster: Raster; x: number; y: number }[] = [];
  const textLines = (lines: string[], size: number, bold: boolean, align: 'start' | 'center', dir: Direction = direction): Placed => {
    const fontSpec = font(size, bold);
    const lh = lineHeight(size);
    return {
      height: lh * lines.length,
      draw: (context, top) => {
        lines.forEach((line, i) => {
          const y = top + i * lh + baseline(size);
          if (align === 'center') textAt(context, line, fontSpec, dir, widthDots / 2, y, 'center');
          else textAt(context, line, fontSpec, dir, startX, y, startAlign);
        });
      },
    };
  };

  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const size = block.size === 'large' ? s.large : s.medium;
        placed.push(textLines(wrap(block.text, font(size, true), direction, content), size, true, 'center'));
        break;
      }
      case 'paragraph': {
        const size = block.small ? s.small : s.body;
        const dir = directionOf(block.text, direction);
        placed.push(textLines(wrap(block.text, font(size, block.bold), dir, content), size, block.bold ?? false, block.align ?? 'start', dir));
        break;
      }
      case 'field': {
        const labelFont = font(s.body);
        const valueFont = font(s.body, true);
        // A value without letters (a masked number, a date, a reference) reads left to right in both languages.
        const valueDir = directionOf(block.value, 'ltr');
        const gap = s.body;
        const labelWidth = width(block.label, labelFont, direction);
        const valueWidth = width(block.value, valueFont, valueDir);
        const lh = lineHeight(s.body);
        if (labelWidth + gap + valueWidth <= content) {
          placed.push({
            height: lh,
            draw: (context, top) => {
              const y = top + baseline(s.body);
              textAt(context, block.label, labelFont, direction, startX, y, startAlign);
              // The value hugs the end side whatever its own direction.
              textAt(context, block.value, valueFont, valueDir, endX, y, endAlign);
            },
          });
        } else {
          const labelLines = wrap(block.label, labelFont, direction, content);
          const valueLines = wrap(block.value, valueFont, valueDir, content);
          const labels = textLines(labelLines, s.body, false, 'start');
          placed.push(labels);
          placed.push({
            height: lh * valueLines.length,
            draw: (context, top) => {
              valueLines.forEach((line, i) => textAt(context, line, valueFont, valueDir, endX, top + i * lh + baseline(s.body), endAlign));
            },
          });
        }
        break;
      }
      case 'check': {
        const mark = Math.round(s.body * 0.75);
        const labelFont = font(s.body);
        const levelFont = font(s.body, true);
        const levelWidth = width(block.levelText, levelFont, direction);
        const labelRoom = content - mark - s.body / 2 - levelWidth - s.body / 2;
        const labelLines = wrap(block.label, labelFont, direction, Math.max(labelRoom, content / 3));
        const detailLines = block.detail ? wrap(block.detail, font(s.small), directionOf(block.detail, 'ltr'), content - mark - s.body / 2) : [];
        const lh = lineHeight(s.body);
        const lhSmall = lineHeight(s.small);
        placed.push({
          height: lh * labelLines.length + lhSmall * detailLines.length,
          draw: (context, top) => {
            const sign = direction === 'rtl' ? -1 : 1;
            const markX = direction === 'rtl' ? startX - mark : startX;
            drawLevelMark(context, block.level, markX, top + Math.round((lh - mark) / 2), mark);
            const textX = startX + sign * (mark + s.body / 2);
            labelLines.forEach((line, i) => textAt(context, line, labelFont, direction, textX, top + i * lh + baseline(s.body), startAlign));
            textAt(context, block.levelText, levelFont, direction, endX, top + baseline(s.body), endAlign);
            const detailDir = block.detail ? directionOf(block.detail, 'ltr') : direction;
            detailLines.forEach((line, i) => {
              textAt(context, line, font(s.small), detailDir, textX, top + lh * labelLines.length + i * lhSmall + baseline(s.small), startAlign);
            });
          },
        });
        break;
      }
      case 'rule':
        placed.push({
          height: 18,
          draw: (context, top) => {
            for (let x = s.margin; x < widthDots - s.margin; x += 12) context.fillRect(x, top + 8, 8, 2);
          },
        });
        break;
      case 'space':
        placed.push({ height: block.dots, draw: () => undefined });
        break;
      case 'qr': {
        const code = qrRaster(block.data, { moduleDots: s.qrModule, errorLevel: 'M', quietModules: 2 });
        const caption = block.caption ? textLines(wrap(block.caption, font(s.small), direction, content), s.small, false, 'center') : undefined;
        placed.push({
          height: code.height + (caption?.height ?? 0),
          draw: (context, top) => {
            pendingQr.push({ raster: code, x: Math.floor((widthDots - code.width) / 2), y: top });
            caption?.draw(context, top + code.height);
          },
        });
        break;
      }
    }
  }

  const height = placed.reduce((sum, item) => sum + item.height, 0);
  const canvas = createCanvas(widthDots, Math.max(1, height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, widthDots, canvas.height);
  context.fillStyle = '#000';
  context.strokeStyle = '#000';
  context.textBaseline = 'alphabetic';
  let top = 0;
  for (const item of placed) {
    item.draw(context, top);
    top += item.height;
  }
  const pixels = context.getImageData(0, 0, widthDots, canvas.height);
  // 150 rather than 128: Naskh's hairlines stay whole on paper.
  const raster = rasterFromRgba(pixels.data, widthDots, canvas.height, 150);
  for (const qr of pendingQr) blit(raster, qr.raster, qr.x, qr.y);
  return raster;
}

/** green: a tick in a circle; amber: an exclamation in a triangle; red: a cross in a filled square. Colour never alone. */
function drawLevelMark(context: SKRSContext2D, level: Level, x: number, y: number, size: number): void {
  context.save();
  context.lineWidth = 2;
  context.beginPath();
  if (level === 'green') {
    context.arc(x + size / 2, y + size / 2, size / 2 - 1, 0, Math.PI * 2);
    context.moveTo(x + size * 0.25, y + size * 0.5);
    context.lineTo(x + size * 0.45, y + size * 0.72);
    context.lineTo(x + size * 0.78, y + size * 0.3);
    context.stroke();
  } else if (level === 'amber') {
    context.moveTo(x + size / 2, y + 1);
    context.lineTo(x + size - 1, y + size - 1);
    context.lineTo(x + 1, y + size - 1);
    context.closePath();
    context.stroke();
    context.fillRect(x + size / 2 - 1, y + size * 0.35, 2, size * 0.3);
    context.fillRect(x + size / 2 - 1, y + size * 0.75, 2, 2);
  } else {
    context.fillRect(x, y, size, size);
    context.strokeStyle = '#fff';
    context.moveTo(x + size * 0.25, y + size * 0.25);
    context.lineTo(x + size * 0.75, y + size * 0.75);
    context.moveTo(x + size * 0.75, y + size * 0.25);
    context.lineTo(x + size * 0.25, y + size * 0.75);
    context.stroke();
  }
  context.restore();
}
