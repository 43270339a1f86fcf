import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberLast4 } from './idNumber';
import { luhnCheckDigit } from '../luhn';

const EASTERN = '٠١٢٣٤٥٦٧٨٩';
const toEastern = (digits: string): string => digits.replace(/[0-9]/g, (d) => EASTERN[Number(d)] ?? d);
const validId = fc
  .tuple(fc.constantFrom('1', '2'), fc.stringMatching(/^[0-9]{8}$/))
  .map(([first, rest]) => `${first}${rest}${luhnCheckDigit(`${first}${rest}`) ?? ''}`);

describe('ID / iqama number (RULES.md identifiers)', () => {
  it('accepts the published examples and refuses their neighbours', () => {
    expect(checkIdNumber('1000000008')).toEqual({ ok: true, value: { digits: '1000000008', holderType: 'citizen' } });
    expect(checkIdNumber('1000000000')).toEqual({ ok: false, violations: ['checkDigit'] });
  });

  it('accepts every Luhn-valid number starting 1 or 2, in Western or Eastern Arabic digits', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const western = checkIdNumber(id);
        const eastern = checkIdNumber(toEastern(id));
        expect(western.ok && western.value.digits).toBe(id);
        expect(eastern).toEqual(western);
        expect(western.ok && western.value.holderType).toBe(id.startsWith('1') ? 'citizen' : 'resident');
      }),
    );
  });

  it('refuses any single-digit change of a valid number (Luhn catches every single substitution)', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (id, place, bump) => {
        const digit = (Number(id[place]) + bump) % 10;
        const changed = `${id.slice(0, place)}${digit}${id.slice(place + 1)}`;
        expect(checkIdNumber(changed)).toEqual({ ok: false, violations: ['checkDigit'] });
      }),
    );
  });

  it('refuses first digits other than 1 and 2 and lengths other than 10', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^[0-9]{9}$/), (first, rest) => {
        expect(checkIdNumber(`${first}${rest}`)).toEqual({ ok: false, violations: ['wrongFirstDigit'] });
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,30}$/).filter((s) => s.length !== 10), (digits) => {
        expect(checkIdNumber(digits)).toEqual({ ok: false, violations: ['notTenDigits'] });
      }),
    );
  });

  it('lets the check digit be switched off, as the algorithm is unpublished', () => {
    expect(checkIdNumber('1000000000', { luhn: false }).ok).toBe(true);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        checkIdNumber(text);
      }),
    );
  });

  it('shows only the last four digits', () => {
    expect(idNumberLast4('1000000008')).toBe('0008');
  });
});
