import QRCode from 'qrcode';
import type { QrMatrix } from '../../contract/catalogue';

/** A QR code's modules for the renderer to draw as SVG rects (no library, no v-html in the renderer). */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let line = '';
    for (let col = 0; col < modules.size; col += 1) line += modules.get(row, col) ? '1' : '0';
    rows.push(line);
  }
  return { size: modules.size, rows };
}
