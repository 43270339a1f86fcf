import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoBankCustomers } from '../../drivers/bankHost/customers';
import { journeyStates } from './journeys/stateList';
import { blankRaster } from '../../drivers/printer/raster';
import { startCore } from './start';
import { readCounters } from './store/deviceCounters';
import type { RunningCore } from './start';

/**
 * The demo core as `npm start` runs it (simulated lab, embedded central),
 * for what only start-up wires: the journey-state trace the e2e coverage
 * report reads.
 */

let running: RunningCore | undefined;
let dir = '';

afterEach(async () => {
  await running?.stop();
  running = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function demoCore(env: NodeJS.ProcessEnv): Promise<RunningCore> {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-start-'));
  running = await startCore({
    overrides: { profile: 'demo', devices: { simulated: true }, central: { embedded: true }, log: { level: 'silent' }, store: { dataDir: join(dir, 'data') } },
    env,
  });
  return running;
}

describe('startCore, demo', () => {
  it('KIOSK_JOURNEY_TRACE gets each journey state entered, once, names only', async () => {
    const trace = join(await mkdtemp(join(tmpdir(), 'kiosk-trace-')), 'states.txt');
    const { core } = await demoCore({ KIOSK_JOURNEY_TRACE: trace });
    // The kiosk serves people once its devices are up.
    await vi.waitFor(() => core.api.startSession({ trigger: 'touch' }), { timeout: 15_000, interval: 100 });
    // The lab's receipt printer is the demo's own: online like the other devices.
    await vi.waitFor(() => expect(core.snapshot().devices.printer).toBe('online'), { timeout: 15_000, interval: 100 });
    // The journeys are offered once central has answered.
    await vi.waitFor(() => core.api.startJourney({ service: 'signIn' }), { timeout: 15_000, interval: 100 });
    await core.api.cancelJourney({});
    await core.api.startJourney({ service: 'signIn' });
    const lines = (await readFile(trace, 'utf8')).trim().split('\n');
    expect(lines).toContain('signIn.credentials');
    expect(new Set(lines).size, 'each state once').toBe(lines.length);
    const known = new Set(journeyStates('signIn'));
    for (const line of lines) expect(known.has(line), `${line} is a state name`).toBe(true);
    await rm(trace, { force: true });
  }, 30_000);

  it('the printer’s events go to device_counters once each: the paper running out, then a receipt printed', async () => {
    const { core, lab, data, devices } = await demoCore({});
    await vi.waitFor(() => expect(core.snapshot().devices.printer).toBe('online'), { timeout: 15_000, interval: 50 });
    const counts = async () => Object.fromEntries((await data.store.read((tx) => readCounters(tx))).filter((row) => row.device === 'printer').map((row) => [row.counter, row.value]));
    lab?.printer.setPaper({ paper: 'out' });
    await vi.waitFor(() => expect(core.snapshot().devices.printer).toBe('hardwareError'), { timeout: 15_000, interval: 50 });
    await vi.waitFor(async () => expect(await counts()).toEqual({ paperOutEvents: 1 }), { timeout: 5_000, interval: 50 });
    lab?.printer.setPaper({ paper: 'ok' });
    await vi.waitFor(() => expect(core.snapshot().devices.printer).toBe('online'), { timeout: 15_000, interval: 50 });
    expect(await devices.printer.print(blankRaster(devices.printer.widthDots, 16))).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await counts()).toEqual({ paperOutEvents: 1, receiptsPrinted: 1 }), { timeout: 5_000, interval: 50 });
  }, 40_000);

  it('stops once however often it is asked: a second signal during shutdown is no crash (the database is closed once)', async () => {
    const core = await demoCore({});
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const first = core.stop();
      const second = core.stop();
      expect(second).toBe(first);
      await expect(Promise.all([first, second])).resolves.toBeDefined();
      await expect(core.stop()).resolves.toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 30_000);
});

describe('startCore, demo in ATM mode', () => {
  it('runs the lab with its ATM station and a bank host, reports the ATM’s devices, and a card inserted starts the session and the ATM journey', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-start-atm-'));
    const trace = join(dir, 'states.txt');
    // What `npm start -- --mode=atm` runs: the lab (with its ATM station), the embedded central, the dev dock.
    running = await startCore({
      overrides: {
        profile: 'demo',
        mode: 'atm',
        atm: { simulated: true },
        devices: { simulated: true },
        central: { embedded: true },
        log: { level: 'silent' },
        store: { dataDir: join(dir, 'data') },
      },
      env: { KIOSK_JOURNEY_TRACE: trace },
    });
    const { core, atmStation, lab } = running;
    expect(atmStation, 'one ATM station: the lab’s').toBe(lab?.atm);
    expect(atmStation?.publisherUrl).toMatch(/^ws:\/\/127\.0\.0\.1:58(4[6-9]|5[0-6])\/xfs4iot\/v1\.0\/$/);
    await vi.waitFor(() => expect(core.snapshot().services.filter((s) => s.available).map((s) => s.id)).toEqual(['atmActivate', 'atmStatus']), { timeout: 15_000, interval: 100 });
    // The kiosk's own fingerprint reader and card slot are not fitted at an ATM, though the lab simulates them.
    expect(core.snapshot()).toMatchObject({ mode: 'atm', devices: { fingerprint: 'noDevice', cardSlot: 'online', pinPad: 'online', printer: 'online' }, atmJourney: null, journey: null });
    await expect(core.api.startJourney({ service: 'activate' })).rejects.toMatchObject({ code: 'not_allowed' });

    // The dev dock drives the same station: its card list, a card in.
    const customer = demoBankCustomers().find((c) => c.nationalIdNumber === '1584094989')!;
    const cardId = `bank-${customer.pan}`;
    const catalogue = await core.api.devDockAtmCatalogue({});
    expect(catalogue.hasAtm).toBe(true);
    expect(catalogue.cards.map((c) => c.id)).toContain(cardId);
    await vi.waitFor(() => expect(atmStation!.control.state().reader.accepting).toBe(true), { timeout: 5_000, interval: 20 });
    await expect(core.api.devDockAtmInsertCard({ cardId })).resolves.toMatchObject({ ok: true, done: 'inserted' });
    await vi.waitFor(() => expect(core.snapshot().atmJourney?.step).toBe('atm.pin.entry'), { timeout: 5_000, interval: 20 });
    expect(core.snapshot().session).not.toBeNull();
    await expect(core.api.startJourney({ service: 'signIn' })).rejects.toMatchObject({ code: 'not_allowed' });
    await vi.waitFor(() => expect(atmStation!.control.state().keyboard.entry).toBe('pin'), { timeout: 5_000, interval: 20 });
    await expect(core.api.devDockAtmPressKeys({ keys: `${customer.pin} enter` })).resolves.toMatchObject({ ok: true, accepted: customer.pin.length + 1 });
    await vi.waitFor(() => expect(core.snapshot().atmJourney?.step).toBe('atm.menu'), { timeout: 5_000, interval: 20 });
    await core.api.cancelJourney({});
    await vi.waitFor(() => expect(atmStation!.control.state().reader.position).toBe('atExit'), { timeout: 5_000, interval: 20 });
    expect(atmStation!.control.takeCard().ok).toBe(true);
    await vi.waitFor(() => expect(core.snapshot().atmJourney).toMatchObject({ step: 'atm.cancelled.finished', data: { card: 'taken' } }), { timeout: 5_000, interval: 20 });
    expect(atmStation!.control.state().bank.decisions[0]).toMatchObject({ outcome: 'approved', panLast4: customer.pan.slice(-4) });
    const lines = (await readFile(trace, 'utf8')).trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining(['atm.card', 'atm.pin.entry', 'atm.authorising', 'atm.menu', 'atm.cancelled.returningCard', 'atm.cancelled.finished']));
  }, 30_000);

  it('a simulated ATM without the rest of the lab is the same station, on its own', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-start-atm-'));
    running = await startCore({
      overrides: { profile: 'demo', mode: 'atm', atm: { simulated: true }, log: { level: 'silent' }, store: { dataDir: join(dir, 'data') } },
      env: {},
    });
    expect(running.lab).toBeUndefined();
    expect(running.atmStation?.control.cards().cards.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(running!.core.snapshot().devices).toMatchObject({ cardSlot: 'online', pinPad: 'online' }), { timeout: 15_000, interval: 100 });
  }, 30_000);
});
