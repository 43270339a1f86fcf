import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseDigits } from './digits';
import { normaliseOtp } from './otp';

describe('digit normalisation', () => {
  it('maps Eastern Arabic and Persian digits to ASCII and leaves the rest alone', () => {
    expect(normaliseDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normaliseDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    fc.assert(fc.property(fc.string().filter((s) => !/[\u0660-\u0669\u06f0-\u06f9]/.test(s)), (text) => {
      expect(normaliseDigits(text)).toBe(text);
    }));
  });

  it('reads a 4-digit code typed in either script', () => {
    expect(normaliseOtp('١٢٣٤', 4)).toBe('1234');
    expect(normaliseOtp('12345', 4)).toBeUndefined();
    expect(normaliseOtp('123456', 6)).toBe('123456');
  });
});
