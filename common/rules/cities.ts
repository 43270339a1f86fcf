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

/** Each city: its Arabic and English names, then other spellings people write (without the article, older transliterations). */
const CITIES: readonly (readonly [ar: string, en: string, ...also: string[]])[] = [
  ['الرياض', 'Riyadh', 'Riyad', 'Ar Riyad'],
  ['جدة', 'Jeddah', 'Jiddah', 'Jedda'],
  ['مكة المكرمة', 'Makkah', 'Mecca', 'Makkah Al Mukarramah', 'مكة'],
  ['المدينة المنورة', 'Madinah', 'Medina', 'Al Madinah Al Munawwarah', 'Al Madinah', 'المدينة'],
  ['الدمام', 'Dammam', 'Ad Dammam'],
  ['الخبر', 'Al Khobar', 'Khobar'],
  ['الظهران', 'Dhahran', 'Az Zahran'],
  ['الأحساء', 'Al Ahsa', 'Al Hasa', 'Hofuf', 'Al Hofuf', 'الهفوف'],
  ['القطيف', 'Qatif', 'Al Qatif'],
  ['الجبيل', 'Jubail', 'Al Jubail'],
  ['حفر الباطن', 'Hafar Al Batin'],
  ['الطائف', 'Taif', 'At Taif'],
  ['ينبع', 'Yanbu', 'Yanbu Al Bahr'],
  ['أبها', 'Abha'],
  ['خميس مشيط', 'Khamis Mushait', 'Khamis Mushayt'],
  ['بيشة', 'Bisha', 'Bishah'],
  ['تبوك', 'Tabuk'],
  ['بريدة', 'Buraydah', 'Buraidah', 'Buraida'],
  ['عنيزة', 'Unaizah', 'Unayzah'],
  ['الرس', 'Ar Rass', 'Al Rass'],
  ['حائل', 'Hail', "Ha'il"],
  ['جازان', 'Jazan', 'Jizan', 'Gizan'],
  ['نجران', 'Najran'],
  ['الباحة', 'Al Bahah', 'Baha', 'Al Baha'],
  ['عرعر', 'Arar'],
  ['سكاكا', 'Sakaka'],
  ['القريات', 'Al Qurayyat', 'Qurayyat'],
  ['الخرج', 'Al Kharj', 'Kharj'],
  ['المجمعة', 'Al Majmaah', 'Majmaah'],
  ['الدوادمي', 'Ad Dawadimi', 'Dawadmi'],
  ['القنفذة', 'Al Qunfudhah', 'Qunfudah'],
  ['رابغ', 'Rabigh'],
  ['العلا', 'AlUla', 'Al Ula'],
  ['الوجه', 'Al Wajh'],
  ['رفحاء', 'Rafha'],
  ['طريف', 'Turaif'],
  ['صبيا', 'Sabya'],
  ['محايل عسير', 'Muhayil Asir', 'Muhayil'],
  ['النماص', 'Al Namas', 'An Nimas'],
  ['شرورة', 'Sharurah'],
  ['وادي الدواسر', 'Wadi Ad Dawasir'],
  ['الزلفي', 'Az Zulfi', 'Zulfi'],
  ['شقراء', 'Shaqra'],
  ['الخفجي', 'Al Khafji', 'Khafji'],
  ['رأس تنورة', 'Ras Tanura'],
  ['بقيق', 'Abqaiq', 'Buqayq'],
  ['ضباء', 'Duba'],
  ['تيماء', 'Tayma'],
  ['الليث', 'Al Lith'],
  ['المذنب', 'Al Mithnab'],
];

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
for (const [ar, en, ...also] of CITIES) for (const name of [ar, en, ...also]) BY_KEY.set(cityKey(name), { ar, en });

/** Every city of the list, in the list's order. */
export const NATIONAL_ADDRESS_CITIES: readonly CityName[] = CITIES.map(([ar, en]) => ({ ar, en }));

/** The city a name means, in both languages, or null when the name is not on the list. */
export function findCity(name: string): CityName | null {
  return BY_KEY.get(cityKey(name)) ?? null;
}

/** A city's name in both languages: the list's names when it is on the list, else the name as written (trimmed) in both. */
export function cityInBothLanguages(name: string): CityName {
  const trimmed = name.trim();
  return findCity(trimmed) ?? { ar: trimmed, en: trimmed };
}
