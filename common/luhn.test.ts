import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn';

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(''));

describe('Luhn', () => {
  it('accepts 4111111111111111 and refuses 4111111111111112 (DEVICES.md §4)', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });

  it('computes the check digit of the Visa test number', () => {
    expect(luhnCheckDigit('411111111111111')).toBe('1');
  });

  it('never validates empty, single-digit or non-digit input', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('0')).toBe(false);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnCheckDigit('12a')).toBeUndefined();
  });

  it('property: appending the computed check digit always validates', () => {
    fc.assert(
      fc.property(digits(1, 25), (payload) => {
        expect(isLuhnValid(payload + (luhnCheckDigit(payload) ?? 'x'))).toBe(true);
      }),
      { numRuns: 10000 },
    );
  });

  it('property: changing any one digit of a valid number always fails', () => {
    fc.assert(
      fc.property(digits(1, 25), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, where, delta) => {
        const valid = payload + (luhnCheckDigit(payload) ?? '');
        const at = where % valid.length;
        const changed = (Number(valid[at]) + delta) % 10;
        const mutated = valid.slice(0, at) + String(changed) + valid.slice(at + 1);
        expect(isLuhnValid(mutated)).toBe(false);
      }),
      { numRuns: 10000 },
    );
  });
});
