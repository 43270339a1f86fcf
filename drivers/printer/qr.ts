import QRCode from 'qrcode';
import { type Raster, blankRaster, bytesPerRow } from './raster';

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/**
 * A QR code (model 2, by the `qrcode` package) as dots: `moduleDots` dots per
 * module and a quiet zone of `quietModules` on every side. What the printer's
 * own GS ( k draws, and what receipts carry inside their raster.
 */
export function qrRaster(data: string, options: { moduleDots: number; errorLevel?: QrErrorLevel; quietModules?: number }): Raster {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: options.errorLevel ?? 'M' });
  const quiet = options.quietModules ?? 4;
  const scale = Math.max(1, Math.floor(options.moduleDots));
  const side = (modules.size + 2 * quiet) * scale;
  const raster = blankRaster(side, side);
  const stride = bytesPerRow(side);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const y = (row + quiet) * scale + dy;
        for (let dx = 0; dx < scale; dx++) {
          const x = (col + quiet) * scale + dx;
          raster.bits[y * stride + (x >> 3)] = (raster.bits[y * stride + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
        }
      }
    }
  }
  return raster;
}
