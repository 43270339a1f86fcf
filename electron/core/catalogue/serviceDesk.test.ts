import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../../central/server';
import { DEMO_PASSWORD } from '../../../common/demo/population';
import { eventually } from '../devices/testing/labRig';
import { transactionIds } from '../store/transactionId';
import { callCitizen, type CitizenCallPolicy } from '../sync/citizenCalls';
import type { AnyCitizenCall } from '../sync';
import { fetchConditional } from '../sync/centralClient';
import { enrolledKiosk, startTestCentral } from '../sync/testing/centralFixture';
import { ServiceCatalogueCache } from './catalogueCache';
import { ServiceDesk } from './serviceDesk';
import type { ServiceView } from '../../contract/catalogue';

/** The catalogue's engine against the reference central: the catalogue fetched with its ETag, an inquiry, the objection form, central down. */

const quick: CitizenCallPolicy = { attempts: 1, timeoutMs: 3_000, backoff: { baseMs: 0, capMs: 0, jitter: 'none' } };
let central: RunningCentral;
let close: () => Promise<void>;
let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
let cache: ServiceCatalogueCache;
let desk: ServiceDesk;
let token: string | null = null;
const newId = transactionIds('KIOSK-TEST');

const call = (c: AnyCitizenCall) => callCitizen(kiosk.client, c as never, quick);
const fetchCatalogue = (etag: string | null) => fetchConditional(kiosk.client, 'getServiceCatalogue', etag, 3_000);

async function signIn(username: string, mobile: string): Promise<string> {
  const started = await call({ route: 'signIn', idempotencyKey: newId(), body: { login: username, password: DEMO_PASSWORD } });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const code = (await central.recentSms(20)).find((m) => m.to === mobile && m.code)?.code ?? '';
  const confirmed = await call({ route: 'confirmSignIn', idempotencyKey: newId(), params: { challengeId: (started.value as { challengeId: string }).challengeId }, body: { code } });
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.error));
  return (confirmed.value as { sessionToken: string }).sessionToken;
}

async function reach(step: ServiceView['step']): Promise<ServiceView> {
  await eventually(() => desk.view()?.step === step, `step ${step} (at ${desk.view()?.step ?? 'none'})`, 300, 20);
  const view = desk.view();
  if (!view) throw new Error('no service');
  return view;
}

beforeAll(async () => {
  ({ central, close } = await startTestCentral({ populationSize: 10 }));
  kiosk = await enrolledKiosk(central);
  cache = new ServiceCatalogueCache({ store: kiosk.store, now: Date.now });
  desk = new ServiceDesk({ catalogue: cache, ports: { callCitizen: call as never, newTransactionId: newId }, citizenToken: () => token, language: () => 'en', luhn: () => true, log: pino({ level: 'silent' }), onChange: () => undefined });
});
afterAll(async () => {
  await kiosk?.dispose();
  await close?.();
});

describe('the service catalogue on the kiosk', () => {
  it('is fetched, validated and kept with its ETag; unchanged is a 304; a bad one is refused and the old one stays', async () => {
    expect(await cache.refresh(fetchCatalogue)).toMatchObject({ ok: true, value: { status: 'applied', version: central.context.catalogue.catalogueVersion } });
    expect(await cache.refresh(fetchCatalogue)).toMatchObject({ ok: true, value: { status: 'unchanged' } });
    const bad = await cache.refresh(async () => ({ ok: true, value: { status: 'changed', etag: '"bad"', body: { catalogueVersion: 'x', services: [{ id: 'Bad Id' }] } } }));
    expect(bad).toMatchObject({ ok: true, value: { status: 'rejected' } });
    expect(cache.version).toBe(central.context.catalogue.catalogueVersion);
    const tiles = cache.current().services;
    expect(tiles.find((t) => t.id === 'passportRenewal')?.portal?.qr.size).toBeGreaterThan(20);
    // A restart finds it in the store.
    const again = new ServiceCatalogueCache({ store: kiosk.store, now: Date.now });
    await again.restore();
    expect(again.version).toBe(cache.version);
  });

  it('runs only for a signed-in person', () => {
    expect(() => desk.start('trafficViolations')).toThrow(/signed-in/);
  });

  it('an inquiry: the answer laid out, numbers masked; central down is said and can be retried', async () => {
    token = await signIn('Faisal1042', '+966548986580');
    desk.start('trafficViolations');
    const view = await reach('result');
    const table = view.result?.[0];
    if (table?.type !== 'table') throw new Error('no table');
    expect(table.rows.length).toBeGreaterThan(1);
    const number = table.rows[0]?.find((c) => c.key === 'violationNumber')?.value;
    expect(number).toMatchObject({ type: 'maskedNumber', text: expect.stringMatching(/^\*{6}\d{4}$/) });
    expect(desk.result()?.reference).toBeTruthy();
    desk.close();
    expect(desk.view()).toBeNull();

    central.setFault({ mode: 'down' });
    desk.start('vehicleInsurance');
    expect(await reach('failed')).toMatchObject({ error: { code: 'central_unavailable', retryable: true } });
    central.setFault({ mode: 'none' });
    desk.send({ type: 'RETRY' });
    expect((await reach('result')).result?.[0]).toMatchObject({ type: 'table', rows: [expect.anything(), expect.anything()] });
    desk.close();
  });

  it('the objection: only an eligible row, the inputs by their rules, confirmed once → an objection number; then already objected', async () => {
    desk.start('violationObjection');
    const pick = await reach('pick');
    const allowed = pick.rows?.findIndex((r) => r.eligible) ?? -1;
    const refused = pick.rows?.findIndex((r) => !r.eligible) ?? -1;
    expect(allowed).toBeGreaterThanOrEqual(0);
    expect(pick.rows?.[refused]?.reason?.en).toMatch(/30 days|Paid|already|Closed/);
    expect(() => desk.send({ type: 'PICK', row: refused })).toThrow(/cannot be chosen/);
    desk.send({ type: 'PICK', row: allowed });
    desk.send({ type: 'SUBMIT_INPUTS', inputs: { reason: 'because', details: '' } });
    expect(desk.view()).toMatchObject({ step: 'form', fieldErrors: { reason: ['notAChoice'], details: ['required'] } });
    expect(() => desk.send({ type: 'CONFIRM' })).toThrow(/not accepted/);
    desk.send({ type: 'SUBMIT_INPUTS', inputs: { reason: 'vehicleSold', details: 'Sold on 1 March, contract attached at the office.' } });
    expect(desk.view()?.step).toBe('confirm');
    desk.send({ type: 'CONFIRM' });
    const done = await reach('done');
    expect(done.result?.[0]).toMatchObject({ type: 'fields', fields: [{ key: 'objectionId', value: { type: 'text', text: expect.stringMatching(/^OBJ-/) } }, expect.anything(), { value: { status: 'underObjection' } }] });
    desk.close();

    desk.start('violationObjection');
    const after = await reach('pick');
    expect(after.rows?.[allowed]).toMatchObject({ eligible: false, reason: { en: 'You have already objected to it' } });
    desk.forget();
  });

  it('a resident-only inquiry asked by a citizen is refused by central, and said so', async () => {
    desk.start('iqamaExpiry');
    expect(await reach('failed')).toMatchObject({ error: { code: 'service_not_for_you', retryable: false } });
    desk.forget();
    token = null;
  });
});
