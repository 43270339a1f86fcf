/**
 * A 1-bit picture in the printer's own layout (GS v 0): rows top to bottom,
 * each row `ceil(width / 8)` bytes, the most significant bit leftmost, 1 =
 * black (a burnt dot).
 */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly bits: Uint8Array;
}

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function blankRaster(width: number, height: number): Raster {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) throw new RangeError(`raster size ${width}×${height}`);
  return { width, height, bits: new Uint8Array(bytesPerRow(width) * height) };
}

export function isBlack(raster: Raster, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) return false;
  const byte = raster.bits[y * bytesPerRow(raster.width) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

export function setBlack(raster: Raster, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) return;
  const at = y * bytesPerRow(raster.width) + (x >> 3);
  raster.bits[at] = (raster.bits[at] ?? 0) | (0x80 >> (x & 7));
}

/** Gray or RGBA pixels to dots: darker than `threshold` (0–255 luminance) burns. */
export function rasterFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 128): Raster {
  const raster = blankRaster(width, height);
  const stride = bytesPerRow(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = (rgba[i + 3] ?? 255) / 255;
      // Composited on white paper.
      const lum = 255 - alpha * (255 - (0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0)));
      if (lum < threshold) raster.bits[y * stride + (x >> 3)] = (raster.bits[y * stride + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return raster;
}

/** Black dots on white paper, opaque RGBA. */
export function rasterToRgba(raster: Raster): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(raster.width * raster.height * 4).fill(255);
  const stride = bytesPerRow(raster.width);
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (((raster.bits[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      const i = (y * raster.width + x) * 4;
      rgba[i] = 0;
      rgba[i + 1] = 0;
      rgba[i + 2] = 0;
    }
  }
  return rgba;
}

/** Rows `from` (inclusive) to `to` (exclusive) as a raster of their own. */
export function sliceRows(raster: Raster, from: number, to: number): Raster {
  const stride = bytesPerRow(raster.width);
  const start = Math.max(0, Math.min(raster.height, from));
  const end = Math.max(start, Math.min(raster.height, to));
  return { width: raster.width, height: end - start, bits: raster.bits.slice(start * stride, end * stride) };
}

/** Stacks rasters of one width top to bottom. */
export function stackRasters(width: number, parts: readonly Raster[]): Raster {
  const height = parts.reduce((sum, part) => sum + part.height, 0);
  const out = blankRaster(width, height);
  const stride = bytesPerRow(width);
  let y = 0;
  for (const part of parts) {
    if (part.width === width) out.bits.set(part.bits, y * stride);
    else {
      // Narrower or wider parts are placed at the left edge, cut to the paper.
      const partStride = bytesPerRow(part.width);
      for (let row = 0; row < part.height; row++) {
        out.bits.set(part.bits.subarray(row * partStride, row * partStride + Math.min(stride, partStride)), (y + row) * stride);
      }
    }
    y += part.height;
  }
  return out;
}

/** Dots that differ between two rasters of the same size, as a fraction of all dots. */
export function differingFraction(a: Raster, b: Raster): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.bits.length; i++) {
    let x = (a.bits[i] ?? 0) ^ (b.bits[i] ?? 0);
    while (x) {
      x &= x - 1;
      differing++;
    }
  }
  return a.width * a.height === 0 ? 0 : differing / (a.width * a.height);
}

/** Count of black dots. */
export function inkCount(raster: Raster): number {
  let count = 0;
  for (const byte of raster.bits) {
    let x = byte;
    while (x) {
      x &= x - 1;
      count++;
    }
  }
  return count;
}

/** Copies `source`'s black dots into `target` with its top left corner at (x, y); what falls outside is cut. */
export function blit(target: Raster, source: Raster, x: number, y: number): void {
  const sourceStride = bytesPerRow(source.width);
  const targetStride = bytesPerRow(target.width);
  for (let sy = 0; sy < source.height; sy++) {
    const ty = y + sy;
    if (ty < 0 || ty >= target.height) continue;
    for (let sx = 0; sx < source.width; sx++) {
      if (((source.bits[sy * sourceStride + (sx >> 3)] ?? 0) & (0x80 >> (sx & 7))) === 0) continue;
      const tx = x + sx;
      if (tx < 0 || tx >= target.width) continue;
      target.bits[ty * targetStride + (tx >> 3)] = (target.bits[ty * targetStride + (tx >> 3)] ?? 0) | (0x80 >> (tx & 7));
    }
  }
}

/** Each dot becomes `sx` × `sy` dots (GS v 0 double width / height). */
export function scaleRaster(source: Raster, sx: number, sy: number): Raster {
  if (sx === 1 && sy === 1) return source;
  const out = blankRaster(source.width * sx, source.height * sy);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) if (isBlack(source, Math.floor(x / sx), Math.floor(y / sy))) setBlack(out, x, y);
  }
  return out;
}
