import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningCentral } from '../../../central/server';
import { telemetryPayloadSchema } from '../../../common/wire/telemetry';
import type { TelemetryPayload } from '../../../common/wire/telemetry';
import { startCore } from '../start';
import type { RunningCore } from '../start';
import { startTestCentral } from '../sync/testing/centralFixture';

/**
 * Maintenance mode through the demo core (lab over ptys) and the reference
 * central over mTLS, as `npm start` wires them: a technician card at the
 * attract screen, the PIN checked by central (and offline while central is
 * down), the lockout, the actions; every attempt and action reaches central
 * as telemetry, and central keeps its own record of each PIN check.
 */

const TECHNICIAN = { card: 'technician-1001', id: '1001', pin: '2468' };

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let running: RunningCore;
let dir = '';
let kioskId = '';

const core = () => running.core;
const lab = () => running.lab!;
const waitFor = <T>(check: () => T | Promise<T>, timeout = 20_000) => vi.waitFor(check, { timeout, interval: 25 });

/** A card pushed at the slot until the shutter (stripe cards only, between customers) takes it. */
async function insertTechnicianCard(): Promise<void> {
  await waitFor(async () => {
    const answer = await fetch(`${lab().controlUrl}/card/insert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: TECHNICIAN.card }) });
    expect(answer.status).toBe(200);
  });
}

async function takeCard(): Promise<void> {
  await waitFor(async () => {
    const answer = await fetch(`${lab().controlUrl}/card/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
  });
}

async function maintenanceAtCentral(): Promise<TelemetryPayload[]> {
  await waitFor(async () => {
    await running.sync!.drainNow();
    expect((await running.sync!.status()).queueDepth).toBe(0);
  });
  const rows = await central.db.all("SELECT payload_json FROM outbox_events WHERE kiosk_id = ? AND kind = 'telemetry' ORDER BY occurred_at, rowid", [kioskId]);
  return rows.map((r) => telemetryPayloadSchema.parse(JSON.parse(String(r['payload_json'])))).filter((p) => p.type.startsWith('maintenance.'));
}

const summary = (facts: TelemetryPayload[]) =>
  facts.map((f) => (f.type === 'maintenance.pin' ? `pin ${f.outcome} ${f.checkedBy}` : f.type === 'maintenance.action' ? `${f.action} ${f.result}` : f.type));

async function signOutIfIn(): Promise<void> {
  if (core().snapshot().maintenance?.phase === 'on') await core().api.maintenanceLeave({});
  else if (core().snapshot().maintenance) await core().api.maintenanceCancel({});
}

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral({ populationSize: 10 }));
  dir = await mkdtemp(join(tmpdir(), 'kiosk-maint-'));
  running = await startCore({
    overrides: { profile: 'demo', devices: { simulated: true }, central: { url: central.url, caFile: central.caCertPath }, store: { dataDir: join(dir, 'data') }, log: { level: 'warn' } },
    env: { KIOSK_ENROLMENT_CODE: await central.issueEnrolmentCode() },
  });
  kioskId = String((await central.db.get('SELECT kiosk_id FROM kiosks'))?.['kiosk_id']);
  await waitFor(() => expect(core().snapshot().services.find((s) => s.id === 'activate')?.available).toBe(true), 30_000);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await closeCentral?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('maintenance mode, kiosk core to central', () => {
  it('technician card, the right PIN (central), out of service and back, sign out: the kiosk is the public’s again, every step at central', async () => {
    await insertTechnicianCard();
    await waitFor(() => expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', technicianId: '1001', entry: 'card' }));
    expect(core().snapshot().appState).toEqual({ state: 'unavailable', reason: 'maintenance' });
    await expect(core().api.startSession({ trigger: 'touch' })).rejects.toMatchObject({ code: 'unavailable' });
    // The card stays in the slot while the PIN pad is open, and comes back once the PIN is right.
    expect(await running.devices.cardSlot.describe()).toMatchObject({ ok: true, value: { position: 'inside' } });
    await core().api.maintenanceSubmitPin({ pin: TECHNICIAN.pin });
    expect(core().snapshot().maintenance).toMatchObject({ phase: 'on', signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central' } });
    await takeCard();
    await core().api.maintenanceAction({ action: 'outOfService' });
    expect(core().snapshot().maintenance?.outOfService).toBe(true);
    expect(core().snapshot().appState).toEqual({ state: 'unavailable', reason: 'maintenance' });
    await core().api.maintenanceAction({ action: 'inService' });
    await core().api.maintenanceAction({ action: 'refreshConfig' });
    await core().api.maintenanceAction({ action: 'exportLogs' });
    expect(core().snapshot().maintenance?.lastAction).toMatchObject({ action: 'exportLogs', result: 'done' });
    await core().api.maintenanceLeave({});
    expect(core().snapshot().maintenance).toBeUndefined();
    await waitFor(() => expect(core().snapshot().appState).toEqual({ state: 'available' }));
    expect(summary(await maintenanceAtCentral())).toEqual([
      'pin verified central',
      'signedIn done',
      'outOfService done',
      'inService done',
      'refreshConfig done',
      'exportLogs done',
      'signedOut done',
    ]);
    const checks = await central.db.all('SELECT technician_id, outcome FROM technician_pin_checks WHERE kiosk_id = ?', [kioskId]);
    expect(checks).toEqual([{ technician_id: '1001', outcome: 'verified' }]);
  }, 90_000);

  it('central down: the PIN is checked with the card’s secret (track 3) against the verifier central pushed, and the overlay says so', async () => {
    central.setFault({ mode: 'down' });
    try {
      await insertTechnicianCard();
      await waitFor(() => expect(core().snapshot().maintenance?.phase).toBe('pin'));
      // The card is still in the slot: its secret is read after the PIN.
      await core().api.maintenanceSubmitPin({ pin: TECHNICIAN.pin });
      expect(core().snapshot().maintenance?.signedIn?.checkedBy).toBe('offline');
      await takeCard();
      await core().api.maintenanceLeave({});
    } finally {
      central.setFault({ mode: 'none' });
    }
    const facts = summary(await maintenanceAtCentral());
    expect(facts.slice(-3)).toEqual(['pin verified offline', 'signedIn done', 'signedOut done']);
  }, 90_000);

  it('central down, the service gesture (no card): needsCard, recorded as cannot check, nothing counted', async () => {
    central.setFault({ mode: 'down' });
    try {
      await waitFor(() => expect(core().snapshot().appState.state).toBe('available'));
      await core().api.maintenanceGesture({});
      await core().api.maintenanceSubmitPin({ pin: TECHNICIAN.pin, technicianId: TECHNICIAN.id });
      expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', offlineRefusal: 'needsCard', attemptsLeft: 5 });
      await core().api.maintenanceCancel({});
    } finally {
      central.setFault({ mode: 'none' });
    }
    const facts = summary(await maintenanceAtCentral());
    expect(facts.slice(-1)).toEqual(['pin cannotCheck none']);
  }, 90_000);

  it('five wrong PINs lock maintenance entry for 15 minutes; each one audited at the kiosk and at central', async () => {
    await signOutIfIn();
    await insertTechnicianCard();
    await waitFor(() => expect(core().snapshot().maintenance?.phase).toBe('pin'));
    for (let i = 1; i <= 4; i++) {
      await core().api.maintenanceSubmitPin({ pin: '0000' });
      expect(core().snapshot().maintenance).toMatchObject({ phase: 'pin', pinError: 'wrong', attemptsLeft: 5 - i });
    }
    const before = core().snapshot().now;
    await core().api.maintenanceSubmitPin({ pin: '0000' });
    const locked = core().snapshot().maintenance;
    expect(locked?.phase).toBe('locked');
    expect(locked!.lockedUntil! - before).toBeGreaterThanOrEqual(15 * 60_000);
    // Locked out: the card comes back.
    await takeCard();
    // Even the right PIN is not checked while locked.
    await core().api.maintenanceCancel({});
    await insertTechnicianCard();
    await waitFor(() => expect(core().snapshot().maintenance?.phase).toBe('locked'));
    await takeCard();
    await core().api.maintenanceCancel({});
    const facts = summary(await maintenanceAtCentral());
    expect(facts.slice(-6)).toEqual(['pin wrong central', 'pin wrong central', 'pin wrong central', 'pin wrong central', 'pin lockedOut central', 'pin refusedWhileLocked none']);
    const wrong = await central.db.all("SELECT COUNT(*) AS n FROM technician_pin_checks WHERE kiosk_id = ? AND outcome = 'wrong'", [kioskId]);
    expect(wrong[0]?.['n']).toBe(5);
  }, 90_000);
});
