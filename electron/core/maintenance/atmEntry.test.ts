import pino from 'pino';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pinFromTechnicianBlock } from '../../../central/technicians/pinBlockKey';
import { DEMO_TECHNICIAN_PIN_KEY_HEX } from '../../../common/demo/technicianPinKey';
import { ok } from '../../../common/result';
import { technicianCardNumber } from '../../../common/rules/technicianCard';
import type { OfflineTechnician } from '../../../common/wire/technicians';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import { demoEncipherPin } from '../../../drivers/lab/atmStation';
import { type AtmRig, connectDevices, openAtm } from '../../../drivers/xfs4iot/testing/atmRig';
import type { MaintenanceView } from '../../contract';
import { createBankClient } from '../atm/bankClient';
import type { BankCardRead } from '../atm/ports';
import { AtmService } from '../atm/service';
import { eventually } from '../devices/testing/labRig';
import { ManualClock } from '../sync/testing/manualClock';
import { AtmTechnicianEntry } from './atmEntry';
import type { CentralPinCheck } from './centralPin';
import { MaintenanceDesk } from './desk';
import type { TechnicianPin } from './pinCheck';
import { standalone } from '../../../common/testing/standalone';

/**
 * Maintenance entered at an ATM: the technician's card read by the ATM's
 * reader (recognised by central's list, not by its digits' look), the PIN on
 * the lab's EPP (real XFS4IoT, real ISO 9564 format 4 under the demo
 * technician key), checked by what central does with the block.
 */

const PIN = '975318';
const TECHNICIANS: OfflineTechnician[] = [{ technicianId: '1001', name: 'Technician One', offlineVerifier: null }];
const KEY = Uint8Array.from(Buffer.from(DEMO_TECHNICIAN_PIN_KEY_HEX, 'hex'));
const cardOf = (pan: string): BankCardRead => ({ ok: true, card: { pan, expiry: '9912' } });

let rig: AtmRig;
let service: AtmService;
let lines: string[];

beforeEach(async () => {
  rig = await openAtm({ simulator: { encipherPin: demoEncipherPin } });
  lines = [];
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  service = new AtmService({
    connect: async () => ok(await connectDevices(rig)),
    bank: createBankClient({ url: 'http://127.0.0.1:9' }),
    settings: { pinBlockFormat: 'iso4', pinLength: { min: 4, max: 6 }, takeTimeoutMs: 30_000 },
    log: pino({ level: 'debug' }, sink),
  });
  service.start();
  await service.connected();
});
afterEach(async () => {
  await service.stop();
  await rig.close();
});

