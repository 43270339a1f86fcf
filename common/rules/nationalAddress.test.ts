import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAddressPart, checkNationalAddress } from './nationalAddress';

const good = { buildingNumber: '1234', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '12345', additionalNumber: '6789' };
const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const words = fc.stringMatching(/^[A-Za-z\u0621-\u064A][A-Za-z\u0621-\u064A ]{0,60}[A-Za-z\u0621-\u064A]$/);

describe('national address (RULES.md published format)', () => {
  it('accepts the published shape, with or without a unit, and keeps the text parts trimmed', () => {
    expect(checkNationalAddress(good)).toEqual({ ok: true, value: good });
    expect(checkNationalAddress({ ...good, unit: '12', street: '  طريق الملك فهد  ' })).toEqual({ ok: true, value: { ...good, unit: '12', street: 'طريق الملك فهد' } });
  });

  it('takes Arabic-Indic digits and keeps ASCII ones', () => {
    expect(checkNationalAddress({ ...good, buildingNumber: '١٢٣٤', postalCode: '۱۲۳۴۵' })).toMatchObject({ ok: true, value: { buildingNumber: '1234', postalCode: '12345' } });
  });

  it('names each failing part and what to fix', () => {
    const check = checkNationalAddress({ ...good, buildingNumber: '123', postalCode: '12a45', city: '', street: 'x'.repeat(81) });
    expect(check.ok).toBe(false);
    expect(check.parts).toEqual({ buildingNumber: ['wrongLength'], postalCode: ['notDigits'], city: ['empty'], street: ['tooLong'] });
    expect(checkNationalAddress({ ...good, district: 'Al\u202EOlaya' }).parts).toEqual({ district: ['bidiControl'] });
    expect(checkNationalAddress({ ...good, additionalNumber: undefined }).parts).toEqual({ additionalNumber: ['empty'] });
    expect(checkNationalAddress({ ...good, unit: '12345' }).parts).toEqual({ unit: ['wrongLength'] });
  });

  it('accepts every generated address in the published format', () => {
    fc.assert(
      fc.property(digits(4), digits(5), digits(4), fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }), words, words, words, (building, postal, extra, unit, street, district, city) => {
        const check = checkNationalAddress({ buildingNumber: building, postalCode: postal, additionalNumber: extra, unit, street, district, city });
        expect(check.ok).toBe(true);
      }),
    );
  });

  it('refuses a building or additional number that is not exactly four digits, and a postal code that is not five', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }).filter((s) => !/^\s*[0-9\u0660-\u0669\u06f0-\u06f9]{4}\s*$/.test(s)), (text) => {
        expect(checkAddressPart('buildingNumber', text).ok).toBe(false);
        expect(checkAddressPart('additionalNumber', text).ok).toBe(false);
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 8 }).filter((s) => !/^\s*[0-9\u0660-\u0669\u06f0-\u06f9]{5}\s*$/.test(s)), (text) => {
      expect(checkAddressPart('postalCode', text).ok).toBe(false);
    }));
  });

  it('refuses any text part longer than 80 characters or carrying a bidi override', () => {
    fc.assert(
      fc.property(fc.constantFrom('street', 'district', 'city') as fc.Arbitrary<'street' | 'district' | 'city'>, words, fc.constantFrom('\u202E', '\u2066', '\u202A'), (part, text, control) => {
        expect(checkAddressPart(part, `${text}${control}x`).ok).toBe(false);
        expect(checkAddressPart(part, 'a'.repeat(81)).ok).toBe(false);
      }),
    );
  });
});
