import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../common/demo/population';
import { POPULATION } from '../testing/people';
import { CentralClient, TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { sharedPostgresCluster } from '../testing/postgres';
import { openDatabase } from '../store/openDatabase';
import { sleep } from '../../common/time';
import { TECHNICIANS_MAX_AGE_MS } from '../kiosks/heartbeat';
import { checkReadiness } from './readiness';
import { MIGRATIONS } from '../store/migrations';

/**
 * Two central instances on one PostgreSQL database and one data dir (the CA,
 * hash key and rollout every instance reads), as they run behind the load
 * balancer: whatever a request needs is in the database, so either instance
 * answers any request the same.
 */
const [faisal] = POPULATION.people;
if (!faisal?.account) throw new Error('featured lab person missing');
const PER_KIOSK = 4;
const LIMITS = { perKiosk: { max: PER_KIOSK, windowSeconds: 600 }, perTarget: { max: 1000, windowSeconds: 600 }, enrolment: { max: 1000, windowSeconds: 600 } };
const beat = () => ({ appState: 'available', devices: [], versions: { app: '0.1.0' }, queueDepth: 0, clock: new Date().toISOString() });

describe('central instances share everything through the database', () => {
  let dataDir: string;
  let a: TestCentral;
  let b: TestCentral;
  let onA: TestKiosk;
  let onB: TestKiosk;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-fleet-'));
    const database = await (await sharedPostgresCluster()).createDatabase('fleet');
    a = await startTestCentral({ dataDir, database, populationSize: 10, rateLimits: LIMITS });
    b = await startTestCentral({ dataDir, database, populationSize: 10, rateLimits: LIMITS });
    onA = await TestKiosk.create(a.url, a.caCertPem);
    expect((await onA.enrol(await b.issueEnrolmentCode())).status).toBe(201);
    // The same kiosk (its key and certificate) talking to the other instance.
    onB = await TestKiosk.create(b.url, b.caCertPem);
    await onB.client.useCredentials({ certificatePem: onA.certificatePem, keyPem: onA.keyPem });
  }, 120_000);
  afterAll(async () => {
    await onA?.close();
    await onB?.close();
    await a?.stop();
    await b?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('one CA for both: a certificate issued by one instance is accepted by the other', async () => {
    expect(a.caCertPem).toBe(b.caCertPem);
    expect((await onB.call('/v1/kiosks/heartbeat', { body: beat() })).status).toBe(200);
  });

  it("a kiosk's rate limit counts across instances: alternating does not double its allowance", async () => {
    const answers: number[] = [];
    for (let i = 0; i < PER_KIOSK + 2; i += 1) {
      const kiosk = i % 2 === 0 ? onA : onB;
      answers.push((await kiosk.call('/v1/citizens/sign-in', { body: { login: `Nobody${i}x`, password: 'Wrong-password-1' } })).status);
    }
    expect(answers.slice(0, PER_KIOSK).every((status) => status === 401)).toBe(true);
    expect(answers.slice(PER_KIOSK)).toEqual([429, 429]);
    // Only digests of what was counted are kept.
    const rows = await a.rows('SELECT key_hash FROM rate_limits');
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(onA.kioskId);
  });
});

describe('a retry that lands on the other instance gets the original answer', () => {
  let dataDir: string;
  let a: TestCentral;
  let b: TestCentral;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-fleet-'));
    const database = await (await sharedPostgresCluster()).createDatabase('fleet');
    a = await startTestCentral({ dataDir, database, populationSize: 10 });
    b = await startTestCentral({ dataDir, database, populationSize: 10 });
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sign-in committed on A, answer lost; the same key on B answers the same challenge and sends no second SMS', async () => {
    const kiosk = await TestKiosk.create(a.url, a.caCertPem);
    expect((await kiosk.enrol(await a.issueEnrolmentCode())).status).toBe(201);
    const other = new CentralClient(b.url, b.caCertPem, { certificatePem: kiosk.certificatePem, keyPem: kiosk.keyPem });
    const body = { login: faisal.account?.username ?? '', password: DEMO_PASSWORD };
    a.setFault({ mode: 'dropAfterCommit' });
    await expect(kiosk.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-fleet-retry-1' })).rejects.toThrow();
    a.setFault({ mode: 'none' });
    const sent = await a.rows('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [faisal.mobile]);
    const retried = await other.call('/v1/citizens/sign-in', { body, idempotencyKey: 'tx-fleet-retry-1' });
    expect(retried.status).toBe(202);
    const challenges = await b.rows("SELECT challenge_id FROM challenges WHERE id_number = ? AND purpose = 'signIn'", [faisal.idNumber]);
    expect(challenges).toHaveLength(1);
    expect((retried.body as { challengeId: string }).challengeId).toBe(challenges[0]?.challenge_id);
    expect(await b.rows('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [faisal.mobile])).toEqual(sent);
    // And the code the one SMS carried confirms on B.
    const confirmed = await other.call(`/v1/citizens/sign-in/${challenges[0]?.challenge_id as string}/confirm`, { body: { code: await b.lastCode(faisal.mobile) } });
    expect(confirmed.status).toBe(200);
    await other.close();
    await kiosk.close();
  });

  it('a technician change committed by the CLI shows in the configuration at once, and in either instance’s heartbeat within a second', async () => {
    const kiosk = await TestKiosk.create(a.url, a.caCertPem);
    expect((await kiosk.enrol(await a.issueEnrolmentCode())).status).toBe(201);
    const other = new CentralClient(b.url, b.caCertPem, { certificatePem: kiosk.certificatePem, keyPem: kiosk.keyPem });
    const version = async (client: { call: CentralClient['call'] }) => ((await client.call('/v1/kiosks/heartbeat', { body: beat() })).body as { configVersion: string }).configVersion;
    const before = await version(kiosk);
    expect(await version(other)).toBe(before);
    // What `central/main.ts technicians disable` commits.
    await a.db.transaction((tx) => tx.run("UPDATE technicians SET active = 0 WHERE technician_id = '1001'"));
    // The configuration reads the list afresh: the new version at once, on either instance.
    const config = await other.call('/v1/kiosks/config');
    const after = String(config.headers.etag).replaceAll('"', '');
    expect(after).not.toBe(before);
    expect((config.body as { technicians: { technicianId: string }[] }).technicians.map((t) => t.technicianId)).not.toContain('1001');
    // A heartbeat answers from a list read at most TECHNICIANS_MAX_AGE_MS ago (a kiosk learns it at its next heartbeat anyway).
    const settled = async (client: { call: CentralClient['call'] }): Promise<string> => {
      let seen = await version(client);
      for (let i = 0; i < 100 && seen !== after; i += 1) {
        await sleep(TECHNICIANS_MAX_AGE_MS / 10);
        seen = await version(client);
      }
      return seen;
    };
    expect(await settled(other)).toBe(after);
    expect(await settled(kiosk)).toBe(after);
    await other.close();
    await kiosk.close();
  });
});

describe('readiness (GET /ready, the load balancer health check)', () => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startTestCentral({ profile: 'production', rateLimits: LIMITS });
  }, 120_000);
  afterAll(async () => central?.stop());

  it('answers ready without a client certificate, and is never rate limited', async () => {
    const anonymous = new CentralClient(central.url, central.caCertPem);
    for (let i = 0; i < PER_KIOSK + 2; i += 1) {
      const answer = await anonymous.call('/ready');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: 'ready', schemaVersion: MIGRATIONS.length });
    }
    await anonymous.close();
  });

  it('is not ready when the schema is behind this code, or the database does not answer', async () => {
    expect(await checkReadiness(central.db)).toEqual({ ready: true, schemaVersion: MIGRATIONS.length });
    expect(await checkReadiness(central.db, MIGRATIONS.length + 1)).toEqual({ ready: false, reason: 'schema_behind', schemaVersion: MIGRATIONS.length });
    const gone = await openDatabase({ engine: 'postgres', url: await (await sharedPostgresCluster()).createDatabase('gone') });
    await gone.close();
    expect(await checkReadiness(gone)).toEqual({ ready: false, reason: 'database_unreachable' });
  });
});
