import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningCentral } from '../../../central/server';
import { telemetryPayloadSchema } from '../../../common/wire/telemetry';
import type { PushedTechnician } from '../../../common/wire/technicians';
import { startCore } from '../start';
import { readConfiguration } from '../store/configuration';
import type { RunningCore } from '../start';
import { startTestCentral } from '../sync/testing/centralFixture';

/**
 * A configuration from a central before card secrets, end to end: the demo
 * core (lab over ptys) fetches its configuration from the reference central
 * over mTLS through the real sync path, and central's list carries a
 * PIN-only `pinHash` for one technician instead of an `offlineVerifier`.
 * The kiosk must never check it: with central down, that technician's right
 * PIN with their card is refused (cannot check, `legacyVerifier`), not a
 * sign-in; the list is audited once as `maintenance.offlineVerifierRefused`,
 * and fetching the same list again audits nothing more.
 *
 * Central today publishes its technicians from its database at every
 * configuration request (technicians.ts, publishTechnicians), so a plain
 * `kioskConfig.update` would be undone at the kiosk's next fetch. Here its
 * configuration store is made to answer as an older central did — every
 * update it takes comes out with the named technicians' entries in the old
 * form, the hash of the PIN alone from central's own `pin_hash` column —
 * in this test only; central's code is unchanged.
 */

const LEGACY = { card: 'technician-1001', id: '1001', pin: '2468' };
const CURRENT = { card: 'technician-1002', id: '1002', pin: '1357' };

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let running: RunningCore;
let dir = '';
let kioskId = '';

const core = () => running.core;
const lab = () => running.lab!;
const waitFor = <T>(check: () => T | Promise<T>, timeout = 20_000) => vi.waitFor(check, { timeout, interval: 25 });

/** Central's configuration store answers as a central before card secrets: these technicians' entries carry `pinHash` (the PIN's hash alone). */
async function asCentralBeforeCardSecrets(technicianIds: readonly string[]): Promise<void> {
  const pinHashes = new Map<string, string>();
  for (const id of technicianIds) {
    const row = await central.db.get('SELECT pin_hash FROM technicians WHERE technician_id = ?', [id]);
    pinHashes.set(id, String(row?.['pin_hash']));
  }
  const legacy = (entry: PushedTechnician): PushedTechnician => {
    const pinHash = pinHashes.get(entry.technicianId);
    return pinHash === undefined ? entry : { technicianId: entry.technicianId, name: entry.name, pinHash };
  };
  const store = central.context.kioskConfig;
  const update = store.update.bind(store);
  store.update = (change) => update((body) => {
    const next = change(body);
    return next.technicians ? { ...next, technicians: next.technicians.map(legacy) } : next;
  });
  store.update((body) => body);
}

