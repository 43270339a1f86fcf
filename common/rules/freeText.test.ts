import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFreeText, FREE_TEXT_FIELDS } from './freeText';

const street = FREE_TEXT_FIELDS.street;
const reason = FREE_TEXT_FIELDS.objectionReason;

describe('free text people will read', () => {
  it('accepts Arabic and English text, with the plain direction marks, normalised to NFC and trimmed', () => {
    expect(checkFreeText('  King Fahd Road  ', street)).toEqual({ ok: true, value: 'King Fahd Road' });
    expect(checkFreeText('طريق الملك فهد\u200F 12', street)).toEqual({ ok: true, value: 'طريق الملك فهد\u200F 12' });
    expect(checkFreeText('Cafe\u0301 street', street)).toEqual({ ok: true, value: 'Café street' });
    expect(checkFreeText('The camera was wrong.\nI was elsewhere.', reason).ok).toBe(true);
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])('refuses the bidi control U+%s', (control) => {
    expect(checkFreeText(`Main ${control}teertS`, street)).toEqual({ ok: false, violations: ['bidiControl'] });
  });

  it('refuses NUL and other control characters (line feeds only where multi-line)', () => {
    expect(checkFreeText('Main\u0000Street', street)).toEqual({ ok: false, violations: ['controlCharacter'] });
    expect(checkFreeText('Main\u001BStreet', street)).toEqual({ ok: false, violations: ['controlCharacter'] });
    expect(checkFreeText('Main\u0085Street', street)).toEqual({ ok: false, violations: ['controlCharacter'] });
    expect(checkFreeText('Main\nStreet', street)).toEqual({ ok: false, violations: ['controlCharacter'] });
    expect(checkFreeText('Main\tStreet is long enough', reason)).toEqual({ ok: false, violations: ['controlCharacter'] });
  });

  it('refuses text that is invisible only', () => {
    expect(checkFreeText('\u200B\u200C\u200D\uFEFF', street)).toEqual({ ok: false, violations: ['invisibleOnly'] });
    expect(checkFreeText('\u3164\u3164', street)).toEqual({ ok: false, violations: ['invisibleOnly'] });
    expect(checkFreeText('   ', street)).toEqual({ ok: false, violations: ['empty'] });
  });

  it('counts code points of the NFC form against the limits', () => {
    expect(checkFreeText('ب'.repeat(100), street).ok).toBe(true);
    expect(checkFreeText('ب'.repeat(101), street)).toEqual({ ok: false, violations: ['tooLong'] });
    expect(checkFreeText('Too short', reason)).toEqual({ ok: false, violations: ['tooShort'] });
  });

  it('never lets a bidi control through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('\u202A', '\u202E', '\u2066', '\u2069'), fc.string({ maxLength: 40 }), (before, control, after) => {
        expect(checkFreeText(`${before}${control}${after}`, reason).ok).toBe(false);
      }),
    );
  });
});
