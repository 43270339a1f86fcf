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

const arabic = /[\u0600-\u06ff]/;
const languageNames = new Set(['language.otherName', 'language.arabic', 'language.english', 'keyboard.toArabic', 'keyboard.toEnglish']);

describe('the locale files', () => {
  it('have the same messages in Arabic and English', () => {
    expect([...leaves(ar).keys()].sort()).toEqual([...leaves(en).keys()].sort());
  });

  it('are each in their own language, language names apart', () => {
    for (const [key, text] of leaves(en)) if (!languageNames.has(key)) expect(text, key).not.toMatch(arabic);
    for (const [key, text] of leaves(ar)) if (!languageNames.has(key)) expect(text, key).toMatch(arabic);
  });
});
