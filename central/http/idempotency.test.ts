import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { codeSentSchema } from '../../common/wire/citizen';
import { POPULATION } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const faisal = POPULATION.people[0];
const resident = POPULATION.people[5];
if (!faisal || !resident) throw new Error('featured lab people missing');

describe('idempotency keys and injected faults', () => {
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

  const smsCount = async (mobile: string) => (await central.rows('SELECT COUNT(*) AS n FROM sms_log WHERE to_mobile = ?', [mobile]))[0]?.n;

  it('the same key twice gives the same answer and applies once', async () => {
    const body = { login: 'Faisal1042', password: DEMO_PASSWORD };
    const sent = await smsCount(faisal.mobile);
    const first = await kiosk.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-same-key-0001' });
    const second = await kiosk.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-same-key-0001' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(await smsCount(faisal.mobile)).toBe(Number(sent) + 1);
  });

  it('a refusal is replayed too: a retried wrong code counts once', async () => {
    const { challengeId } = codeSentSchema.parse((await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD } })).body);
    const code = await central.lastCode(faisal.mobile);
    const wrong = String((Number(code) + 5) % 10_000).padStart(4, '0');
    const confirm = (key: string, entered: string) => kiosk.call(`/v1/citizens/sign-in/${challengeId}/confirm`, { body: { code: entered }, idempotencyKey: key });
    const first = await confirm('tx-wrong-code-1', wrong);
    expect(first.body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 2 });
    expect((await confirm('tx-wrong-code-1', wrong)).body).toEqual(first.body);
    expect((await confirm('tx-wrong-code-2', wrong)).body).toMatchObject({ code: 'otp_wrong', attemptsRemaining: 1 });
    expect((await confirm('tx-right-code-3', code)).status).toBe(200);
  });

  it('the same key with a different body is refused', async () => {
    await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD }, idempotencyKey: 'tx-reused-0001' });
    const before = await central.snapshot();
    const reused = await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: 'Other2030pass' }, idempotencyKey: 'tx-reused-0001' });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await central.snapshot()).toBe(before);
  });

  it('the same key, path parameters and body on another route is refused: the operation is the route the request matched', async () => {
    const { challengeId } = codeSentSchema.parse((await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD } })).body);
    const code = await central.lastCode(faisal.mobile);
    const signedIn = await kiosk.call(`/v1/citizens/sign-in/${challengeId}/confirm`, { body: { code }, idempotencyKey: 'tx-other-route-01' });
    expect(signedIn.status).toBe(200);
    const before = await central.snapshot();
    // The same challenge id and code in the same shape, on the registration's confirm.
    const other = await kiosk.call(`/v1/citizens/registrations/${challengeId}/confirm`, { body: { code }, idempotencyKey: 'tx-other-route-01' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await central.snapshot()).toBe(before);
  });

  it('a citizen POST without an Idempotency-Key is refused before anything runs', async () => {
    const before = await central.snapshot();
    const sent = await smsCount(faisal.mobile);
    const keyless = await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD }, idempotencyKey: null });
    expect(keyless.status).toBe(400);
    expect(keyless.body).toMatchObject({ code: 'idempotency_key_missing' });
    expect(await smsCount(faisal.mobile)).toBe(sent);
    expect(await central.snapshot()).toBe(before);
  });

  it('dropAfterCommit: the answer is lost after the effect committed; the retry gets the original answer and nothing twice', async () => {
    const body = { login: resident.idNumber, password: DEMO_PASSWORD };
    const sent = await smsCount(resident.mobile);
    central.setFault({ mode: 'dropAfterCommit' });
    await expect(kiosk.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-dropped-0001' })).rejects.toThrow();
    central.setFault({ mode: 'none' });
    expect(await smsCount(resident.mobile)).toBe(Number(sent) + 1);
    const retry = await kiosk.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-dropped-0001' });
    expect(retry.status).toBe(202);
    const stored = await central.rows("SELECT body_json FROM idempotency WHERE key = 'tx-dropped-0001'");
    expect(retry.body).toEqual(JSON.parse(String(stored[0]?.body_json)));
    expect(await smsCount(resident.mobile)).toBe(Number(sent) + 1);
  });

  it('flaky5xx answers 503 problems and changes nothing; down drops the connection; /dev stays reachable', async () => {
    const beat = { appState: 'available', devices: [], versions: {}, queueDepth: 0, clock: new Date().toISOString() };
    const set = await kiosk.call('/dev/faults', { body: { mode: 'flaky5xx', rate: 1 } });
    expect(set.body).toEqual({ mode: 'flaky5xx', rate: 1 });
    const before = await central.snapshot();
    const flaky = await kiosk.call('/v1/citizens/sign-in', { body: { login: 'Faisal1042', password: DEMO_PASSWORD } });
    expect(flaky.status).toBe(503);
    expect(flaky.body).toMatchObject({ code: 'service_unavailable' });
    expect(await central.snapshot()).toBe(before);
    await kiosk.call('/dev/faults', { body: { mode: 'down' } });
    await expect(kiosk.call('/v1/kiosks/heartbeat', { body: beat })).rejects.toThrow();
    await kiosk.call('/dev/faults', { body: { mode: 'slow', delayMs: 50 } });
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: beat })).status).toBe(200);
    await kiosk.call('/dev/faults', { body: { mode: 'none' } });
    expect((await kiosk.call('/v1/kiosks/heartbeat', { body: beat })).status).toBe(200);
  });

  it('lists SMS for a mobile in any spelling (demo profile)', async () => {
    const list = await kiosk.call(`/dev/sms?mobile=0${faisal.mobile.slice(4)}&limit=2`);
    expect(list.status).toBe(200);
    const { messages } = list.body as { messages: { to: string; code: string | null }[] };
    expect(messages.length).toBe(2);
    expect(messages.every((m) => m.to === faisal.mobile)).toBe(true);
    const page = await kiosk.call('/dev');
    expect(page.contentType).toContain('text/html');
    expect(String(page.body)).toContain('Recent SMS');
  });
});

describe('the production profile', () => {
  it('has no /dev routes and no fault switch', async () => {
    const central = await startTestCentral({ profile: 'production' });
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    for (const path of ['/dev/sms', '/dev', '/dev/kiosks']) expect((await kiosk.call(path)).body).toMatchObject({ code: 'not_found', status: 404 });
    expect((await kiosk.call('/dev/faults', { body: { mode: 'down' } })).body).toMatchObject({ code: 'not_found' });
    await kiosk.close();
    await central.stop();
  });
});
