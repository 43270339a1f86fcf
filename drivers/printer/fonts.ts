import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The fonts the project ships for paper (fonts/OFL.txt): Noto Sans for Latin
 * and digits, Noto Naskh Arabic for Arabic. They are registered under names
 * of our own, so a machine's installed fonts never change what is printed.
 */

export const RECEIPT_FONT = {
  latin: 'KioskReceiptSans',
  arabic: 'KioskReceiptNaskh',
} as const;

const FILES: readonly [family: string, file: string][] = [
  [RECEIPT_FONT.latin, 'NotoSans-Regular.ttf'],
  [RECEIPT_FONT.latin, 'NotoSans-Bold.ttf'],
  [RECEIPT_FONT.arabic, 'NotoNaskhArabic-Regular.ttf'],
  [RECEIPT_FONT.arabic, 'NotoNaskhArabic-Bold.ttf'],
];

/**
 * drivers/printer/fonts, found from this file in the source tree and from the
 * core's bundle (out/core/utility.js): both sit two folders below the root.
 */
export function defaultFontDirectory(): string {
  return fileURLToPath(new URL('../../drivers/printer/fonts/', import.meta.url));
}

let registered: string | undefined;

/** Registers the receipt fonts once per process; later calls are free. Throws when a font file is missing. */
export function registerReceiptFonts(directory: string = defaultFontDirectory()): void {
  if (registered !== undefined) return;
  for (const [family, file] of FILES) {
    const path = join(directory, file);
    if (!existsSync(path)) throw new Error(`receipt font missing: ${path}`);
    // Read through Node's fs, not Skia's: inside a packaged app.asar only the former can see the file.
    if (!GlobalFonts.register(readFileSync(path), family)) throw new Error(`receipt font not loaded: ${path}`);
  }
  registered = directory;
}

/** A CSS font list for canvas: the script's own font first, the other as fallback. */
export function fontFor(script: 'latin' | 'arabic', sizeDots: number, bold = false): string {
  const families = script === 'arabic' ? [RECEIPT_FONT.arabic, RECEIPT_FONT.latin] : [RECEIPT_FONT.latin, RECEIPT_FONT.arabic];
  return `${bold ? 'bold ' : ''}${sizeDots}px ${families.join(', ')}`;
}
