import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralClient } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { POPULATION } from '../testing/people';

/** `POST /dev/catalogue` (demo): the whole fixture is checked before anything is written; a bad one changes nothing. */
const someone = POPULATION.people[0]!.idNumber;
const label = (en: string) => ({ ar: en, en });

const inquiry = (id: string) => ({
  id,
  group: 'inquiries',
  order: 900,
  title: label('Hunting permits'),
  description: label('Your hunting permits'),
  icon: 'document',
  audience: 'signedIn',
  devices: [],
  endpoints: ['runInquiry'],
  kind: 'inquiry',
  inputs: [],
  receipt: false,
  result: [
    {
      type: 'table',
      key: 'permits',
      empty: label('You have no permits.'),
      columns: [
        { key: 'permitNumber', label: label('Permit number'), type: 'maskedNumber' },
        { key: 'on', label: label('Date'), type: 'date' },
        { key: 'status', label: label('Status'), type: 'status', statuses: { issued: { label: label('Issued'), tone: 'ok' } } },
      ],
    },
  ],
});
const goodRecord = { idNumber: someone, body: { permits: [{ permitNumber: '7766554433', on: '2026-12-20', status: 'issued' }] } };

describe('POST /dev/catalogue', () => {
  let central: TestCentral;
  let dev: CentralClient;

  beforeAll(async () => {
    central = await startTestCentral({ populationSize: 10 });
    dev = new CentralClient(central.url, central.caCertPem);
  });
  afterAll(async () => {
    await dev.close();
    await central.stop();
  });

  const put = (body: unknown) => dev.call('/dev/catalogue', { body });
  const catalogueVersion = () => central.context.catalogue.catalogueVersion;

  it.each([
    ['an entry the catalogue refuses (a form picking from a table no inquiry has)', { entry: { ...inquiry('badForm'), kind: 'form', pick: { inquiry: 'nowhere', table: 'rows', rowKey: 'rowId', eligibleKey: 'eligible', reasonKey: 'reason', reasons: {} }, confirm: label('Sure?'), inputs: [{ key: 'why', label: label('Why'), rule: 'freeText', length: 100 }] }, records: [goodRecord] }, 400],
    ['records with an entry that is not an inquiry', { entry: { ...inquiry('portalOne'), kind: 'portal', needs: [label('Your ID')], url: 'https://www.absher.sa/x', inputs: undefined, result: undefined, receipt: undefined }, records: [goodRecord] }, 400],
    ['a record whose table is not a table', { entry: inquiry('huntingA'), records: [goodRecord, { idNumber: someone, body: { permits: 'none' } }] }, 400],
    ['a record with a status the entry does not name', { entry: inquiry('huntingB'), records: [{ idNumber: someone, body: { permits: [{ permitNumber: '1', on: '2026-01-01', status: 'revoked' }] } }] }, 400],
    ['a record missing a value the layout needs', { entry: inquiry('huntingC'), records: [{ idNumber: someone, body: { permits: [{ permitNumber: '1', status: 'issued' }] } }] }, 400],
    ['a record naming no person in the registry', { entry: inquiry('huntingD'), records: [goodRecord, { idNumber: '1999999999', body: goodRecord.body }] }, 404],
  ])('%s: refused, and the store and the catalogue are untouched', async (_name, fixture, status) => {
    const before = await central.snapshot();
    const version = catalogueVersion();
    const answer = await put(JSON.parse(JSON.stringify(fixture)));
    expect(answer.status, JSON.stringify(answer.body)).toBe(status);
    // Refused by the fixture's own checks (what a schema cannot see), not by the request schema.
    expect((answer.body as { detail: string }).detail).toMatch(/nothing was changed|only with an inquiry|would not be valid/);
    expect(await central.snapshot()).toBe(before);
    expect(catalogueVersion()).toBe(version);
  });

  it('a good entry and its records go in together', async () => {
    const version = catalogueVersion();
    const answer = await put({ entry: inquiry('huntingPermits'), records: [goodRecord] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(catalogueVersion()).not.toBe(version);
    expect(central.context.catalogue.find('huntingPermits')?.kind).toBe('inquiry');
    expect(await central.rows("SELECT id_number FROM service_records WHERE service_id = 'huntingPermits'")).toEqual([{ id_number: someone }]);
  });
});
