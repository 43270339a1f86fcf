import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCentral } from '../../../../central/server';
import type { RunningCentral, StartCentralOptions } from '../../../../central/server';
import { sharedPostgresCluster, testEngine } from '../../../../central/testing/postgres';
import { writeIdentity } from '../../store/identity';
import type { KioskIdentity } from '../../store/identity';
import { openTempStore } from '../../store/testing/tempStore';
import { Outbox } from '../../store/outbox';
import { transactionIds } from '../../store/transactionId';
import { CentralClient } from '../centralClient';
import { enrol } from '../enrolment';
import { tlsFor } from '../identityKeeper';

/**
 * The reference central on 127.0.0.1 in a temporary directory, quiet and quick to start; on its data dir's SQLite
 * file, or under CENTRAL_TEST_DATABASE=postgres on its own database in the test cluster (central/testing/postgres.ts).
 */
export async function startTestCentral(options: Partial<StartCentralOptions> = {}): Promise<{ central: RunningCentral; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'central-'));
  const database = options.database ?? (testEngine() === 'postgres' ? await (await sharedPostgresCluster()).createDatabase('central') : undefined);
  const central = await startCentral({ dataDir, port: 0, logLevel: 'silent', scryptCost: 1024, populationSize: 10, ...options, database });
  return {
    central,
    async close() {
      await central.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrols a fresh kiosk (own key, one-time code) with `central` and returns its identity. */
export async function enrolKiosk(central: RunningCentral): Promise<KioskIdentity> {
  const enrolled = await enrol({ centralUrl: central.url, caPem: central.caCertPem, enrolmentCode: await central.issueEnrolmentCode(), subjectHint: 'KIOSK-TEST', now: Date.now });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.error)}`);
  return enrolled.value;
}

/** An enrolled kiosk: its store (identity inside), outbox and mTLS client. */
export async function enrolledKiosk(central: RunningCentral, options: { timeoutMs?: number } = {}) {
  const identity = await enrolKiosk(central);
  const s = await openTempStore();
  await s.store.write((tx) => writeIdentity(tx, s.masterKey, identity));
  const outbox = new Outbox(s.store, s.dataKey, { newTxId: transactionIds('KIOSK-TEST'), now: Date.now });
  const client = new CentralClient({ baseUrl: central.url, tls: tlsFor(identity), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  return {
    ...s,
    identity,
    outbox,
    client,
    async dispose() {
      await client.close();
      await s.dispose();
    },
  };
}

/** How many times central stored each of this kiosk's outbox events (its primary key makes it 0 or 1). */
export async function centralOutbox(central: RunningCentral, kioskId: string): Promise<Map<string, { count: number; payload: string }>> {
  const rows = await central.db.all('SELECT tx_id, COUNT(*) AS n, MAX(payload_json) AS payload FROM outbox_events WHERE kiosk_id = ? GROUP BY tx_id', [kioskId]);
  return new Map(rows.map((r) => [String(r['tx_id']), { count: Number(r['n']), payload: String(r['payload']) }]));
}
