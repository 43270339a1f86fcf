import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../common/result';
import { systemClock } from '../../../common/time';
import { resolveConfig } from '../config/load';
import { eventually, insertWhenOpen, type LabRig, startLabRig } from '../devices/testing/labRig';
import { KioskCore } from '../kiosk';
import type { SyncService } from '../sync';
import type { WatchedCardSlot } from './cardWatch';
import { startMaintenance } from './index';

/**
 * "Take your card" (issue 13): the technician card, held in the lab's card
 * slot (real reader protocol over a pty) while the PIN pad is open, comes
 * back when the pad closes — after sign-in or on leaving — and the kiosk's
 * snapshot says "take your card" in the technician's language until the slot
 * reports it taken; left there past the take time it is retained as any card
 * is (the slot's retain report, which the kiosk audits as `card.retained`).
 * Central's PIN check is a stand-in answering for the lab's technician.
 */

const TECHNICIAN = { card: 'technician-1001', id: '1001', pin: '2468' };
/** The slot's take time, short for the test (the configuration's minimum). */
const TAKE_MS = 1_000;

let rig: LabRig | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await rig?.close();
  rig = undefined;
  stop = undefined;
});

async function setUp() {
  const r = (rig = await startLabRig());
  const slot = r.devices.cardSlot;
  await eventually(() => slot.status === 'online', 'the card slot online');
  const retained: string[] = [];
  slot.onRetained((reason) => retained.push(reason));
  const core = new KioskCore({ config: resolveConfig([{ profile: 'demo' }]), logger: pino({ level: 'silent' }) });
  // The real slot, its take time shortened as the configuration can (takeTimeoutMs).
  const watched: WatchedCardSlot = {
    describe: () => slot.describe(),
    waitForCard: (request) => slot.waitForCard(request),
    readIdentity: (request) => slot.readIdentity(request),
    readTechnicianSecret: (request) => slot.readTechnicianSecret(request),
    returnCard: (request) => slot.returnCard({ ...request, takeTimeoutMs: TAKE_MS }),
    takeTimeoutMs: () => TAKE_MS,
  };
  const central = {
    reachable: true,
    verifyTechnicianPin: async (technicianId: string, pin: string) =>
      pin === TECHNICIAN.pin ? ok({ technicianId, name: 'Technician One', verified: true }) : err({ type: 'http', status: 401 }),
    freshHeartbeat: async () => undefined,
  } as unknown as SyncService;
  const maintenance = startMaintenance({
    core,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    record: async () => undefined,
    cardSlot: watched,
    settled: async () => undefined,
    sync: () => central,
    uploadLogs: async () => ok(),
  });
  stop = () => maintenance.stop();
  // Started after maintenance is attached, as start.ts does: the card watch begins with the kiosk.
  core.markStarted();
  return { r, core, desk: maintenance.desk, retained };
}

const cardAt = (r: LabRig) => r.lab.state().cardSlot.card?.at ?? 'none';

describe('the technician card handed back', () => {
  it('after sign-in: "take your card" in the technician’s language until it is taken, then gone', async () => {
    const { r, core, desk, retained } = await setUp();
    await insertWhenOpen(r, TECHNICIAN.card);
    await eventually(() => desk.view()?.phase === 'pin', 'the PIN pad opens');
    expect(core.snapshot().maintenanceCard, 'the card stays in while the pad is open').toBeUndefined();
    desk.setLanguage('en');
    await desk.submitPin(TECHNICIAN.pin, undefined);
    expect(desk.view()?.phase).toBe('on');
    await eventually(() => core.snapshot().maintenanceCard != null, 'take your card');
    const since = core.snapshot().maintenanceCard?.since ?? 0;
    expect(core.snapshot().maintenanceCard).toEqual({ language: 'en', retainAfterMs: TAKE_MS, since: expect.any(Number) });
    expect(Math.abs(since - Date.now())).toBeLessThan(5_000);
    expect(core.snapshot().maintenance).toMatchObject({ phase: 'on' });
    await eventually(() => cardAt(r) !== 'inside', 'the card at the gate');
    const taken = await r.control('/card/take', {});
    expect(taken.status).toBe(200);
    await eventually(() => core.snapshot().maintenanceCard === undefined, 'the prompt goes once the card is taken');
    expect(core.snapshot().maintenance).toMatchObject({ phase: 'on' });
    expect(retained).toEqual([]);
    expect(r.lab.state().cardSlot.retainedCards).toEqual([]);
  });

  it('on leaving the PIN pad: the prompt outlives maintenance; not taken, the card is retained as any card (retain reported, notTaken) and the prompt goes', async () => {
    const { r, core, desk, retained } = await setUp();
    await insertWhenOpen(r, TECHNICIAN.card);
    await eventually(() => desk.view()?.phase === 'pin', 'the PIN pad opens');
    desk.cancel();
    expect(core.snapshot().maintenance).toBeUndefined();
    await eventually(() => core.snapshot().maintenanceCard != null, 'take your card, with maintenance over');
    expect(core.snapshot().maintenanceCard).toMatchObject({ language: 'ar', retainAfterMs: TAKE_MS });
    await eventually(() => retained.length > 0, 'retained after the take time', 200);
    expect(retained).toEqual(['notTaken']);
    expect(r.lab.state().cardSlot.retainedCards).toEqual([TECHNICIAN.card]);
    await eventually(() => core.snapshot().maintenanceCard === undefined, 'the prompt goes');
  });
});
