import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskMobile, normaliseMobile } from './mobile';

const EASTERN = '٠١٢٣٤٥٦٧٨٩';
const toEastern = (digits: string): string => digits.replace(/[0-9]/g, (d) => EASTERN[Number(d)] ?? d);
const subscriber = fc.stringMatching(/^5[0-9]{8}$/);

describe('mobile numbers (RULES.md identifiers)', () => {
  it('normalises every published spelling to the same E.164 number', () => {
    fc.assert(
      fc.property(subscriber, fc.constantFrom('0', '', '966', '+966', '00966'), fc.boolean(), fc.boolean(), (number, prefix, eastern, spaced) => {
        let text = `${prefix}${number}`;
        if (spaced) text = text.replace(/(\d{3})/g, '$1 ');
        if (eastern) text = toEastern(text);
        expect(normaliseMobile(text)).toEqual({ ok: true, value: `+966${number}` });
      }),
    );
  });

  it('refuses numbers that are not Saudi mobiles', () => {
    for (const text of ['0412345678', '051234567', '05123456789', '+9715012345678', 'abc', '', '+96605123456']) {
      expect(normaliseMobile(text).ok).toBe(false);
    }
    fc.assert(
      fc.property(fc.stringMatching(/^[0-46-9][0-9]{8}$/), (number) => {
        expect(normaliseMobile(`0${number}`).ok).toBe(false);
      }),
    );
  });

  it('masks as 05X XXX X123, keeping only the last three digits', () => {
    expect(maskMobile('+966512345123')).toBe('05X XXX X123');
    fc.assert(
      fc.property(subscriber, (number) => {
        const masked = maskMobile(`+966${number}`);
        expect(masked.endsWith(number.slice(-3))).toBe(true);
        expect(masked.replace(/[^0-9]/g, '')).toBe(`05${number.slice(-3)}`);
      }),
    );
  });
});
