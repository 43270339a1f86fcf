import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterName, echoOf, echoText } from './echo';
import type { Translate } from './echo';

/** Says the key, and its parameter if any, so a test sees exactly what would be spoken. */
const t: Translate = (key, params) => (params ? `${key}(${Object.values(params).join(',')})` : key);
const neutral = new Set(['speech.entered', 'speech.deleted', 'speech.cleared']);

/** A person typing: characters added at the end, now and then a delete or a clear. */
const typing = fc.array(fc.oneof({ weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }) }, fc.constant('{bksp}'), fc.constant('{clear}')), {
  minLength: 1,
  maxLength: 30,
});

function replay(keys: readonly string[], secret: boolean): { spoken: string[] } {
  const spoken: string[] = [];
  let value = '';
  for (const key of keys) {
    const next = key === '{bksp}' ? value.slice(0, -1) : key === '{clear}' ? '' : value + key;
    const echo = echoOf(value, next, secret);
    if (echo) spoken.push(echoText(echo, t));
    value = next;
  }
  return { spoken };
}

describe('echo of what is typed', () => {
  it('an ordinary field says the character typed, "delete" and "cleared"', () => {
    expect(echoOf('10', '105', false)).toEqual({ kind: 'typed', text: '5' });
    expect(echoOf('105', '10', false)).toEqual({ kind: 'deleted' });
    expect(echoOf('105', '', false)).toEqual({ kind: 'cleared' });
    expect(echoOf('', '', false)).toBeNull();
  });

  it('a secret field says only "entered", "delete" or "cleared"', () => {
    expect(echoOf('Kiosk', 'Kiosk2', true)).toEqual({ kind: 'entered' });
    expect(echoOf('Kiosk2', 'Kiosk', true)).toEqual({ kind: 'deleted' });
    expect(echoOf('Kiosk2', '', true)).toEqual({ kind: 'cleared' });
  });

  it('a value the screen replaces by itself is not an echo', () => {
    expect(echoOf('0512', '+966512', false)).toBeNull();
    expect(echoOf('1234', '9876', true)).toBeNull();
  });

  it('names what a voice would drop or misread', () => {
    expect(characterName(' ', t)).toBe('speech.space');
    expect(characterName('@', t)).toBe('speech.symbols.at');
    expect(characterName('.', t)).toBe('speech.symbols.dot');
    expect(characterName('K', t)).toBe('speech.capital(K)');
    expect(characterName('k', t)).toBe('k');
    expect(characterName('7', t)).toBe('7');
    expect(characterName('ض', t)).toBe('ض');
  });

  it('property: whatever is typed into a secret field, only the neutral words are said', () => {
    fc.assert(
      fc.property(typing, (keys) => {
        const { spoken } = replay(keys, true);
        for (const text of spoken) expect(neutral.has(text), text).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: an ordinary field echoes every character as it is typed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...'0123456789abcdefxyz') }), (text) => {
        const { spoken } = replay([...text], false);
        expect(spoken).toEqual([...text]);
      }),
    );
  });
});
