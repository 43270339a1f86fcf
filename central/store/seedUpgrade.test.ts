import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabPerson } from '../../common/demo/population';
import { recentViolation } from '../../common/demo/records';
import { POPULATION } from '../testing/people';
import { signIn } from '../testing/session';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, TestClock, type TestCentral } from '../testing/harness';
import { Connection } from './connection';

function labPerson(index: number): LabPerson {
  const person = POPULATION.people[index];
  if (!person) throw new Error('lab people missing');
  return person;
}
const faisal = labPerson(0);
const resident = labPerson(5);

/**
 * A demo data dir seeded before migration 7 (issue 14) had the people but no
 * records for the catalogue's inquiries: after the upgrade every inquiry
 * answered "none". Made here as such a data dir really was (the schema at
 * version 6: no service_records table, no indexes of migrations 8 and 9, no rate_limits table (10), technicians with a
 * PIN-only offline hash (11), no recent violation), then central starts on it: the migrations run and the seed
 * upgrade fills what the inquiries need, the same answers as a fresh seed.
 */
describe('a data dir seeded before migration 7', () => {
  const started: { central: TestCentral; kiosk: TestKiosk }[] = [];
  afterAll(async () => {
    for (const { central, kiosk } of started) {
      await kiosk.close();
      await central.stop();
    }
  });

  async function start(dataDir: string, clock: TestClock): Promise<{ central: TestCentral; kiosk: TestKiosk }> {
    // SQLite whatever engine the other tests use: the data dir's own file is what an old central left behind.
    const central = await startTestCentral({ dataDir, clock, database: `sqlite:${join(dataDir, 'central.sqlite')}` });
    const kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    started.push({ central, kiosk });
    return { central, kiosk };
  }

  async function answers(central: TestCentral, kiosk: TestKiosk): Promise<Record<string, unknown>> {
    const ask = async (bearer: string, id: string) => (await kiosk.call(`/v1/citizens/me/inquiries/${id}`, { bearer, body: { inputs: {} } })).body;
    const citizen = await signIn(central, kiosk, faisal);
    const theResident = await signIn(central, kiosk, resident);
    return {
      trafficViolations: await ask(citizen, 'trafficViolations'),
      vehicleInsurance: await ask(citizen, 'vehicleInsurance'),
      sponsoredPersons: await ask(theResident, 'sponsoredPersons'),
      visaStatus: await ask(theResident, 'visaStatus'),
    };
  }

  it('answers the inquiries as a fresh seed does once central starts on it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'central-pre7-'));
    const clock = new TestClock();
    const fresh = await start(dataDir, clock);
    const expected = await answers(fresh.central, fresh.kiosk);
    expect((expected.vehicleInsurance as { vehicles: unknown[] }).vehicles.length).toBeGreaterThan(0);
    expect((expected.sponsoredPersons as { persons: unknown[] }).persons.length).toBeGreaterThan(0);
    await fresh.kiosk.close();
    await fresh.central.stop();
    started.pop();

    // Back to what a central before issue 14 left: schema version 6, seeded without the inquiries' records.
    const old = await Connection.open(join(dataDir, 'central.sqlite'));
    const recent = POPULATION.people.map((p) => recentViolation(p, clock.now())?.violationNumber).filter((n): n is string => n !== undefined);
    await old.exec('DROP INDEX technician_pin_checks_by_technician; DROP INDEX challenges_pending_by_expiry; DROP TABLE service_records; DROP TABLE rate_limits; DELETE FROM citizen_sessions; PRAGMA user_version = 6;');
    // Migration 11's technicians (the card verifier) back to version 6's (the PIN-only offline hash).
    await old.exec("ALTER TABLE technicians DROP COLUMN card_verifier; ALTER TABLE technicians DROP COLUMN card_issued_at; ALTER TABLE technicians ADD COLUMN offline_pin_hash TEXT NOT NULL DEFAULT 'scrypt$16384$8$1$AAAA$AAAA';");
    for (const number of recent) await old.run('DELETE FROM violations WHERE violation_number = ?', [number]);
    expect((await old.get('PRAGMA user_version'))?.user_version).toBe(6);
    await old.close();

    const upgraded = await start(dataDir, clock);
    expect((await upgraded.central.rows('SELECT COUNT(*) AS n FROM service_records'))[0]?.n).toBeGreaterThan(0);
    const after = await answers(upgraded.central, upgraded.kiosk);
    expect(after).toEqual(expected);
    // The violation an objection needs is back too: exactly one open to an objection.
    expect((after.trafficViolations as { violations: { objectionAllowed: boolean }[] }).violations.filter((v) => v.objectionAllowed)).toHaveLength(1);
  });
});
