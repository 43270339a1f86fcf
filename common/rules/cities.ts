import cityList from './cities.json' with { type: 'json' };

/**
 * The cities of the national address (the Saudi Post / SPL city list) in
 * Arabic and English, so a city shows in the screen's or the receipt's
 * language wherever it came from: the registry and the seeds store English
 * names ("Riyadh"), a person may type either. A name not on the list is shown
 * as it was written, in both languages.
 */
interface CityName {
  readonly ar: string;
  readonly en: string;
}

/**
 * Each city (cities.json, data a person can extend without touching code):
 * its Arabic and English names, then other spellings people write (without
 * the article, older transliterations).
 */
const CITIES: readonly (CityName & { readonly also: readonly string[] })[] = cityList.map((names) => {
  const [ar, en, ...also] = names;
  if (!ar || !en) throw new Error(`cities.json: an entry without its Arabic and English names (${names.join(', ')})`);
  return { ar, en, also };
});

/**
 * How a city's name is compared: case, spaces, dashes and apostrophes, the
 * article's spellings (al-, ar-, as-, …), Arabic diacritics and tatweel,
 * and the Arabic letters people write either way (أ إ آ → ا, ة → ه, ى → ي)
 * do not matter.
 */
export function cityKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/^(?:a[lrsdtnz])[\s'’-]+/, '')
    .replace(/[\s'’.-]+/g, '');
}

const BY_KEY = new Map<string, CityName>();
for (const { ar, en, also } of CITIES) for (const name of [ar, en, ...also]) BY_KEY.set(cityKey(name), { ar, en });

/** Every city of the list, in the list's order. */
export const NATIONAL_ADDRESS_CITIES: readonly CityName[] = CITIES.map(({ ar, en }) => ({ ar, en }));

/** The city a name means, in both languages, or null when the name is not on the list. */
export function findCity(name: string): CityName | null {
  return BY_KEY.get(cityKey(name)) ?? null;
}

/** A city's name in both languages: the list's names when it is on the list, else the name as written (trimmed) in both. */
export function cityInBothLanguages(name: string): CityName {
  const trimmed = name.trim();
  return findCity(trimmed) ?? { ar: trimmed, en: trimmed };
}
