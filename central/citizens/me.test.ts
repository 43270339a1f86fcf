import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentListSchema, violationListSchema, visaListSchema } from '../../common/wire/citizen';
import { POPULATION } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const faisal = POPULATION.people[0];
const withVisas = POPULATION.people.find((p) => p.account?.state === 'active' && p.visas.length > 0);
if (!faisal || !withVisas) throw new Error('lab people missing');

describe('a signed-in citizen', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let session: string;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    session = await signIn(central, kiosk, faisal);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  // The changes (e-mail, password, mobile, address) are in edits.test.ts.

  it('reads visas, violations and documents; objects once to an unpaid violation', async () => {
    const violations = violationListSchema.parse((await kiosk.call('/v1/citizens/me/violations', { bearer: session })).body).violations;
    // The population's own, and one issued days before seeding (common/demo/records.ts), inside the objection window.
    expect(violations.length).toBe(faisal.violations.length + 1);
    const unpaid = violations.find((v) => v.status === 'unpaid');
    expect(unpaid?.objectionAllowed).toBe(true);
    const object = () => kiosk.call(`/v1/citizens/me/violations/${unpaid?.violationNumber ?? ''}/objection`, { bearer: session, body: { reason: 'I was not driving the car that day.' } });
    expect((await object()).status).toBe(201);
    expect((await object()).body).toMatchObject({ code: 'objection_exists' });
    expect((await kiosk.call('/v1/citizens/me/violations/0000000001/objection', { bearer: session, body: { reason: 'Not mine at all, honestly.' } })).body).toMatchObject({ code: 'violation_not_found' });

    const documents = documentListSchema.parse((await kiosk.call('/v1/citizens/me/documents', { bearer: session })).body).documents;
    expect(documents.find((d) => d.type === 'nationalId')).toMatchObject({ numberLast4: '0008', status: expect.stringMatching(/valid|expiringSoon/) });

    const other = await signIn(central, kiosk, withVisas);
    const visas = visaListSchema.parse((await kiosk.call('/v1/citizens/me/visas', { bearer: other })).body).visas;
    expect(visas.map((v) => v.visaNumber).sort()).toEqual(withVisas.visas.map((v) => v.visaNumber).sort());
  });

  it('a session is bound to its kiosk and expires', async () => {
    const stranger = await TestKiosk.create(central.url, central.caCertPem);
    await stranger.enrol(await central.issueEnrolmentCode());
    expect((await stranger.call('/v1/citizens/me', { bearer: session })).body).toMatchObject({ code: 'session_invalid' });
    await stranger.close();
    central.clock.advance(601_000);
    expect((await kiosk.call('/v1/citizens/me', { bearer: session })).body).toMatchObject({ code: 'session_invalid' });
  });
});
