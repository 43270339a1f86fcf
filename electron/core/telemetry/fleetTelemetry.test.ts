import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { RunningCentral } from '../../../central/server';
import { fleetViewSchema, kioskLogSchema, telemetryPayloadSchema } from '../../../common/wire/telemetry';
import type { FleetView, TelemetryPayload } from '../../../common/wire/telemetry';
import { fingerLabel, parseFingerName } from '../../../drivers/lab/fingerNames';
import type { JourneyEvent } from '../../contract';
import { startCore } from '../start';
import type { RunningCore } from '../start';
import { auditHead } from '../store/auditLog';
import { openKioskData } from '../sync';
import { startTestCentral } from '../sync/testing/centralFixture';

/**
 * Fleet telemetry end to end: the demo core (simulated lab over ptys) against
 * the reference central, as `npm start` wires them. Two people at the kiosk:
 * the first inserts her ID card, a wrong finger does not match, the card slot
 * loses power and she walks away (her card stays in the slot); the slot comes
 * back, the next person's journey puts the left card in the retain bin and
 * activates his account. Central must then hold exactly those facts, once
 * each, and nothing that names either person.
 */

const abeer = { idNumber: '1584094989', username: 'Abeer1539', card: 'nationalId-1584094989' };
const rafiq = { idNumber: '2024169852', card: 'iqama-2024169852' };
const latifa = { idNumber: '1225028834' };

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let running: RunningCore;
let dir = '';
let kioskId = '';
let tls: Agent;
const logs: string[] = [];

const core = () => running.core;
const lab = () => {
  if (!running.lab) throw new Error('the demo core runs no lab');
  return running.lab;
};

async function labPost(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${lab().controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(answer.status, `${path} ${await answer.clone().text()}`).toBe(200);
}

async function centralGet<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  const answer = await fetch(`${central.url}${path}`, { dispatcher: tls });
  expect(answer.status, path).toBe(200);
  return schema.parse(await answer.json());
}

const waitFor = <T>(check: () => T | Promise<T>, timeout = 20_000) => vi.waitFor(check, { timeout, interval: 25 });

async function reach(step: string): Promise<void> {
  await waitFor(() => {
    const journey = core().snapshot().journey;
    expect(`${journey?.step ?? 'none'}${journey?.busy ? ' (busy)' : ''}`).toBe(step);
  });
}

const send = (event: JourneyEvent) => core().api.journeyEvent(event);

async function insertCard(card: string): Promise<void> {
  // Between customers the shutter admits technician (stripe) cards only: an ID card waits for the journey's.
  await waitFor(() => expect(lab().cardSlot.simulator.entryMode).toBe('anyCard'));
  await labPost('/card/insert', { card });
}

/** Puts this person's first enrolled finger on the glass once the screen asks for one. */
async function placeFinger(idNumber: string): Promise<void> {
  await waitFor(() => expect(core().snapshot().journey?.data.guidance).toBe('placeFinger'));
  const finger = parseFingerName(lab().people.find((p) => p.idNumber === idNumber)?.fingers[0] ?? 'right-index');
  if (!finger) throw new Error('no finger');
  await labPost('/fingerprint/place', { person: idNumber, finger: fingerLabel(finger) });
}

async function telemetryAtCentral(): Promise<{ txId: string; payload: TelemetryPayload }[]> {
  const rows = await central.db.all("SELECT tx_id, payload_json FROM outbox_events WHERE kiosk_id = ? AND kind = 'telemetry' ORDER BY occurred_at, rowid", [kioskId]);
  return rows.map((r) => ({ txId: String(r['tx_id']), payload: telemetryPayloadSchema.parse(JSON.parse(String(r['payload_json']))) }));
}

/** Sends everything the kiosk has recorded and waits until its outbox is empty. */
async function drained(): Promise<void> {
  const sync = running.sync;
  if (!sync) throw new Error('sync is not running');
  await waitFor(async () => {
    await sync.drainNow();
    expect((await sync.status()).queueDepth).toBe(0);
  });
}

