import type { CatalogueTile, ServiceId } from '../contract';
import ar from '../locales/ar.json';
import en from '../locales/en.json';

/**
 * Folds what people type differently into one form: case, Arabic diacritics and
 * tatweel, hamza forms (أ إ آ ؤ ئ), alef maqsura and taa marbuta.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/ٱ/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each service's words in both languages, so either can find it whatever the screen's language. */
export function buildSearchIndex(ids: readonly ServiceId[]): Map<ServiceId, string> {
  return new Map(
    ids.map((id) => {
      const words = [ar, en].flatMap((messages) => [messages.services.items[id].name, messages.services.items[id].description]);
      return [id, normalizeForSearch(words.join(' '))];
    }),
  );
}

/** The catalogue's services: their titles, descriptions and keywords in both languages. */
export function buildTileIndex(tiles: readonly CatalogueTile[]): Map<string, string> {
  return new Map(tiles.map((tile) => [tile.id, normalizeForSearch([tile.title.ar, tile.title.en, tile.description.ar, tile.description.en, ...tile.keywords].join(' '))]));
}

/** The services whose words contain every term typed; null when nothing is typed. */
export function findServices<Id extends string>(index: ReadonlyMap<Id, string>, query: string): Set<Id> | null {
  const terms = normalizeForSearch(query).split(' ').filter(Boolean);
  if (terms.length === 0) return null;
  const found = new Set<Id>();
  index.forEach((words, id) => {
    if (terms.every((term) => words.includes(term))) found.add(id);
  });
  return found;
}
