import { describe, expect, it } from 'vitest';
import { serviceIds } from '../contract';
import { buildSearchIndex, findServices, normalizeForSearch } from './serviceSearch';

const index = buildSearchIndex(serviceIds);
const find = (query: string) => [...(findServices(index, query) ?? [])].sort();

describe('finding a service', () => {
  it('finds nothing to filter when nothing is typed', () => {
    expect(findServices(index, '   ')).toBeNull();
  });

  it('finds by the portal’s Arabic words, whatever hamza or taa marbuta the person types', () => {
    expect(find('تفعيل')).toEqual(['activate']);
    expect(find('استعاده')).toEqual(['recoverUsername']);
    expect(find('تاشيرة')).toEqual(['visaStatus']);
    expect(find('الجوال')).toContain('updateMobile');
  });

  it('finds by English words in either case, in any language mode', () => {
    expect(find('PASSWORD')).toEqual(['changePassword', 'recoverPassword', 'signIn']);
    expect(find('visa status')).toEqual(['visaStatus']);
  });

  it('folds diacritics and tatweel', () => {
    expect(normalizeForSearch('كَلِمـة')).toBe(normalizeForSearch('كلمه'));
  });
});
