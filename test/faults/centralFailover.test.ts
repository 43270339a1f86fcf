import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POPULATION } from '../../central/testing/people';
import { type RunningFleet, startFleet } from '../../central/testing/fleet';
import { type PostgresCluster, startPostgresCluster } from '../../central/testing/postgres';
import type { Database } from '../../central/store/database';
import { openDatabase } from '../../central/store/openDatabase';
import { CentralClient as DevClient } from '../../central/testing/kioskClient';
import { fleetKiosk, type KioskRecord } from './fleetKiosk';

/**
 * Failover (issue 19): two central instances on one PostgreSQL database
 * behind HAProxy, three kiosks (the core's own outbox, sender, central
 * client and citizen calls) sending outbox batches, heartbeats and sign-ins
 * through HAProxy's one address. One instance is SIGKILLed mid-load. Every
 * event a kiosk committed reaches central exactly once, no sign-in is applied
 * twice (one challenge per Idempotency-Key, the one the kiosk was answered),
 * every kiosk finishes its work on the survivor, and heartbeats come back
 * within the health check's window.
 */
const KIOSKS = 3;
const ROUNDS = 8;
/** The kill comes when this many rounds (of all kiosks) are done: mid-load, whatever the machine's speed. */
const KILL_AFTER = 7;
const CHECK_INTERVAL_MS = 500;
const FALL = 2;

const today = new Date().toISOString().slice(0, 10);
const signers = POPULATION.people.filter((p) => p.account?.state === 'active' && p.idCard.expiry > today);

let cluster: PostgresCluster;
let fleet: RunningFleet;
let db: Database;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const database = await cluster.createDatabase('failover');
  fleet = await startFleet({ instances: 2, database, checkIntervalMs: CHECK_INTERVAL_MS, fall: FALL });
  db = await openDatabase({ engine: 'postgres', url: database });
}, 180_000);

afterAll(async () => {
  await db?.close();
  await fleet?.stop();
  await cluster?.stop();
}, 60_000);