async function insertCard(card: string): Promise<void> {
  await waitFor(async () => {
    const answer = await fetch(`${lab().controlUrl}/card/insert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card }) });
    expect(answer.status).toBe(200);
  });
}

async function takeCard(): Promise<void> {
  await waitFor(async () => {
    const answer = await fetch(`${lab().controlUrl}/card/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
  });
}

const auditRow = z.object({ actor: z.string(), detail: z.string() });

/** The kiosk's own audit log: every `maintenance.offlineVerifierRefused` entry, oldest first. */
async function refusalsAudited(): Promise<{ actor: string; detail: unknown }[]> {
  const rows = await running.data.store.read((tx) => tx.all(auditRow, "SELECT actor, detail FROM audit_log WHERE action = 'maintenance.offlineVerifierRefused' ORDER BY seq"));
  return rows.map((row) => ({ actor: row.actor, detail: JSON.parse(row.detail) as unknown }));
}

/** Fetches central's configuration now (a heartbeat may have fetched it first): the kiosk then uses `version`. */
async function inUse(version: string): Promise<void> {
  const refreshed = await running.sync!.refreshConfigNow();
  expect(refreshed.ok && refreshed.value.status).not.toBe('rejected');
  expect(refreshed.ok).toBe(true);
  expect((await running.data.store.read((tx) => readConfiguration(tx)))?.version).toBe(version);
}

async function pinFactsAtCentral(): Promise<string[]> {
  await waitFor(async () => {
    await running.sync!.drainNow();
    expect((await running.sync!.status()).queueDepth).toBe(0);
  });
  const rows = await central.db.all("SELECT payload_json FROM outbox_events WHERE kiosk_id = ? AND kind = 'telemetry' ORDER BY occurred_at, rowid", [kioskId]);
  return rows
    .map((r) => telemetryPayloadSchema.parse(JSON.parse(String(r['payload_json']))))
    .flatMap((p) => (p.type === 'maintenance.pin' ? [`${p.technicianId} ${p.outcome} ${p.checkedBy}`] : []));
}

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral({ populationSize: 10 }));
  await asCentralBeforeCardSecrets([LEGACY.id]);
  dir = await mkdtemp(join(tmpdir(), 'kiosk-legacy-'));
  running = await startCore({
    overrides: { profile: 'demo', devices: { simulated: true }, central: { url: central.url, caFile: central.caCertPath }, store: { dataDir: join(dir, 'data') }, log: { level: 'warn' } },
    env: { KIOSK_ENROLMENT_CODE: await central.issueEnrolmentCode() },
  });
  kioskId = String((await central.db.get('SELECT kiosk_id FROM kiosks'))?.['kiosk_id']);
  await waitFor(() => expect(core().snapshot().appState).toEqual({ state: 'available' }), 30_000);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await closeCentral?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a legacy (PIN-only) technician entry pushed by central', () => {
  it('central pushes the old form over the real sync path: refused and audited once for the list', async () => {
    // What central serves any kiosk: technician 1001 in the old form, 1002 with a verifier of PIN and card.
    const served = central.context.kioskConfig.current().technicians;
    expect(served?.find((t) => t.technicianId === LEGACY.id)).toEqual({ technicianId: LEGACY.id, name: 'Technician One', pinHash: expect.stringMatching(/^scrypt\$/) });
    expect(served?.find((t) => t.technicianId === CURRENT.id)).toMatchObject({ offlineVerifier: { scheme: 'pinAndCard' } });
    await waitFor(async () => expect(await refusalsAudited()).toHaveLength(1));
    expect(await refusalsAudited()).toEqual([{ actor: 'kiosk', detail: { reason: 'pinOnlyHash', technicianIds: [LEGACY.id] } }]);
  }, 60_000);

  it('central down: the legacy technician’s right PIN with their card is not checked (cannotCheck, legacyVerifier), nothing counted; a technician with a verifier still signs in offline', async () => {
    central.setFault({ mode: 'down' });
    try {
      await insertCard(LEGACY.card);
      await waitFor(() => expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', technicianId: LEGACY.id, entry: 'card' }));
      await core().api.maintenanceSubmitPin({ pin: LEGACY.pin });
      expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', offlineRefusal: 'legacyVerifier', attemptsLeft: 5 });
      expect(core().snapshot().maintenance?.signedIn ?? null).toBeNull();
      // Again: still refused, still not counted towards a lockout.
      await core().api.maintenanceSubmitPin({ pin: LEGACY.pin });
      expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', offlineRefusal: 'legacyVerifier', attemptsLeft: 5 });
      await core().api.maintenanceCancel({});
      await takeCard();
      await waitFor(() => expect(core().snapshot().appState).toEqual({ state: 'available' }));

      // The same list, the same outage: technician 1002's verifier of PIN and card lets them in.
      await insertCard(CURRENT.card);
      await waitFor(() => expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', technicianId: CURRENT.id }));
      await core().api.maintenanceSubmitPin({ pin: CURRENT.pin });
      expect(core().snapshot().maintenance).toMatchObject({ phase: 'on', signedIn: { technicianId: CURRENT.id, checkedBy: 'offline' } });
      await takeCard();
      await core().api.maintenanceLeave({});
      await waitFor(() => expect(core().snapshot().appState).toEqual({ state: 'available' }));
    } finally {
      central.setFault({ mode: 'none' });
    }
    expect(await pinFactsAtCentral()).toEqual(['1001 cannotCheck none', '1001 cannotCheck none', '1002 verified offline']);
    // Central never heard a PIN check for 1001: the outage meant no online check, and the legacy hash none offline.
    expect(await central.db.all('SELECT technician_id FROM technician_pin_checks WHERE kiosk_id = ?', [kioskId])).toEqual([]);
  }, 90_000);

  it('fetching the same list again (unchanged, or in a new configuration version) audits nothing more; a different legacy list is audited', async () => {
    const sync = running.sync!;
    expect(await sync.refreshConfigNow()).toMatchObject({ ok: true, value: { status: 'unchanged' } });
    // A new configuration version from central, its technician list the same.
    central.context.kioskConfig.update((body) => ({ ...body, session: { ...body.session, extensionsAllowed: body.session.extensionsAllowed - 1 } }));
    await inUse(central.context.kioskConfig.configVersion);
    expect(await refusalsAudited()).toHaveLength(1);

    // Central now serves technician 1002 in the old form too: a new list, audited once more.
    await asCentralBeforeCardSecrets([LEGACY.id, CURRENT.id]);
    await inUse(central.context.kioskConfig.configVersion);
    expect(await sync.refreshConfigNow()).toMatchObject({ ok: true, value: { status: 'unchanged' } });
    expect(await refusalsAudited()).toEqual([
      { actor: 'kiosk', detail: { reason: 'pinOnlyHash', technicianIds: [LEGACY.id] } },
      { actor: 'kiosk', detail: { reason: 'pinOnlyHash', technicianIds: [LEGACY.id, CURRENT.id] } },
    ]);
  }, 60_000);
});
