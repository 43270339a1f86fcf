import { type Raster, blankRaster, isBlack, setBlack } from '../../../../drivers/printer/raster';

/** Looking at printed dots the way a person reads a receipt: lines of ink, words within them. */

/** Row ranges [top, bottom) that hold ink, separated by blank rows. */
export function inkLines(raster: Raster): [top: number, bottom: number][] {
  const lines: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= raster.height; y++) {
    let ink = false;
    for (let x = 0; x < raster.width && y < raster.height && !ink; x++) ink = isBlack(raster, x, y);
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      lines.push([start, y]);
      start = -1;
    }
  }
  return lines;
}

/** The smallest box around the ink in rows [top, bottom), as a raster of its own. */
export function cropInk(raster: Raster, top = 0, bottom = raster.height): Raster {
  let left = raster.width;
  let right = -1;
  let up = bottom;
  let down = top - 1;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (!isBlack(raster, x, y)) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      up = Math.min(up, y);
      down = Math.max(down, y);
    }
  }
  if (right < 0) return blankRaster(0, 0);
  const out = blankRaster(right - left + 1, down - up + 1);
  for (let y = up; y <= down; y++) for (let x = left; x <= right; x++) if (isBlack(raster, x, y)) setBlack(out, x - left, y - up);
  return out;
}

/**
 * How badly `word` fits at one end of `line` (both cropped to their ink): the
 * least fraction of the word's box that differs, over small vertical and
 * horizontal shifts. 0 is a perfect fit.
 */
export function misfitAtEnd(line: Raster, word: Raster, end: 'left' | 'right'): number {
  let best = 1;
  const baseX = end === 'left' ? 0 : line.width - word.width;
  for (let dx = -2; dx <= 2; dx++) {
    for (let dy = 0; dy <= Math.max(0, line.height - word.height); dy++) {
      let differing = 0;
      for (let y = 0; y < word.height; y++) {
        for (let x = 0; x < word.width; x++) if (isBlack(word, x, y) !== isBlack(line, baseX + dx + x, dy + y)) differing++;
      }
      best = Math.min(best, differing / Math.max(1, word.width * word.height));
    }
  }
  return best;
}

/** Where `pattern` sits in `raster` dot for dot (in column `onlyX` when given), or undefined. */
export function findExact(raster: Raster, pattern: Raster, onlyX?: number): { x: number; y: number } | undefined {
  for (let y = 0; y + pattern.height <= raster.height; y++) {
    for (let x = onlyX ?? 0; x + pattern.width <= raster.width && (onlyX === undefined || x === onlyX); x++) {
      let same = true;
      for (let py = 0; py < pattern.height && same; py++) for (let px = 0; px < pattern.width && same; px++) same = isBlack(pattern, px, py) === isBlack(raster, x + px, y + py);
      if (same) return { x, y };
    }
  }
  return undefined;
}