const kioskFleet = async (): Promise<FleetView['kiosks'][number]> => {
  const fleet = await centralGet('/dev/fleet', fleetViewSchema);
  const mine = fleet.kiosks.find((k) => k.kioskId === kioskId);
  if (!mine) throw new Error('the kiosk is not in the fleet view');
  return mine;
};

/** What names either person: ID numbers, names in both scripts, mobiles in every spelling, usernames. */
async function traces(): Promise<string[]> {
  const out: string[] = [abeer.username];
  for (const { idNumber } of [abeer, rafiq, latifa]) {
    const person = await central.db.get('SELECT name_ar, name_en, mobile FROM persons WHERE id_number = ?', [idNumber]);
    const account = await central.db.get('SELECT username, mobile FROM accounts WHERE id_number = ?', [idNumber]);
    out.push(idNumber);
    for (const value of [person?.['name_ar'], person?.['name_en'], person?.['mobile'], account?.['username'], account?.['mobile']]) {
      if (typeof value !== 'string' || !value) continue;
      out.push(value);
      // A mobile also as 05XXXXXXXX and as its nine national digits.
      if (value.startsWith('+966')) out.push(`0${value.slice(4)}`, value.slice(4));
      // Each part of a name on its own, too (the first name is what a screen greets with).
      for (const part of value.split(/\s+/)) if (part.length >= 3 && !value.startsWith('+')) out.push(part);
    }
  }
  return [...new Set(out)];
}

