import { describe, expect, it } from 'vitest';
import { rasterToPng } from '../../../drivers/printer/png';
import { qrRaster } from '../../../drivers/printer/qr';
import { RECEIPT_KINDS } from './kinds';
import { renderReceipt } from './render';
import { formatReceiptTime } from './templates';
import { findExact } from './testing/inspect';
import { SAMPLE_RECEIPTS } from './testing/samples';

describe('renderReceipt', () => {
  it.each(RECEIPT_KINDS)('%s: both languages at both paper widths, as wide as the paper, with ink', async (kind) => {
    for (const widthDots of [576, 384]) {
      for (const language of ['ar', 'en'] as const) {
        const { raster } = await renderReceipt(kind, SAMPLE_RECEIPTS[kind] as never, { language, widthDots });
        const png = await rasterToPng(raster);
        expect(raster.width).toBe(widthDots);
        expect(raster.bits.length).toBe((widthDots / 8) * raster.height);
        expect(raster.height).toBeGreaterThan(300);
        expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      }
    }
  });

  it('a receipt that points online carries a QR code of that address, dot for dot, centred', async () => {
    const { raster } = await renderReceipt('inquiryResult', SAMPLE_RECEIPTS.inquiryResult, { language: 'ar', widthDots: 576 });
    const code = qrRaster('https://portal.example.sa/traffic/violations', { moduleDots: 4, errorLevel: 'M', quietModules: 2 });
    const centred = Math.floor((576 - code.width) / 2);
    expect(findExact(raster, code, centred)).toBeDefined();
    const { raster: without } = await renderReceipt('inquiryResult', { ...SAMPLE_RECEIPTS.inquiryResult, detailsUrl: undefined }, { language: 'ar', widthDots: 576 });
    expect(without.height).toBeLessThan(raster.height - code.height);
  });

  it('refuses anything unmasked: a whole ID number, an unmasked mobile or username, a password field', async () => {
    const options = { language: 'en', widthDots: 576 } as const;
    const base = SAMPLE_RECEIPTS.usernameRecovered;
    await expect(renderReceipt('usernameRecovered', { ...base, idNumberLast4: '1012345678' }, options)).rejects.toThrow();
    await expect(renderReceipt('usernameRecovered', { ...base, sentTo: '0551234567' }, options)).rejects.toThrow();
    await expect(renderReceipt('usernameRecovered', { ...base, maskedUsername: 'Ahmed2024' }, options)).rejects.toThrow();
    await expect(renderReceipt('passwordRecovered', { ...SAMPLE_RECEIPTS.passwordRecovered, password: 'Secret#123' } as never, options)).rejects.toThrow();
    await expect(renderReceipt('accountActivated', { ...SAMPLE_RECEIPTS.accountActivated, signInUrl: 'http://portal.example.sa/' }, options)).rejects.toThrow();
    await expect(renderReceipt('emailChanged', { ...SAMPLE_RECEIPTS.emailChanged, maskedEmail: 'abeer.k@example.com' }, options)).rejects.toThrow();
    await expect(renderReceipt('addressChanged', { ...SAMPLE_RECEIPTS.addressChanged, postalCode: '12214' }, options)).rejects.toThrow();
    await expect(renderReceipt('addressChanged', { ...SAMPLE_RECEIPTS.addressChanged, street: 'King Fahd Road' } as never, options)).rejects.toThrow();
  });

  it('refuses bidi-override characters that would reorder a printed value', async () => {
    const cell = { label: { ar: 'الحالة', en: 'Status' }, value: '\u202Eevil' };
    await expect(renderReceipt('inquiryResult', { ...SAMPLE_RECEIPTS.inquiryResult, sections: [{ groups: [[cell]] }] }, { language: 'ar', widthDots: 576 })).rejects.toThrow();
  });

  it('refuses a width the printer cannot have', async () => {
    await expect(renderReceipt('mobileChanged', SAMPLE_RECEIPTS.mobileChanged, { language: 'ar', widthDots: 500 })).rejects.toThrow(RangeError);
  });

  it('prints local time, Riyadh by default', () => {
    expect(formatReceiptTime(new Date('2025-03-09T21:05:00Z'), 'Asia/Riyadh')).toBe('2025-03-10 00:05');
  });
});
