import { DEMO_PASSWORD } from '../../common/demo/population';
import type { LabPerson } from '../../common/demo/population';
import { writeIdentity } from '../../electron/core/store/identity';
import { Outbox } from '../../electron/core/store/outbox';
import { openTempStore } from '../../electron/core/store/testing/tempStore';
import { transactionIds } from '../../electron/core/store/transactionId';
import { CentralClient } from '../../electron/core/sync/centralClient';
import { callCitizen, defaultCitizenPolicy } from '../../electron/core/sync/citizenCalls';
import { enrol } from '../../electron/core/sync/enrolment';
import { tlsFor } from '../../electron/core/sync/identityKeeper';
import { OutboxSender } from '../../electron/core/sync/outboxSender';
import { CentralClient as DevClient } from '../../central/testing/kioskClient';

/** What one kiosk did and saw, for the spec to check against central's database. */
export interface KioskRecord {
  readonly kioskId: string;
  /** Outbox events committed in the kiosk's own store (each must reach central exactly once). */
  readonly committed: string[];
  /** Each citizen call: its Idempotency-Key, and the challenge central answered (null: no answer, central unavailable). */
  readonly calls: { key: string; challengeId: string | null }[];
  /** Each heartbeat: when it was sent and whether central answered. */
  readonly heartbeats: { at: number; ok: boolean }[];
  /** Outbox batches and citizen calls that got no answer (and were sent again): what the kill cost. */
  lostAnswers: number;
}

/** A kiosk as the core runs it, against the fleet's one URL: its store and outbox, the core's central client, sender and citizen calls. */
export async function fleetKiosk(url: string, caCertPem: string, name: string) {
  const dev = new DevClient(url, caCertPem);
  const code = ((await dev.call('/dev/enrolment-codes', { method: 'POST' })).body as { enrolmentCode: string }).enrolmentCode;
  await dev.close();
  const enrolled = await enrol({ centralUrl: url, caPem: caCertPem, enrolmentCode: code, subjectHint: name, now: Date.now });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`);
  const identity = enrolled.value;
  const opened = await openTempStore();
  await opened.store.write((tx) => writeIdentity(tx, opened.masterKey, identity));
  const outbox = new Outbox(opened.store, opened.dataKey, { newTxId: transactionIds(identity.kioskId), now: Date.now });
  // A lost answer shows quickly (the SIGKILL resets the connection); 5 s bounds a hang the spec would otherwise wait on.
  const client = new CentralClient({ baseUrl: url, tls: tlsFor(identity), timeoutMs: 5_000 });
  const record: KioskRecord = { kioskId: identity.kioskId, committed: [], calls: [], heartbeats: [], lostAnswers: 0 };
  const onCall = (outcome: { ok: boolean }) => {
    if (!outcome.ok) record.lostAnswers += 1;
  };
  // Retries now, not minutes later: the spec counts a kiosk that cannot drain as stuck.
  const sender = new OutboxSender({ outbox, central: client, now: Date.now, random: Math.random, backoff: { baseMs: 50, capMs: 200, jitter: 'full' }, onCall });
  let round = 0;

  return {
    record,
    /** One round of load: events committed and sent, a heartbeat, and a citizen call for `person` with a fresh key. */
    async round(person: LabPerson): Promise<void> {
      round += 1;
      for (let i = 0; i < 4; i += 1) record.committed.push(await outbox.add({ kind: i % 2 ? 'audit' : 'telemetry', payload: { round, i, kiosk: name } }));
      // A drain that stops on a lost answer leaves the rest due: the next round (or the final drain) sends them.
      await sender.drain();
      const at = Date.now();
      const beat = await client.heartbeat({ appState: 'available', devices: [], versions: { app: '0.1.0' }, queueDepth: 0, clock: new Date().toISOString() });
      record.heartbeats.push({ at, ok: beat.ok });
      const key = `${identity.kioskId}-signin-${round}`;
      const answer = await callCitizen(client, { route: 'signIn', idempotencyKey: key, body: { login: person.account?.username ?? person.idNumber, password: DEMO_PASSWORD } }, {
        ...defaultCitizenPolicy,
        timeoutMs: 5_000,
        onCall,
      });
      record.calls.push({ key, challengeId: answer.ok ? answer.value.challengeId : null });
    },
    /** Heartbeats until one is answered (at most `tries`), as the kiosk's loop keeps sending them. */
    async heartbeatUntilAnswered(tries: number): Promise<boolean> {
      for (let i = 0; i < tries; i += 1) {
        const at = Date.now();
        const beat = await client.heartbeat({ appState: 'available', devices: [], versions: { app: '0.1.0' }, queueDepth: 0, clock: new Date().toISOString() });
        record.heartbeats.push({ at, ok: beat.ok });
        if (beat.ok) return true;
      }
      return false;
    },
    /** Drains until the outbox is empty (at most `tries` drains); true when nothing is left. */
    async drainAll(tries: number): Promise<boolean> {
      for (let i = 0; i < tries; i += 1) {
        await outbox.makeAllDue();
        await sender.drain();
        if ((await outbox.stats()).pending === 0) return true;
      }
      return false;
    },
    async dispose(): Promise<void> {
      await client.close();
      await opened.dispose();
    },
  };
}
