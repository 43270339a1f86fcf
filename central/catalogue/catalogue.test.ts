import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCatalogueSchema } from '../../common/wire/catalogue';
import { POPULATION } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { objectionState, validity } from './answers';

const faisal = POPULATION.people[0];
const resident = POPULATION.people[5];
/** An active account with no violation: "a person with none". */
const clean = POPULATION.people.find((p, i) => i > 5 && p.account?.state === 'active' && p.violations.length === 0 && p.holderType === 'citizen');
if (!faisal || !resident || !clean) throw new Error('lab people missing');

describe('the service catalogue on central', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  it('is published with an ETag, answers 304 while unchanged, and its version is in the kiosk configuration', async () => {
    const first = await kiosk.call('/v1/kiosks/catalogue');
    expect(first.status).toBe(200);
    const catalogue = serviceCatalogueSchema.parse(first.body);
    const etag = String(first.headers.etag);
    expect(etag).toBe(`"${catalogue.catalogueVersion}"`);
    expect((await kiosk.call('/v1/kiosks/catalogue', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await kiosk.call('/v1/kiosks/catalogue', { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
    expect((await kiosk.call('/v1/kiosks/config')).body).toMatchObject({ catalogueVersion: catalogue.catalogueVersion });
  });

  it('a new entry changes the catalogue version and the configuration version', async () => {
    const before = central.context.kioskConfig.configVersion;
    const entry = central.context.catalogue.find('hajjEligibility');
    if (entry?.kind !== 'inquiry') throw new Error('hajjEligibility missing');
    const { catalogueVersion } = central.context.catalogue.put({ ...entry, id: 'umrahPermit', order: 999 });
    expect(central.context.kioskConfig.current().catalogueVersion).toBe(catalogueVersion);
    expect(central.context.kioskConfig.configVersion).not.toBe(before);
    // One that would make the catalogue invalid changes nothing.
    expect(() => central.context.catalogue.put({ ...entry, id: 'umrahPermit', title: { ar: '', en: 'x' } })).toThrow();
    expect(central.context.catalogue.catalogueVersion).toBe(catalogueVersion);
  });

  it('answers inquiries for a person with results and a person with none; refuses one not for them', async () => {
    const session = await signIn(central, kiosk, faisal);
    const ask = (id: string, bearer = session) => kiosk.call(`/v1/citizens/me/inquiries/${id}`, { bearer, body: { inputs: {} } });
    const violations = (await ask('trafficViolations')).body as { violations: { objection: string; objectionAllowed: boolean }[] };
    expect(violations.violations.length).toBe(faisal.violations.length + 1);
    expect(violations.violations.filter((v) => v.objectionAllowed)).toHaveLength(1);
    const vehicles = (await ask('vehicleInsurance')).body as { vehicles: { status: string; daysLeft: number }[] };
    expect(vehicles.vehicles[0]).toMatchObject({ status: 'expiringSoon', daysLeft: 25 });
    expect((await ask('iqamaExpiry')).body).toMatchObject({ code: 'service_not_for_you' });
    expect((await ask('changeEmail')).body).toMatchObject({ code: 'service_not_found' });

    const other = await signIn(central, kiosk, clean);
    expect((await ask('trafficViolations', other)).body).toEqual({ violations: [] });
    expect((await ask('impoundedVehicles', other)).body).toEqual({ vehicles: [] });

    const theResident = await signIn(central, kiosk, resident);
    const sponsored = (await ask('sponsoredPersons', theResident)).body as { persons: unknown[] };
    expect(sponsored.persons.length).toBeGreaterThan(0);
    const visas = (await ask('visaStatus', theResident)).body as { visas: { holder: { en: string } }[] };
    expect(visas.visas.some((v) => v.holder.en === 'Spouse')).toBe(true);
    expect((await ask('iqamaExpiry', theResident)).body).toMatchObject({ numberLast4: resident.idNumber.slice(-4), status: expect.stringMatching(/valid|expiringSoon|expired/) });
  });

  it('takes an objection once, to an unpaid violation within 30 days, with a reason from the list', async () => {
    const session = await signIn(central, kiosk, faisal);
    const list = ((await kiosk.call('/v1/citizens/me/inquiries/trafficViolations', { bearer: session, body: { inputs: {} } })).body as { violations: { violationNumber: string; objection: string }[] }).violations;
    const allowed = list.find((v) => v.objection === 'allowed');
    const refused = list.find((v) => v.objection !== 'allowed');
    const object = (violationNumber: string, inputs: Record<string, string> = { reason: 'notTheDriver', details: 'I sold the car last month.' }) =>
      kiosk.call('/v1/citizens/me/forms/violationObjection', { bearer: session, body: { inputs: { violationNumber, ...inputs } } });
    expect((await object(allowed?.violationNumber ?? '', { reason: 'becauseISaySo', details: 'x' })).body).toMatchObject({ code: 'input_invalid', issues: [{ path: 'reason', message: 'notAChoice' }] });
    expect((await object(allowed?.violationNumber ?? '', { reason: 'other', details: 'a\u202Eb' })).body).toMatchObject({ code: 'input_invalid', issues: [{ path: 'details' }] });
    const filed = await object(allowed?.violationNumber ?? '');
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ objectionId: expect.stringMatching(/^OBJ-/), status: 'underObjection' });
    expect((await object(allowed?.violationNumber ?? '')).body).toMatchObject({ code: 'objection_exists' });
    expect((await object(refused?.violationNumber ?? '')).body).toMatchObject({ code: expect.stringMatching(/objection_not_allowed|objection_exists/) });
    expect((await object('0000000001')).body).toMatchObject({ code: 'violation_not_found' });
  });
});

describe('validity and the objection rule', () => {
  const now = Date.parse('2026-06-01T10:00:00Z');
  it('says valid, expiring soon (90 days) or expired, with the days left', () => {
    expect(validity('2026-06-01', now)).toEqual({ status: 'expiringSoon', daysLeft: 0 });
    expect(validity('2026-08-30', now)).toEqual({ status: 'expiringSoon', daysLeft: 90 });
    expect(validity('2026-08-31', now)).toEqual({ status: 'valid', daysLeft: 91 });
    expect(validity('2026-05-31', now)).toEqual({ status: 'expired', daysLeft: 0 });
  });
  it('allows an objection to an unpaid violation up to 30 days after its issue, never twice', () => {
    expect(objectionState('unpaid', '2026-05-02T10:00:00Z', false, now)).toBe('allowed');
    expect(objectionState('unpaid', '2026-05-01T09:00:00Z', false, now)).toBe('tooLate');
    expect(objectionState('paid', '2026-05-30T10:00:00Z', false, now)).toBe('paid');
    expect(objectionState('unpaid', '2026-05-30T10:00:00Z', true, now)).toBe('alreadyObjected');
    expect(objectionState('cancelled', '2026-05-30T10:00:00Z', false, now)).toBe('closed');
  });
});
