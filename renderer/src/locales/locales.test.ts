import { describe, expect, it } from 'vitest';
import maintenanceAr from '../maintenance/locales/ar.json';
import maintenanceEn from '../maintenance/locales/en.json';
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

/** The namespaces only the technician's screens use (the kiosk's overlay, the ATM's maintenance): loaded with the first technician. */
const MAINTENANCE = ['maintSession', 'maintDiag', 'maintenancePolish', 'maintrest', 'atmmaint', 'guidance', 'cardsecret'];

/** The renderer's source, as text (tests and test rigs apart), by path from here ('../maintenance/MaintenanceOverlay.vue'). */
const sources = import.meta.glob<string>(['../**/*.{ts,vue}', '!../**/*.test.ts', '!../**/testing/**'], { query: '?raw', import: 'default', eager: true });

/**
 * Every message key the renderer's source names: quoted keys ('ns.a.b', in t(), $t(), te(), `?? 'ns.x'`, a choice's
 * label), the technician's helpers (mt('x') is maintSession.x, mpc('x', n) maintenancePolish.x), and the fixed part of
 * a built key (`ns.a.${b}`: ns.a must be there). Only keys in the namespaces of the kiosk's and maintenance's files
 * (the ATM's and the dock's have their own files and tests).
 */
function keysInSource(namespaces: Set<string>): { file: string; key: string }[] {
  const uses: { file: string; key: string }[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const file = path.replace(/^\.\.\//, '');
    for (const m of text.matchAll(/(?<!\b(?:mt|mpc)\(\s*)'([A-Za-z]\w*(?:\.\w+)+)'/g)) uses.push({ file, key: m[1]! });
    for (const m of text.matchAll(/`([A-Za-z]\w*(?:\.\w+)*)\.\$\{/g)) uses.push({ file, key: m[1]! });
    for (const m of text.matchAll(/\bmt\(\s*'([\w.]+)'/g)) uses.push({ file, key: `maintSession.${m[1]!}` });
    for (const m of text.matchAll(/\bmpc\(\s*'([\w.]+)'/g)) uses.push({ file, key: `maintenancePolish.${m[1]!}` });
  }
  return uses.filter((use) => namespaces.has(use.key.split('.')[0]!));
}

/** A message or a group of them at `key`. */
const has = (messages: object, key: string): boolean =>
  key.split('.').reduce<unknown>((at, part) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined), messages) !== undefined;

describe('the maintenance messages (renderer/src/maintenance/locales, loaded with the first technician)', () => {
  it('are not in the kiosk’s files, which the public’s first page loads', () => {
    for (const messages of [ar, en]) for (const namespace of MAINTENANCE) expect(Object.keys(messages), namespace).not.toContain(namespace);
    expect(Object.keys(maintenanceEn).sort()).toEqual([...MAINTENANCE].sort());
  });

  it('have the same messages in Arabic and English, each in its own language', () => {
    expect([...leaves(maintenanceAr).keys()].sort()).toEqual([...leaves(maintenanceEn).keys()].sort());
    for (const [key, text] of leaves(maintenanceEn)) expect(text, key).not.toMatch(arabic);
    for (const [key, text] of leaves(maintenanceAr)) expect(text, key).toMatch(arabic);
  });

  it('with the kiosk’s, have every key the source names', () => {
    const namespaces = new Set([...Object.keys(en), ...Object.keys(maintenanceEn)]);
    const uses = keysInSource(namespaces);
    // The collector sees the keys it should: the overlay's helpers, a built key's fixed part, a plain t().
    expect(uses).toContainEqual({ file: 'maintenance/MaintenanceOverlay.vue', key: 'maintSession.title' });
    expect(uses).toContainEqual({ file: 'atm/maintenance/AtmMaintenanceScreen.vue', key: 'maintDiag.checks' });
    expect(uses).toContainEqual({ file: 'components/AppTopBar.vue', key: 'language.otherName' });
    for (const language of [{ kiosk: ar, maintenance: maintenanceAr }, { kiosk: en, maintenance: maintenanceEn }]) {
      const missing = uses.filter(({ key }) => !has(language.kiosk, key) && !has(language.maintenance, key));
      expect(missing).toEqual([]);
    }
  });
});
