import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The fonts for paper, from npm (Fontsource's builds of Google's Noto, OFL):
 * Noto Sans for Latin and digits, Noto Naskh Arabic for Arabic, regular and
 * bold. Each is one subset file (Fontsource splits fonts by script): the
 * Latin subset of Noto Sans, the Arabic subset of Noto Naskh (its shaping
 * tables included); each family falls back to the other for what it lacks.
 * They are registered under names of our own, so a machine's installed fonts
 * never change what is printed.
 */

export const RECEIPT_FONT = {
  latin: 'KioskReceiptSans',
  arabic: 'KioskReceiptNaskh',
} as const;

const FILES: readonly [family: string, module: string][] = [
  [RECEIPT_FONT.latin, '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2'],
  [RECEIPT_FONT.latin, '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2'],
  [RECEIPT_FONT.arabic, '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2'],
  [RECEIPT_FONT.arabic, '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2'],
];

let registered = false;

/** Registers the receipt fonts once per process; later calls are free. Throws when a font package is missing. */
export function registerReceiptFonts(): void {
  if (registered) return;
  // Resolved as modules, from the source tree and from the core's bundle alike (and inside app.asar, where only
  // Node's fs, not Skia's, can read the file).
  const require = createRequire(import.meta.url);
  for (const [family, module] of FILES) {
    const path = require.resolve(module);
    if (!GlobalFonts.register(readFileSync(path), family)) throw new Error(`receipt font not loaded: ${path}`);
  }
  registered = true;
}

/** A CSS font list for canvas: the script's own font first, the other as fallback. */
export function fontFor(script: 'latin' | 'arabic', sizeDots: number, bold = false): string {
  const families = script === 'arabic' ? [RECEIPT_FONT.arabic, RECEIPT_FONT.latin] : [RECEIPT_FONT.latin, RECEIPT_FONT.arabic];
  return `${bold ? 'bold ' : ''}${sizeDots}px ${families.join(', ')}`;
}