describe('a central instance dies mid-load behind HAProxy', () => {
  it('nothing lost, nothing twice, no kiosk stuck, heartbeats back within the health-check window', async () => {
    expect(signers.length).toBeGreaterThan(KIOSKS * 2);
    const kiosks = await Promise.all(Array.from({ length: KIOSKS }, (_, i) => fleetKiosk(fleet.url, fleet.caCertPem, `KIOSK-FAILOVER-${i}`)));
    const [victim, survivor] = fleet.instances;
    if (!victim || !survivor) throw new Error('two instances expected');

    let done = 0;
    let killedAt = 0;
    let killing: Promise<void> | undefined;
    let heldAtKill: string[] = [];
    /**
     * Holds the requests that reach the victim (demo fault `slow`, set on the victim itself, not through HAProxy)
     * until at least one kiosk request is held there, then SIGKILLs it: the kill always cuts a kiosk mid-request.
     */
    const killMidRequest = async () => {
      const direct = new DevClient(victim.url, fleet.caCertPem);
      await direct.call('/dev/faults', { body: { mode: 'slow', delayMs: 30_000 } });
      for (let poll = 0; poll < 400 && heldAtKill.length === 0; poll += 1) {
        heldAtKill = ((await direct.call('/dev/faults')).body as { held: string[] }).held;
        if (heldAtKill.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await direct.close();
      killedAt = Date.now();
      await victim.kill('SIGKILL');
    };
    await Promise.all(
      kiosks.map(async (kiosk, k) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          await kiosk.round(signers[(k * ROUNDS + round) % signers.length] ?? signers[0]!);
          done += 1;
          // Not awaited: the kiosks go on, and some are mid-request on the victim when it dies.
          if (done === KILL_AFTER) killing = killMidRequest();
        }
      }),
    );
    await killing;
    expect(killedAt).toBeGreaterThan(0);
    expect(heldAtKill.length).toBeGreaterThan(0);
    expect(victim.alive()).toBe(false);
    expect(survivor.alive()).toBe(true);
    await fleet.haproxy.waitForStates({ [victim.name]: 'DOWN', [survivor.name]: 'UP' });

    // No kiosk stuck: each is answered again and empties its outbox on the survivor (bounded tries).
    for (const kiosk of kiosks) {
      expect(await kiosk.heartbeatUntilAnswered(10)).toBe(true);
      expect(await kiosk.drainAll(20)).toBe(true);
    }
    const records: KioskRecord[] = kiosks.map((kiosk) => kiosk.record);
    // What the kill cut (the requests held on the victim) was sent again, or was a heartbeat the next one replaced.
    const cut = records.reduce((sum, record) => sum + record.lostAnswers + record.heartbeats.filter((beat) => !beat.ok).length, 0);
    expect(cut).toBeGreaterThanOrEqual(heldAtKill.length);
    console.info(`killed ${victim.name} holding ${heldAtKill.join(', ')}`);

    for (const record of records) {
      // Every committed outbox event exactly once, nothing else.
      const rows = await db.all('SELECT tx_id, COUNT(*) AS n FROM outbox_events WHERE kiosk_id = ? GROUP BY tx_id', [record.kioskId]);
      const stored = new Map(rows.map((row) => [String(row.tx_id), Number(row.n)]));
      expect(record.committed).toHaveLength(ROUNDS * 4);
      expect([...stored.keys()].sort()).toEqual([...record.committed].sort());
      expect([...stored.values()].every((n) => n === 1)).toBe(true);

      // No sign-in applied twice: one challenge per Idempotency-Key, and it is the one the kiosk was answered.
      const keyed = await db.all("SELECT key, body_json FROM idempotency WHERE kiosk_id = ? AND key LIKE '%-signin-%'", [record.kioskId]);
      const challengeOfKey = new Map(keyed.map((row) => [String(row.key), (JSON.parse(String(row.body_json)) as { challengeId: string }).challengeId]));
      const challenges = (await db.all("SELECT challenge_id FROM challenges WHERE kiosk_id = ? AND purpose = 'signIn'", [record.kioskId])).map((row) => String(row.challenge_id));
      expect(challenges.sort()).toEqual([...challengeOfKey.values()].sort());
      expect(record.calls).toHaveLength(ROUNDS);
      for (const call of record.calls) {
        if (call.challengeId !== null) expect(challengeOfKey.get(call.key), call.key).toBe(call.challengeId);
      }
      // A call the kiosk gave up on (central unavailable for all its tries) can only be the one in flight at the kill.
      expect(record.calls.filter((call) => call.challengeId === null).length).toBeLessThanOrEqual(1);

      // Heartbeats come back within the health-check window: after the kill, at most the heartbeats sent in
      // the `fall` checks it takes HAProxy to mark the instance down fail before one is answered.
      const after = record.heartbeats.filter((beat) => beat.at >= killedAt);
      const firstAnswered = after.findIndex((beat) => beat.ok);
      expect(firstAnswered).toBeGreaterThanOrEqual(0);
      expect(firstAnswered).toBeLessThanOrEqual(FALL);
      console.info(
        `${record.kioskId}: ${record.committed.length} events once each, ${challenges.length} sign-ins once each, ` +
          `${firstAnswered} heartbeat(s) lost after the kill, answered again ${(after[firstAnswered]?.at ?? killedAt) - killedAt} ms after it; ` +
          `${record.lostAnswers} batch(es) or call(s) sent again after a lost answer`,
      );
    }
    // The survivor recorded the heartbeats that followed the kill (its status book writes about once a second).
    const seenSinceKill = async () =>
      (await db.all('SELECT kiosk_id FROM kiosks WHERE last_seen_at >= ?', [killedAt])).filter((row) => records.some((record) => record.kioskId === row.kiosk_id)).length;
    for (let poll = 0; poll < 100 && (await seenSinceKill()) < KIOSKS; poll += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await seenSinceKill()).toBe(KIOSKS);
    await Promise.all(kiosks.map((kiosk) => kiosk.dispose()));
  });
});
