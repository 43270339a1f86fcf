import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TECHNICIAN_PIN_KEY_HEX } from '../../common/demo/technicianPinKey';
import { demoEncipherPin } from '../lab/atmStation';
import { decipherPinBlock } from '../pinBlock/pinBlock';
import { type AtmDevices, DEFAULT_TECHNICIAN_PIN_KEY, type FdkKey, type PinKey } from './atm';
import type { XfsClient, XfsService } from './client';
import { continuingFdkOf, FDK_KEYS, pinEntryKeys } from './devices/keys';
import { pinEntryCommand } from './interfaces/keyboard';
import { parseMessage } from './envelope';
import { type AtmRig, connectClient, connectDevices, openAtm } from './testing/atmRig';

/**
 * FDKs active during a PIN entry without ending it (the technician's
 * language, speech and cancel keys; issue 13), both ways on the wire: the
 * kiosk's Keyboard.PinEntry names them in `activeKeys` with `terminate:
 * false` (the customer's names none), and the simulated EPP reports each
 * press in a KeyEvent `{digit: "fdkNN", completion: "contFdk"}` while the
 * entry goes on, the digits typed so far still in its buffer — only for an
 * FDK asked for. Only Enter and Cancel end the entry.
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

async function typePin(keys: readonly string[], fdks?: readonly FdkKey[]) {
  const heard: PinKey[] = [];
  const fdksHeard: FdkKey[] = [];
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const entry = atm!.readPin({ minLength: 4, maxLength: 8, onKey: (key) => heard.push(key), onFdk: (key) => fdksHeard.push(key), onReady: ready, ...(fdks ? { fdks } : {}) });
  await isReady;
  const accepted = keys.map((key) => rig.atm.control.pressKeys(key));
  return { result: await entry, heard, fdksHeard, accepted };
}

describe('activeKeys for a PIN entry', () => {
  it('the customer’s entry has digits, Enter, Cancel and Clear and no FDK; the technician’s adds its FDKs as keys that do not end it', () => {
    const customer = pinEntryKeys();
    expect(Object.keys(customer).filter((key) => key.startsWith('fdk'))).toEqual([]);
    expect(customer).toMatchObject({ zero: { terminate: false }, nine: { terminate: false }, enter: { terminate: true }, cancel: { terminate: true }, clear: { terminate: false } });
    expect(pinEntryKeys(['fdk01', 'fdk06', 'fdk08'])).toEqual({ ...customer, fdk01: { terminate: false }, fdk06: { terminate: false }, fdk08: { terminate: false } });
  });

  it('the FDK pressed is the one a KeyEvent with completion `contFdk` names, and only one asked for', () => {
    const key = (digit: string, completion: 'fdk' | 'contFdk' | 'continue') => ({ name: 'Keyboard.KeyEvent' as const, payload: { digit, completion } });
    expect(continuingFdkOf(key('fdk05', 'contFdk'), ['fdk05'])).toBe('fdk05');
    expect(continuingFdkOf(key('fdk05', 'fdk'), ['fdk05']), 'an FDK that ended the entry was none asked for').toBeUndefined();
    expect(continuingFdkOf(key('fdk06', 'contFdk'), ['fdk05'])).toBeUndefined();
    expect(continuingFdkOf({ name: 'Keyboard.KeyEvent', payload: { completion: 'contFdk' } }, ['fdk05'])).toBeUndefined();
    expect(continuingFdkOf({ name: 'Keyboard.EnterDataEvent', payload: {} }, ['fdk05'])).toBeUndefined();
  });
});

describe('activeKeys and the FDK pressed, any FDKs', () => {
  it('any set of FDKs makes a PinEntry the schema accepts, none of them ending it, Enter and Cancel the only keys that do; the FDK heard is always one asked for', () => {
    fc.assert(
      fc.property(fc.subarray([...FDK_KEYS]), fc.constantFrom(...FDK_KEYS), fc.constantFrom('fdk', 'contFdk', 'continue', 'enter') as fc.Arbitrary<'fdk' | 'contFdk'>, (fdks, pressed, completion) => {
        const keys = pinEntryKeys(fdks);
        expect(pinEntryCommand.safeParse({ minLen: 4, maxLen: 8, autoEnd: false, activeKeys: keys }).success).toBe(true);
        for (const fdk of FDK_KEYS) expect(keys[fdk]).toEqual(fdks.includes(fdk) ? { terminate: false } : undefined);
        expect(Object.entries(keys).filter(([, key]) => key.terminate).map(([name]) => name).sort()).toEqual(['cancel', 'enter']);
        const heard = continuingFdkOf({ name: 'Keyboard.KeyEvent', payload: { digit: pressed, completion } }, fdks);
        expect(heard).toBe(completion === 'contFdk' && fdks.includes(pressed) ? pressed : undefined);
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

  it('the technician’s entry sends its FDKs as active, not terminating; one pressed before any digit is heard and the entry goes on', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const { result, heard, fdksHeard } = await typePin(['fdk05', '1234', 'enter'], ['fdk01', 'fdk05', 'fdk06']);
    expect(sentPinEntry()).toMatchObject({ minLen: 4, maxLen: 8, activeKeys: { fdk01: { terminate: false }, fdk05: { terminate: false }, fdk06: { terminate: false }, enter: { terminate: true }, cancel: { terminate: true } } });
    expect(fdksHeard).toEqual(['fdk05']);
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
    expect(heard, 'an FDK is no PIN key').toEqual(['digit', 'digit', 'digit', 'digit', 'enter']);
  });

  it('digits, the language FDK, more digits, Enter: one PIN block for every digit typed (the FDK kept them in the EPP)', async () => {
    rig = await openAtm({ simulator: { encipherPin: demoEncipherPin } });
    atm = await connectDevices(rig);
    const typed = await typePin(['97', 'fdk01', '5318', 'enter'], ['fdk01', 'fdk05']);
    expect(typed.accepted[1], 'the EPP took the FDK').toEqual({ ok: true, value: { accepted: 1, ignored: 0 } });
    expect(typed.fdksHeard).toEqual(['fdk01']);
    expect(typed.heard).toEqual(['digit', 'digit', 'digit', 'digit', 'digit', 'digit', 'enter']);
    expect(typed.result).toEqual({ ok: true, value: { outcome: 'entered', digits: 6 } });
    // One entry, one block: the technician key's format 4 block, deciphered as central would, is all six digits.
    expect(rig.wire.frames.filter((frame) => frame.text.includes('"Keyboard.PinEntry"') && frame.text.includes('"command"'))).toHaveLength(1);
    const pan = '6058210000001001';
    const block = await atm.pinBlock({ pan, format: 'iso4', key: DEFAULT_TECHNICIAN_PIN_KEY });
    expect(block.ok).toBe(true);
    const deciphered = decipherPinBlock({ format: 'iso4', block: block.ok ? block.value.block : '', pan, key: Uint8Array.from(Buffer.from(DEMO_TECHNICIAN_PIN_KEY_HEX, 'hex')) });
    expect(deciphered).toEqual({ ok: true, value: { pin: '975318' } });
  });

  it('an FDK not asked for is ignored; Cancel still ends the entry with no PIN', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const typed = await typePin(['12', 'fdk02', '34', 'enter'], ['fdk06']);
    expect(typed.accepted[1], 'fdk02 is not active').toEqual({ ok: true, value: { accepted: 0, ignored: 1 } });
    expect(typed.fdksHeard).toEqual([]);
    expect(typed.result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });

    const cancelled = await typePin(['12', 'fdk06', 'cancel'], ['fdk06']);
    expect(cancelled.fdksHeard).toEqual(['fdk06']);
    expect(cancelled.result).toEqual({ ok: true, value: { outcome: 'cancelled' } });
  });

  it('the customer’s entry sends no FDK, and an FDK pressed during it does nothing', async () => {
    rig = await openAtm();
    atm = await connectDevices(rig);
    const { result, accepted, fdksHeard } = await typePin(['1234', 'fdk05', 'fdk01', 'enter']);
    expect(Object.keys(sentPinEntry().activeKeys).filter((key) => key.startsWith('fdk'))).toEqual([]);
    expect(accepted[1]).toEqual({ ok: true, value: { accepted: 0, ignored: 1 } });
    expect(fdksHeard).toEqual([]);
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
  });

  it('the EPP answers a non-terminating FDK exactly as the spec has it: KeyEvent {digit, completion: contFdk}, and the completion counts every digit', async () => {
    rig = await openAtm();
    client = await connectClient(rig);
    const epp = client.service('PinPad') as XfsService;
    const events: unknown[] = [];
    const entry = epp.command('Keyboard.PinEntry', { minLen: 4, maxLen: 8, autoEnd: false, activeKeys: pinEntryKeys(['fdk01', 'fdk05']) }, { onEvent: (event) => events.push(event.payload) });
    await rig.wire.upcoming('Keyboard.EnterDataEvent');
    rig.atm.control.pressKeys('1 2 fdk01 3 fdk05 4 enter');
    expect(await entry).toEqual({ ok: true, value: { digits: 4, completion: 'enter' } });
    expect(events).toEqual([
      {},
      { completion: 'continue' },
      { completion: 'continue' },
      { digit: 'fdk01', completion: 'contFdk' },
      { completion: 'continue' },
      { digit: 'fdk05', completion: 'contFdk' },
      { completion: 'continue' },
      { digit: 'enter', completion: 'enter' },
    ]);
  });
});