function expectNoTraces(where: string, text: string, names: readonly string[]): void {
  for (const trace of names) expect(text.includes(trace), `${where} holds “${trace}”`).toBe(false);
}

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral({ populationSize: 60 }));
  tls = new Agent({ connect: { ca: central.caCertPem } });
  dir = await mkdtemp(join(tmpdir(), 'kiosk-fleet-'));
  running = await startCore({
    overrides: {
      profile: 'demo',
      devices: { simulated: true },
      central: { url: central.url, caFile: central.caCertPath },
      store: { dataDir: join(dir, 'data') },
      log: { level: 'info' },
    },
    logDestination: new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) }),
    env: { KIOSK_ENROLMENT_CODE: await central.issueEnrolmentCode() },
  });
  const row = await central.db.get('SELECT kiosk_id FROM kiosks');
  kioskId = String(row?.['kiosk_id']);
  // The kiosk serves once its devices are up and central has answered.
  await waitFor(() => expect(core().snapshot().services.find((s) => s.id === 'activate')?.available).toBe(true), 30_000);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await tls?.close();
  await closeCentral?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('fleet telemetry, kiosk core to central', () => {
  it('two sessions, a failed match, a slot that lost power and a retained card reach central once each, with no trace of anyone', async () => {
    // The first person: English, large text, her ID card, a finger that is not hers.
    await core().api.startSession({ trigger: 'touch' });
    await core().api.setLanguage({ language: 'en' });
    await core().api.setAccessibility({ largeText: true });
    await core().api.startJourney({ service: 'activate' });
    await send({ type: 'USE_CARD' });
    await insertCard(abeer.card);
    await placeFinger(latifa.idNumber);
    await reach('activate.fingerprint.failed');
    expect(core().snapshot().journey?.error?.code).toBe('fingerprint_no_match');
    await labPost('/fingerprint/lift', {});
    // The slot loses power with her card inside; she walks away.
    await labPost('/fault', { device: 'cardSlot', kind: 'unplug' });
    await waitFor(() => expect(core().snapshot().devices.cardSlot).toBe('offline'));
    await core().api.endSession({ reason: 'cancel' });
    await labPost('/fault', { device: 'cardSlot', kind: 'replug' });
    await waitFor(() => expect(core().snapshot().devices.cardSlot).toBe('online'));
    expect(lab().state().cardSlot.card).toMatchObject({ id: abeer.card, at: 'inside' });

    // The next person: her card goes to the bin before his is read; his account is activated.
    await core().api.startSession({ trigger: 'touch' });
    await core().api.startJourney({ service: 'activate' });
    await send({ type: 'USE_CARD' });
    await insertCard(rafiq.card);
    expect(lab().state().cardSlot.retainedCards).toContain(abeer.card);
    await placeFinger(rafiq.idNumber);
    await reach('activate.terms');
    await labPost('/fingerprint/lift', {});
    await send({ type: 'ACCEPT_TERMS' });
    await send({ type: 'CONFIRM_ACTIVATION' });
    await reach('activate.code.entry');
    const mobile = String((await central.db.get('SELECT mobile FROM accounts WHERE id_number = ?', [rafiq.idNumber]))?.['mobile']);
    const code = String((await central.db.get('SELECT code FROM sms_outbox WHERE to_mobile = ? AND code IS NOT NULL ORDER BY id DESC LIMIT 1', [mobile]))?.['code']);
    await send({ type: 'SUBMIT_CODE', code });
    await waitFor(() => expect(lab().state().cardSlot.card?.at).toBe('gate'));
    await labPost('/card/take', {});
    await reach('activate.activated.finished');
    await core().api.endSession({ reason: 'completed' });

    // What the kiosk holds before it all leaves: every outbox payload, decrypted.
    const names = await traces();
    expect(names).toEqual(expect.arrayContaining([abeer.idNumber, rafiq.idNumber, latifa.idNumber, abeer.username, 'Abeer', 'Latifa']));
    await waitFor(async () => {
      const actions = await running.data.store.read((tx) => tx.all(z.object({ action: z.string() }), "SELECT action FROM audit_log WHERE action LIKE 'telemetry.%'"));
      expect(actions).toHaveLength(6);
    });
    const pending = await running.data.outbox.due({ maxEvents: 1_000, maxBytes: 1e9 });
    expectNoTraces('the kiosk outbox', JSON.stringify(pending), names);
    await drained();

    const events = await telemetryAtCentral();
    expect(events.map((e) => e.payload.type).sort()).toEqual(['card.retained', 'device.fault', 'device.recovered', 'fingerprint.matchFailed', 'session.ended', 'session.ended']);
    expect(new Set(events.map((e) => e.txId)).size).toBe(events.length);
    const of = <T extends TelemetryPayload['type']>(type: T) => events.filter((e) => e.payload.type === type).map((e) => e.payload as Extract<TelemetryPayload, { type: T }>);

    const [first, second] = of('session.ended');
    expect(first).toMatchObject({
      mode: 'government',
      service: 'activate',
      result: 'abandoned',
      endReason: 'cancel',
      step: 'activate.fingerprint.failed',
      errorCode: 'fingerprint_no_match',
      language: 'en',
      languagesUsed: ['ar', 'en'],
      accessibility: ['largeText'],
      journeys: 1,
      visitor: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(second).toMatchObject({ service: 'activate', result: 'completed', endReason: 'completed', step: 'activate.activated.finished', errorCode: null, language: 'ar', accessibility: [] });
    expect(second?.visitor, 'two people, two visitors').not.toBe(first?.visitor);
    expect(first?.durationMs).toBeGreaterThan(0);
    expect(of('card.retained')).toEqual([expect.objectContaining({ device: 'cardSlot', reason: 'leftBehind', binCount: 1 })]);
    expect(of('fingerprint.matchFailed')).toEqual([expect.objectContaining({ failuresThisSession: 1, attemptsRemaining: 2, exhausted: false, quality: expect.any(Number) })]);
    expect(of('device.fault')).toEqual([expect.objectContaining({ device: 'cardSlot', status: 'offline' })]);
    expect(of('device.recovered')).toEqual([expect.objectContaining({ device: 'cardSlot', faultStatus: 'offline' })]);

    // The fleet view says the same.
    await running.sync?.heartbeatNow();
    const head = await running.data.store.read((tx) => auditHead(tx));
    const fleet = await kioskFleet();
    expect(fleet).toMatchObject({
      appState: 'available',
      retainBin: { count: 1 },
      openFaults: [],
      audit: { head, problem: null },
      sessionsToday: [
        { service: 'activate', result: 'abandoned', count: 1 },
        { service: 'activate', result: 'completed', count: 1 },
      ],
    });
    expect(fleet.devices).toEqual(expect.arrayContaining([{ device: 'cardSlot', status: 'online' }, { device: 'fingerprint', status: 'online' }]));
    expect(fleet.lastHeartbeatAt).not.toBeNull();

    // Nothing at central that telemetry wrote names anyone, nor does the fleet view.
    for (const table of ['outbox_events', 'audit_links', 'kiosks', 'commands', 'kiosk_logs']) {
      expectNoTraces(`central ${table}`, JSON.stringify(await central.db.all(`SELECT * FROM ${table}`)), names);
    }
    expectNoTraces('the fleet view', JSON.stringify(fleet), names);

    // The reference central's dev page shows the same fleet to the people running the demo.
    const page = await (await fetch(`${central.url}/dev`, { dispatcher: tls })).text();
    expect(page).toContain('<h2>Fleet</h2>');
    expect(page).toContain(kioskId);
    expect(page).toContain('activate · completed: 1');
    expect(page).toContain('activate · abandoned: 1');
  }, 120_000);

  it('uploadLogs from central lands the kiosk’s log at central, with no trace of anyone', async () => {
    const names = await traces();
    const command = await central.queueCommand(kioskId, 'uploadLogs');
    await running.sync?.heartbeatNow();
    await waitFor(async () => expect((await central.db.get('SELECT outcome FROM commands WHERE command_id = ?', [command?.id ?? '']))?.['outcome']).toBe('done'));
    const log = await centralGet(`/dev/kiosks/${kioskId}/logs`, kioskLogSchema);
    expect(log.complete).toBe(true);
    // It is the kiosk's own log: the journeys and sessions above are in it.
    expect(log.text).toContain('"event":"journey.step"');
    expect(log.text).toContain('"event":"session.ended"');
    for (const line of log.text.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expectNoTraces('the uploaded log', log.text, names);
    await drained();
    const uploads = (await telemetryAtCentral()).filter((e) => e.payload.type === 'logs.uploaded');
    expect(uploads).toEqual([expect.objectContaining({ payload: expect.objectContaining({ uploadId: log.uploadId, bytes: Buffer.byteLength(log.text) }) })]);
    expect((await kioskFleet()).lastLogUpload).toMatchObject({ uploadId: log.uploadId });
  }, 60_000);

  it('a truncated audit log is noticed by central from the next heartbeat, and stays flagged', async () => {
    await running.sync?.heartbeatNow();
    expect((await kioskFleet()).audit.problem).toBeNull();
    const before = await running.data.store.read((tx) => auditHead(tx));
    // Someone with the file drops the append-only trigger and cuts off the newest entries.
    await running.data.store.raw(async (c) => {
      await c.run('DROP TRIGGER audit_log_no_delete');
      await c.run('DELETE FROM audit_log WHERE seq > ?', [before.seq - 3]);
    });
    await running.sync?.heartbeatNow();
    const fleet = await kioskFleet();
    expect(fleet.audit).toMatchObject({ problem: 'truncated', head: { seq: before.seq - 3 } });
    await running.sync?.heartbeatNow();
    expect((await kioskFleet()).audit.problem).toBe('truncated');
  }, 60_000);

  it('a clean shutdown closes the devices without reporting them as faults', async () => {
    const { config } = running;
    const faultsBefore = await running.data.store.read((tx) => tx.all(z.object({ seq: z.number() }), "SELECT seq FROM audit_log WHERE action = 'telemetry.device.fault'"));
    await running.stop();
    const reopened = await openKioskData({ config, dataDir: join(dir, 'data'), env: {} });
    if (!reopened.ok) throw new Error(`store: ${reopened.error.type}`);
    try {
      const faults = await reopened.value.store.read((tx) => tx.all(z.object({ seq: z.number() }), "SELECT seq FROM audit_log WHERE action = 'telemetry.device.fault'"));
      expect(faults).toEqual(faultsBefore);
    } finally {
      await reopened.value.store.close();
    }
  }, 60_000);
});
