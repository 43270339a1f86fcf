import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { connectKiosk, createMemoryChannelPair, devDockProcedureNames } from '../../contract';
import type { KioskApi } from '../../contract';
import { type Lab, startLab } from '../../../drivers/lab/lab';
import { resolveConfig } from '../config/load';
import { KioskCore } from '../kiosk';
import { SkippableClock } from '../skippableClock';
import { DevDockService } from './service';

const log = pino({ level: 'silent' });
const devices = { statuses: () => ({ fingerprint: 'online', cardSlot: 'online', magstripe: 'noDevice' }) as const };

/** A KioskCore with the dock wired as start.ts wires it, reached through the real contract. */
function kiosk(profile: 'demo' | 'production', dock: DevDockService | undefined): KioskApi {
  const config = resolveConfig([profile === 'production' ? { profile, store: { dataDir: '/var/lib/kiosk' } } : { profile }]);
  const core = new KioskCore({ config, logger: log, ...(dock ? { devDock: dock } : {}) });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  return connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined }).api;
}

/** One valid input per procedure, so a refusal can only come from the profile check. */
const validInputs = {
  devDockCatalogue: {},
  devDockState: {},
  devDockReadSms: { limit: 5 },
  devDockInsertCard: { cardId: 'nationalId-1000000008' },
  devDockTakeCard: {},
  devDockPlaceFinger: { which: 'enrolled', personId: '1000000008', finger: 'rightIndex' },
  devDockLiftFinger: {},
  devDockDeviceFault: { device: 'cardSlot', kind: 'unplug' },
  devDockCentralFault: { mode: 'down' },
  devDockSkipTime: { minutes: 1 },
  devDockAtmCatalogue: {},
  devDockAtmState: {},
  devDockAtmInsertCard: { cardId: 'bank-4847000000000679' },
  devDockAtmTakeCard: {},
  devDockAtmPressKeys: { keys: '1234 enter' },
  devDockAtmFault: { kind: 'bankDown' },
  devDockAtmHeadset: { plugged: true },
  devDockAtmResetPinTries: { cardId: 'bank-4847000000000679' },
  devDockRunBankActivations: {},
  devDockPrinterState: {},
  devDockPrinterReceipt: {},
  devDockPrinterFault: { kind: 'paperOut' },
} as const;

describe('dev dock procedures', () => {
  let lab: Lab;
  let dock: DevDockService;
  beforeAll(async () => {
    lab = await startLab();
    dock = new DevDockService({ lab, central: undefined, devices, log });
  });
  afterAll(async () => {
    dock.close();
    await lab.close();
  });

  it('are all refused under the production profile, and the lab is left alone', async () => {
    const api = kiosk('production', dock);
    const before = lab.state();
    for (const name of devDockProcedureNames) {
      const call = api[name] as (input: unknown) => Promise<unknown>;
      await expect(call(validInputs[name]), name).rejects.toMatchObject({ name: 'KioskError', code: 'not_allowed' });
    }
    expect(lab.state()).toEqual(before);
    expect((await dock.state()).lab?.cardSlot.heldCard).toBeNull();
  });

  it('are refused in a demo kiosk that runs neither a lab nor an embedded central', async () => {
    const api = kiosk('demo', undefined);
    await expect(api.devDockState({})).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('reach the lab in the demo profile, with inputs checked by the contract first', async () => {
    const api = kiosk('demo', dock);
    const catalogue = await api.devDockCatalogue({});
    expect(catalogue).toMatchObject({ hasLab: true, hasCentral: false });
    expect(catalogue.people).toHaveLength(lab.population.people.length);
    expect(catalogue.people[0]).toMatchObject({ idNumber: '1000000008', nameEn: 'Faisal Alharbi', username: 'Faisal1042', cards: [{ kind: 'nationalId', last4: '0008' }, { kind: 'bank' }] });
    expect(JSON.stringify(catalogue)).not.toMatch(/Kiosk2030demo|password|securityAnswer|"pin"/);
    expect(catalogue.technicianCards.map((c) => c.id)).toEqual(['technician-1001', 'technician-1002']);

    await expect(api.devDockInsertCard({ cardId: '../../etc/passwd' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(api.devDockPlaceFinger({ which: 'enrolled', personId: '1000000008', finger: 'sixthFinger' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    const held = await api.devDockInsertCard({ cardId: 'nationalId-1000000008' });
    expect(held).toMatchObject({ ok: true, done: 'heldAtSlot' });
    expect(await api.devDockTakeCard({})).toMatchObject({ ok: true, done: 'takenBack' });
    expect(await api.devDockCentralFault({ mode: 'down' })).toMatchObject({ ok: false, refusal: 'noCentral', state: { central: null } });
    await expect(api.devDockReadSms({ limit: 5 })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('skip the kiosk\'s clock and central\'s ahead together, and the renderer hears the new time at once', async () => {
    const clock = new SkippableClock();
    let centralSkipped = 0;
    const bound: { core?: KioskCore } = {};
    const timed = new DevDockService({ lab, central: undefined, devices, log, time: { skip: (ms) => (clock.skip(ms), (centralSkipped += ms), bound.core?.clockSkipped()) } });
    const core = (bound.core = new KioskCore({ config: resolveConfig([{ profile: 'demo' }]), logger: log, devDock: timed, clock }));
    const [coreEnd, rendererEnd] = createMemoryChannelPair();
    core.connect(coreEnd);
    const heard: number[] = [];
    const { api } = connectKiosk(rendererEnd, { snapshot: (s) => heard.push(s.now), sessionEnded: () => undefined, reloadRequested: () => undefined });
    const before = (await api.getSnapshot({})).now;
    expect(await api.devDockSkipTime({ minutes: 5 })).toMatchObject({ ok: true, done: 'timeSkipped' });
    expect(centralSkipped).toBe(300_000);
    expect((await api.getSnapshot({})).now - before).toBeGreaterThanOrEqual(300_000);
    await expect.poll(() => heard.at(-1)! - before).toBeGreaterThanOrEqual(300_000);
    for (const minutes of [0, 61, 1.5, -1]) await expect(api.devDockSkipTime({ minutes })).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(clock.skippedMs, 'a refused skip moves nothing').toBe(300_000);
    timed.close();
  });

  it('a dock without the demo clocks says skipping is not applicable here', async () => {
    const api = kiosk('demo', dock);
    expect(await api.devDockSkipTime({ minutes: 1 })).toMatchObject({ ok: false, refusal: 'noClock' });
  });
});
