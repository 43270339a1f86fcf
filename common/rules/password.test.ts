import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, containsUsernamePart, hasRepeatedCharacter } from './password';

describe('passwords (RULES.md identifiers)', () => {
  it('accepts 8+ characters with upper, lower and digit that avoid the username', () => {
    expect(checkPassword('Kiosk2030demo', 'Faisal1042')).toEqual({ ok: true, value: 'Kiosk2030demo' });
  });

  it('names each broken rule', () => {
    expect(checkPassword('Ab1', 'Faisal1042')).toEqual({ ok: false, violations: ['tooShort'] });
    expect(checkPassword('abcdefg1', 'Faisal1042')).toEqual({ ok: false, violations: ['noUppercase'] });
    expect(checkPassword('ABCDEFG1', 'Faisal1042')).toEqual({ ok: false, violations: ['noLowercase'] });
    expect(checkPassword('Abcdefgh', 'Faisal1042')).toEqual({ ok: false, violations: ['noDigit'] });
    expect(checkPassword('Xfaisal1z', 'Faisal1042')).toEqual({ ok: false, violations: ['containsUsername'] });
    expect(checkPassword('Aaaaaa1b', 'Faisal1042')).toEqual({ ok: false, violations: ['repeatedCharacter'] });
    expect(checkPassword('Kiosk2030demo', 'Faisal1042', { minLength: 8, maxLength: 64, requireSymbol: true })).toEqual({
      ok: false,
      violations: ['noSymbol'],
    });
  });

  it('refuses every password that embeds more than half of the username', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-z0-9]{7,19}$/), fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), (username, before, after) => {
        const half = username.slice(0, Math.floor(username.length / 2) + 1);
        const result = checkPassword(`${before}${half}${after}Zz9`, username);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.violations).toContain('containsUsername');
      }),
    );
  });

  it('allows a run of exactly half the username', () => {
    expect(containsUsernamePart('xxAbcdyy', 'Abcdefgh')).toBe(false);
    expect(containsUsernamePart('xxAbcdeyy', 'Abcdefgh')).toBe(true);
  });

  it('refuses a password where one character is more than half', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('a', '1', 'Z', '#'), (rest, repeated) => {
        const count = [...rest].length + 1;
        expect(hasRepeatedCharacter(`${rest}${repeated.repeat(count)}`)).toBe(true);
      }),
    );
    expect(hasRepeatedCharacter('aabb')).toBe(false);
  });

  it('is total: never throws, every verdict names its violations', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (password, username) => {
        const result = checkPassword(password, username);
        if (!result.ok) expect(result.violations.length).toBeGreaterThan(0);
      }),
    );
  });
});
