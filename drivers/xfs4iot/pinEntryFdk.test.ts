import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { AtmDevices, FdkKey, PinKey } from './atm';
import type { XfsClient, XfsService } from './client';
import { endingFdkOf, FDK_KEYS, pinEntryKeys } from './devices/keys';
import { pinEntryCommand } from './interfaces/keyboard';
import { parseMessage } from './envelope';
import { type AtmRig, connectClient, connectDevices, openAtm } from './testing/atmRig';

/**
 * FDKs that end a PIN entry (the technician's language, speech and cancel
 * keys), both ways on the wire: the kiosk's Keyboard.PinEntry names them in
 * `activeKeys` with `terminate: true` (the customer's names none), and the
 * simulated EPP ends the entry with completion `fdk` and a KeyEvent naming
 * the key — only for an FDK asked for, at any PIN length.
 */

let rig: AtmRig;
let atm: AtmDevices | undefined;
let client: XfsClient | undefined;

/** The payload of the newest Keyboard.PinEntry command the kiosk sent. */
function sentPinEntry(): { activeKeys: Record<string, { terminate?: boolean }>; minLen?: number; maxLen?: number } {
  const payloads = rig.wire.frames
    .map((frame) => parseMessage(frame.text))
    .filter((parsed) => parsed.ok && parsed.value.header.name === 'Keyboard.PinEntry' && parsed.value.header.type === 'command')
    .map((parsed) => (parsed.ok ? parsed.value.payload : null));
  const last = payloads.at(-1);
  if (!last) throw new Error('no Keyboard.PinEntry was sent');
  return last as ReturnType<typeof sentPinEntry>;
}

async function typePin(keys: readonly string[], terminatingFdks?: readonly FdkKey[]) {
  const heard: PinKey[] = [];
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const entry = atm!.readPin({ minLength: 4, maxLength: 8, onKey: (key) => heard.push(key), onReady: ready, ...(terminatingFdks ? { terminatingFdks } : {}) });
  await isReady;
  const accepted = keys.map((key) => rig.atm.control.pressKeys(key));
  return { result: await entry, heard, accepted };
}

describe('activeKeys for a PIN entry', () => {
  it('the customer’s entry has digits, Enter, Cancel and Clear and no FDK; the technician’s adds its FDKs as terminating keys', () => {
    const customer = pinEntryKeys();
    expect(Object.keys(customer).filter((key) => key.startsWith('fdk'))).toEqual([]);
    expect(customer).toMatchObject({ zero: { terminate: false }, nine: { terminate: false }, enter: { terminate: true }, cancel: { terminate: true }, clear: { terminate: false } });
    expect(pinEntryKeys(['fdk01', 'fdk06', 'fdk08'])).toEqual({ ...customer, fdk01: { terminate: true }, fdk06: { terminate: true }, fdk08: { terminate: true } });
  });

  it('the ending FDK is the one a KeyEvent with completion `fdk` names, and only one asked for', () => {
    const key = (digit: string, completion: 'fdk' | 'contFdk' | 'continue') => ({ name: 'Keyboard.KeyEvent' as const, payload: { digit, completion } });
    expect(endingFdkOf(key('fdk05', 'fdk'), ['fdk05'])).toBe('fdk05');
    expect(endingFdkOf(key('fdk05', 'contFdk'), ['fdk05'])).toBeUndefined();
    expect(endingFdkOf(key('fdk06', 'fdk'), ['fdk05'])).toBeUndefined();
    expect(endingFdkOf({ name: 'Keyboard.KeyEvent', payload: { completion: 'fdk' } }, ['fdk05'])).toBeUndefined();
    expect(endingFdkOf({ name: 'Keyboard.EnterDataEvent', payload: {} }, ['fdk05'])).toBeUndefined();
  });
});

