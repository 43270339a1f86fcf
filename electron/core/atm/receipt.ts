import type { AtmReceipt } from './ports';

/**
 * The receipt of an ATM activation request as plain text lines, masked
 * values only. A stand-in until receipts are templates rendered to a raster
 * in both languages (ARCHITECTURE.md, Receipts): ASCII, so any printer's
 * code page prints it.
 */
export function receiptLines(receipt: AtmReceipt, at: Date): string[] {
  return [
    'Ministry of Interior e-services',
    'Account activation at an ATM',
    '',
    `ID number: ${receipt.idNumberMasked}`,
    ...(receipt.maskedMobile ? [`Mobile: ${receipt.maskedMobile}`] : []),
    receipt.message.en,
    '',
    at.toISOString().replace('T', ' ').slice(0, 16),
  ];
}
