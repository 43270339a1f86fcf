import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cityList from './cities.json' with { type: 'json' };
import { generatePopulation } from '../demo/population';
import { cityInBothLanguages, cityKey, findCity, NATIONAL_ADDRESS_CITIES } from './cities';

const arabicMarks = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u0640'];

describe('the national address cities in Arabic and English', () => {
  it('every entry of cities.json has its Arabic name, then its English name, and no empty or padded spelling', () => {
    expect(cityList.length).toBeGreaterThanOrEqual(13);
    for (const names of cityList) {
      expect(names.length).toBeGreaterThanOrEqual(2);
      expect(names[0]).toMatch(/^[\u0621-\u064A ]+$/);
      expect(names[1]).toMatch(/^[A-Za-z][A-Za-z' ]*$/);
      for (const name of names) expect(name).toBe(name.trim());
      for (const name of names) expect(name).not.toBe('');
    }
  });

  it('every city is found by either of its names, and no two cities share a name', () => {
    const keys = new Set<string>();
    for (const city of NATIONAL_ADDRESS_CITIES) {
      expect(findCity(city.ar)).toEqual(city);
      expect(findCity(city.en)).toEqual(city);
      for (const key of [cityKey(city.ar), cityKey(city.en)]) {
        expect(keys.has(key), `${city.en} shares a name with another city`).toBe(false);
        keys.add(key);
      }
    }
  });

  it('the seeds’ cities all have their Arabic names (no "Riyadh" on an Arabic screen)', () => {
    const seeded = new Set(generatePopulation().people.flatMap((p) => p.violations.map((v) => v.city)));
    expect(seeded.size).toBeGreaterThan(3);
    for (const city of seeded) expect(findCity(city)?.ar, city).toMatch(/^[\u0600-\u06FF ]+$/);
    expect(cityInBothLanguages('Riyadh')).toEqual({ ar: 'الرياض', en: 'Riyadh' });
    expect(cityInBothLanguages('  jeddah ')).toEqual({ ar: 'جدة', en: 'Jeddah' });
    expect(cityInBothLanguages('المدينه المنوره')).toEqual({ ar: 'المدينة المنورة', en: 'Madinah' });
    expect(cityInBothLanguages('Al-Khobar')).toEqual({ ar: 'الخبر', en: 'Al Khobar' });
  });

  it('case, spaces, dashes, the article’s spelling and Arabic marks do not change which city a name means', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NATIONAL_ADDRESS_CITIES),
        fc.boolean(),
        fc.constantFrom(' ', '  ', '-'),
        fc.array(fc.constantFrom(...arabicMarks), { maxLength: 3 }),
        (city, upper, separator, marks) => {
          const en = (upper ? city.en.toUpperCase() : city.en.toLowerCase()).replace(/ /g, separator);
          const ar = `${city.ar.slice(0, 2)}${marks.join('')}${city.ar.slice(2)}`;
          expect(findCity(` ${en} `)).toEqual(city);
          expect(findCity(ar)).toEqual(city);
        },
      ),
    );
  });

  it('a name not on the list is shown as written in both languages, never dropped or changed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (name) => {
        const shown = cityInBothLanguages(name);
        const city = findCity(name);
        if (city) expect(shown).toEqual(city);
        else expect(shown).toEqual({ ar: name.trim(), en: name.trim() });
      }),
    );
  });
});
