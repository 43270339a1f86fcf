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

describe("the dev dock's messages", () => {
  it('are the same in Arabic and English, placeholders included', () => {
    const arabic = leaves(ar);
    const english = leaves(en);
    expect([...arabic.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) expect(placeholders(arabic.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('are each in their own language', () => {
    for (const [key, text] of leaves(en)) expect(text, key).not.toMatch(/[\u0600-\u06ff]/);
    for (const [key, text] of leaves(ar)) expect(text, key).toMatch(/[\u0600-\u06ff]/);
  });
});
