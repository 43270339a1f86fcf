import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';

function leaves(messages: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else if (typeof value === 'object' && value !== null) leaves(value as object, `${prefix}${key}.`).forEach((v, k) => out.set(k, v));
  }
  return out;
}

/** The names a message fills in (each once: Arabic's plural forms name them in fewer or more of their six forms). */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** The language switch is labelled in the language it switches to. */
const SWITCH = 'choices.language';

describe('the ATM screens’ messages', () => {
  it('are the same in Arabic and English, placeholders included', () => {
    const arabic = leaves(ar);
    const english = leaves(en);
    expect([...arabic.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) expect(placeholders(arabic.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('are each in their own language, but for the switch to the other one', () => {
    for (const [key, text] of leaves(en)) if (key !== SWITCH) expect(text, key).not.toMatch(/[\u0600-\u06ff]/);
    for (const [key, text] of leaves(ar)) if (key !== SWITCH) expect(text, key).toMatch(/[\u0600-\u06ff]/);
    expect(en.choices.language).toBe('العربية');
    expect(ar.choices.language).toBe('English');
  });

  it('plural messages have Arabic’s six forms and English’s three', () => {
    for (const key of ['pin.entered', 'pin.wrong']) {
      expect(leaves(ar).get(key)?.split(' | '), key).toHaveLength(6);
      expect(leaves(en).get(key)?.split(' | '), key).toHaveLength(3);
    }
  });
});
