import { describe, expect, it } from 'vitest';
import type { CatalogueTile, CatalogueView } from '../contract';
import { catalogueGroups } from './serviceGroups';

const tile = (id: string, group: string, audience: CatalogueTile['audience']): CatalogueTile => ({
  id,
  group,
  kind: 'inquiry',
  audience,
  title: { ar: id, en: id },
  description: { ar: id, en: id },
  icon: 'document',
  keywords: [],
});

const view: CatalogueView = {
  version: 'v7',
  groups: ['traffic', 'residency', 'account'],
  services: [tile('violations', 'traffic', 'signedIn'), tile('passport', 'residency', 'anyone'), tile('impounded', 'traffic', 'signedIn'), tile('visas', 'residency', 'signedIn')],
};

describe('the catalogue, group by group, as the menus show it', () => {
  it('keeps the catalogue’s order of groups and of services within each, and leaves out a group with nothing in it', () => {
    expect(catalogueGroups(view)).toEqual([
      { group: 'traffic', ids: ['violations', 'impounded'] },
      { group: 'residency', ids: ['passport', 'visas'] },
    ]);
  });

  it('the signed-in home keeps only the services for a signed-in person: a group left empty by that is gone too', () => {
    const onlyPortal: CatalogueView = { ...view, services: [tile('passport', 'residency', 'anyone'), tile('violations', 'traffic', 'signedIn')] };
    expect(catalogueGroups(onlyPortal, (s) => s.audience !== 'anyone')).toEqual([{ group: 'traffic', ids: ['violations'] }]);
  });
});