describe('activeKeys and the ending FDK, any FDKs', () => {
  it('any set of FDKs makes a PinEntry the schema accepts, each terminating, digits and Clear not; the ending FDK is always one asked for', () => {
    fc.assert(
      fc.property(fc.subarray([...FDK_KEYS]), fc.constantFrom(...FDK_KEYS), fc.constantFrom('fdk', 'contFdk', 'continue', 'enter') as fc.Arbitrary<'fdk'>, (fdks, pressed, completion) => {
        const keys = pinEntryKeys(fdks);
        expect(pinEntryCommand.safeParse({ minLen: 4, maxLen: 8, autoEnd: false, activeKeys: keys }).success).toBe(true);
        for (const fdk of FDK_KEYS) expect(keys[fdk]).toEqual(fdks.includes(fdk) ? { terminate: true } : undefined);
        expect(keys.five).toEqual({ terminate: false });
        expect(keys.clear).toEqual({ terminate: false });
        const ended = endingFdkOf({ name: 'Keyboard.KeyEvent', payload: { digit: pressed, completion } }, fdks);
        expect(ended).toBe(completion === 'fdk' && fdks.includes(pressed) ? pressed : undefined);
      }),
    );
  });
});

describe('through the simulated EPP', () => {
  afterEach(async () => {
    await atm?.close();
    await client?.close();
    await rig.close();
    atm = undefined;
    client = undefined;
  });

  it('the technician’s entry sends its FDKs as terminating; one of them ends it before any digit, reported as that key', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const { result, heard } = await typePin(['fdk05'], ['fdk01', 'fdk05', 'fdk06']);
    expect(sentPinEntry()).toMatchObject({ minLen: 4, maxLen: 8, activeKeys: { fdk01: { terminate: true }, fdk05: { terminate: true }, fdk06: { terminate: true }, enter: { terminate: true } } });
    expect(result).toEqual({ ok: true, value: { outcome: 'fdk', key: 'fdk05' } });
    expect(heard, 'an FDK is no PIN key').toEqual([]);
  });

  it('after digits: an FDK asked for ends it (no PIN handed on); an FDK not asked for is ignored and the digits stay', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const ended = await typePin(['12', 'fdk06'], ['fdk06']);
    expect(ended.result).toEqual({ ok: true, value: { outcome: 'fdk', key: 'fdk06' } });
    expect(ended.heard).toEqual(['digit', 'digit']);

    const typed = await typePin(['12', 'fdk02', '34', 'enter'], ['fdk06']);
    expect(typed.accepted[1], 'fdk02 is not active').toEqual({ ok: true, value: { accepted: 0, ignored: 1 } });
    expect(typed.result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
  });

  it('the customer’s entry sends no FDK, and an FDK pressed during it does nothing', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const { result, accepted } = await typePin(['1234', 'fdk05', 'fdk01', 'enter']);
    expect(Object.keys(sentPinEntry().activeKeys).filter((key) => key.startsWith('fdk'))).toEqual([]);
    expect(accepted[1]).toEqual({ ok: true, value: { accepted: 0, ignored: 1 } });
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
  });

  it('the EPP answers a terminating FDK exactly as the spec has it: KeyEvent {digit, completion: fdk}, completion {digits, completion: fdk}', async () => {
    rig = await openAtm();
    client = await connectClient(rig);
    const epp = client.service('PinPad') as XfsService;
    const events: unknown[] = [];
    const entry = epp.command('Keyboard.PinEntry', { minLen: 4, maxLen: 8, autoEnd: false, activeKeys: { ...pinEntryKeys(['fdk04']), fdk03: { terminate: false } } }, { onEvent: (event) => events.push(event.payload) });
    await rig.wire.upcoming('Keyboard.EnterDataEvent');
    rig.atm.control.pressKeys('1 fdk03 2 fdk04');
    expect(await entry).toEqual({ ok: true, value: { digits: 2, completion: 'fdk' } });
    expect(events).toEqual([{}, { completion: 'continue' }, { digit: 'fdk03', completion: 'contFdk' }, { completion: 'continue' }, { digit: 'fdk04', completion: 'fdk' }]);
  });
});
