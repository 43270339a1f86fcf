import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUsername, maskUsername } from './username';

const good = fc
  .tuple(fc.stringMatching(/^[A-Z]$/), fc.stringMatching(/^[A-Za-z0-9]{6,18}$/), fc.stringMatching(/^[0-9]$/))
  .map(([first, middle, digit]) => `${first}${middle}${digit}`);

describe('usernames (RULES.md identifiers)', () => {
  it('accepts English letters and digits, 8–20, uppercase first, with a digit', () => {
    fc.assert(fc.property(good, (name) => {
      expect(checkUsername(name)).toEqual({ ok: true, value: name });
    }));
  });

  it('names each broken rule', () => {
    expect(checkUsername('Abc1')).toEqual({ ok: false, violations: ['tooShort'] });
    expect(checkUsername('abcdefgh1')).toEqual({ ok: false, violations: ['firstNotUppercase'] });
    expect(checkUsername('Abcdefghi')).toEqual({ ok: false, violations: ['noDigit'] });
    expect(checkUsername('Abcdefg_1')).toEqual({ ok: false, violations: ['notAlphanumeric'] });
    expect(checkUsername('A1234567890123456789012')).toEqual({ ok: false, violations: ['tooLong'] });
    expect(checkUsername('1234567890').ok).toBe(false);
    expect(checkUsername('أحمد12345').ok).toBe(false);
  });

  it('never accepts something that looks like an ID number', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{8,20}$/), (digits) => {
      expect(checkUsername(digits).ok).toBe(false);
    }));
  });

  it('masks all but the first two and last characters', () => {
    expect(maskUsername('Faisal1042')).toBe('Fa*******2');
    fc.assert(fc.property(good, (name) => {
      expect(maskUsername(name)).toHaveLength(name.length);
    }));
  });
});