function setUp(options: { central?: 'up' | 'down'; customer?: boolean } = {}) {
  const state = { central: options.central ?? 'up', customer: options.customer ?? false, blocks: [] as TechnicianPin[], views: [] as (MaintenanceView | null)[] };
  const facts: TelemetryFact[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
  let entry: AtmTechnicianEntry | null = null;
  const desk: MaintenanceDesk = new MaintenanceDesk({
    clock: new ManualClock(),
    log,
    inCustomerSession: () => state.customer,
    isOutOfService: () => false,
    setTakenOver: () => undefined,
    checkWithCentral: async (technicianId, pin): Promise<CentralPinCheck> => {
      state.blocks.push(pin);
      if (state.central === 'down') return { outcome: 'unreachable' };
      // Central's own deciphering, under its copy of the technician key, with the card number it issued.
      const typed = typeof pin === 'string' ? null : pinFromTechnicianBlock(pin.eppBlock, technicianCardNumber(technicianId)!, KEY);
      return typed === PIN ? { outcome: 'verified', name: 'Technician One' } : { outcome: 'wrong' };
    },
    offlineCheck: async (_id, pin) => (typeof pin === 'string' ? { outcome: 'wrong' } : { outcome: 'cannotCheck' }),
    record: async (fact) => void facts.push(fact),
    act: async () => ok(),
    recheck: () => undefined,
    onChange: () => {
      entry?.follow();
      state.views.push(desk.view());
    },
    pinOnEpp: { eppEntry: () => entry?.view() ?? null },
  });
  entry = new AtmTechnicianEntry({ desk: () => desk, pad: service.technicianPinPad(), technicians: () => TECHNICIANS, log, onChange: () => state.views.push(desk.view()) });
  const journey: BankCardRead[] = [];
  const door = entry.door((read) => (journey.push(read), true));
  return { desk, entry, state, facts, door, journey };
}

const press = (keys: string) => rig.atm.control.pressKeys(keys);

describe('a technician card at the ATM', () => {
  it('is recognised only when its number is one central issued to a technician it lists; every other card goes on to the journey', () => {
    const { desk, door, journey } = setUp();
    const lookalike = technicianCardNumber('4242')!; // the issuer's shape, but no technician central lists
    expect(door(cardOf(lookalike))).toBe(true);
    expect(door(cardOf('4000001234567899'))).toBe(true);
    expect(journey).toHaveLength(2);
    expect(desk.idle).toBe(true);
    // The technician's card is handed back (false: the journey does not take it) and the PIN screen opens.
    expect(door(cardOf(technicianCardNumber('1001')!))).toBe(false);
    expect(journey).toHaveLength(2);
    expect(desk.view()).toMatchObject({ phase: 'pin', entry: 'card', technicianId: '1001' });
  });

  it('the right PIN on the EPP: keys counted, never read; the block checked by central signs the technician in', async () => {
    const { desk, door, state, facts } = setUp();
    door(cardOf(technicianCardNumber('1001')!));
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    press(PIN.slice(0, 3));
    await eventually(() => desk.view()?.epp?.digits === 3, 'three keys counted');
    press('clear');
    await eventually(() => desk.view()?.epp?.digits === 0, 'Clear empties it');
    press(`${PIN} enter`);
    await eventually(() => desk.view()?.phase === 'on', 'signed in');
    expect(desk.view()).toMatchObject({ signedIn: { technicianId: '1001', checkedBy: 'central' } });
    expect(state.blocks).toHaveLength(1);
    expect(state.blocks[0]).toEqual({ eppBlock: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(facts.filter((f) => f.type === 'maintenance.pin')).toMatchObject([{ outcome: 'verified', checkedBy: 'central' }]);
    // The PIN never entered this process: not in any view, fact, log line or what went to "central".
    const everything = JSON.stringify([state.views, facts, lines, state.blocks]);
    expect(everything).not.toMatch(standalone(PIN));
  });

  it('a wrong PIN counts, the EPP asks again; Cancel on the EPP leaves for the public', async () => {
    const { desk, door } = setUp();
    door(cardOf(technicianCardNumber('1001')!));
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    press('1111 enter');
    await eventually(() => desk.view()?.pinError === 'wrong' && desk.view()?.epp?.ready === true, 'wrong, and asked again');
    expect(desk.view()?.attemptsLeft).toBe(4);
    press('cancel');
    await eventually(() => desk.idle, 'back to the public');
  });

  it('with central unreachable nothing can check it here: cannotCheck, nothing counted, the EPP asks again', async () => {
    const { desk, door, facts } = setUp({ central: 'down' });
    door(cardOf(technicianCardNumber('1001')!));
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    press(`${PIN} enter`);
    await eventually(() => desk.view()?.pinError === 'cannotCheck' && desk.view()?.epp?.ready === true, 'cannot check, asked again');
    expect(facts.filter((f) => f.type === 'maintenance.pin')).toMatchObject([{ outcome: 'cannotCheck', checkedBy: 'none' }]);
  });

  it('during a customer’s session it waits; the EPP reads the PIN only once the session has ended', async () => {
    const { desk, entry, door, state } = setUp({ customer: true });
    door(cardOf(technicianCardNumber('1001')!));
    expect(desk.view()).toBeNull();
    expect(desk.idle).toBe(false);
    expect(rig.atm.control.state().keyboard.entry).not.toBe('pin');
    state.customer = false;
    desk.customerSessionEnded();
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    expect(entry.view()).toEqual({ digits: 0, ready: true });
  });

  it('a typed PIN is refused: at an ATM the PIN is the EPP’s alone', async () => {
    const { desk, door } = setUp();
    door(cardOf(technicianCardNumber('1001')!));
    await expect(desk.submitPin(PIN, undefined)).rejects.toMatchObject({ code: 'not_allowed' });
  });
});

// ─── The keys beside the screen during the technician's PIN entry (issue 13 review, branch `guidance`) ───

/** How many of these keys the running entry took. */
const pressed = (keys: string): number => {
  const result = press(keys);
  return result.ok ? result.value.accepted : -1;
};

/** How many Keyboard.PinEntry commands the kiosk has sent the EPP. */
const pinEntriesSent = (): number => rig.wire.frames.filter((frame) => frame.text.includes('"Keyboard.PinEntry"') && frame.text.includes('"type":"command"')).length;

describe('the PIN screen’s keys beside the screen while the EPP reads the PIN', () => {
  it('the language key switches the technician’s language while the entry goes on: the digits typed stay in the EPP and in the count, the rest typed after it, Enter: one block of the whole PIN signs in', async () => {
    const { desk, door, state } = setUp();
    door(cardOf(technicianCardNumber('1001')!));
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    press('1111 enter');
    await eventually(() => desk.view()?.pinError === 'wrong' && desk.view()?.epp?.ready === true, 'wrong, and asked again');
    expect(desk.view()).toMatchObject({ language: 'ar', attemptsLeft: 4 });
    const entries = pinEntriesSent();
    expect(entries, 'the first entry and the one after the wrong PIN').toBe(2);
    press(PIN.slice(0, 2));
    await eventually(() => desk.view()?.epp?.digits === 2, 'two keys counted');
    // Arabic: the language key is at the top of the end side, the left edge: fdk01.
    expect(pressed('fdk01')).toBe(1);
    await eventually(() => desk.view()?.language === 'en', 'English');
    expect(desk.view()).toMatchObject({ phase: 'pin', attemptsLeft: 4, epp: { digits: 2, ready: true } });
    press(PIN.slice(2, 4));
    await eventually(() => desk.view()?.epp?.digits === 4, 'four keys counted');
    // In English the language key is on the right (fdk05); fdk01 is no key of this screen now: the EPP takes it (it was active when
    // the entry began, in Arabic's place) and nothing happens.
    expect(pressed('fdk01')).toBe(1);
    expect(pressed('fdk05')).toBe(1);
    await eventually(() => desk.view()?.language === 'ar', 'Arabic again');
    expect(desk.view()).toMatchObject({ phase: 'pin', attemptsLeft: 4, epp: { digits: 4 } });
    press(`${PIN.slice(4)} enter`);
    await eventually(() => desk.view()?.phase === 'on', 'signed in');
    // One entry for the whole PIN: no new PinEntry after the wrong one, one block after it, and that block was the right PIN.
    expect(pinEntriesSent()).toBe(entries);
    expect(state.blocks).toHaveLength(2);
    expect(desk.view()).toMatchObject({ language: 'ar', signedIn: { technicianId: '1001' } });
    expect(JSON.stringify([lines, state.views])).not.toMatch(standalone(PIN));
  });

  it('the speech key goes to the screen as a key beside it while the entry goes on; an unlabelled FDK does nothing; the cancel key leaves', async () => {
    const { desk, door } = setUp();
    const keys: string[] = [];
    service.onNavigationKey((key) => keys.push(key));
    door(cardOf(technicianCardNumber('1001')!));
    await eventually(() => desk.view()?.epp?.ready === true, 'the EPP waits for the PIN');
    expect(pressed('fdk03'), 'no label beside fdk03 on this screen').toBe(0);
    press('12');
    await eventually(() => desk.view()?.epp?.digits === 2, 'two keys counted');
    const entries = pinEntriesSent();
    expect(entries).toBe(1);
    // Arabic: speech is the second key of the end side (fdk02); cancel the last of the start side (fdk08).
    expect(pressed('fdk02')).toBe(1);
    await eventually(() => keys.includes('fdk02'), 'the screen hears the speech key');
    expect(desk.view()).toMatchObject({ phase: 'pin', language: 'ar', epp: { digits: 2, ready: true } });
    expect(rig.atm.control.state().keyboard.entry).toBe('pin');
    expect(pinEntriesSent(), 'the same entry goes on').toBe(entries);
    // English's cancel place (fdk04) has no label in Arabic: nothing.
    expect(pressed('fdk04')).toBe(1);
    expect(desk.view()).toMatchObject({ phase: 'pin', epp: { digits: 2 } });
    expect(pressed('fdk08')).toBe(1);
    await eventually(() => desk.idle, 'back to the public');
    await eventually(() => rig.atm.control.state().keyboard.entry !== 'pin', 'the EPP’s entry ended');
    expect(keys).toEqual(['fdk02']);
  });
});
