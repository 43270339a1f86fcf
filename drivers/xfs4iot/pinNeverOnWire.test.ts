import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AtmDevices, PinKey } from './atm';
import { pinKeyOf } from './devices/keys';
import { NUMERIC_KEYS } from './interfaces/keyboard';
import { parseMessage } from './messages';
import { type AtmRig, connectDevices, openAtm } from './testing/atmRig';
import { standalone } from '../../common/testing/standalone';

/**
 * The PIN never enters the kiosk's process: during PIN entry no message the
 * client receives or sends names a digit, and the screens hear key kinds only.
 */

const PAN = '4111111111111111';
let rig: AtmRig;
let atm: AtmDevices;
beforeAll(async () => {
  rig = await openAtm();
  atm = await connectDevices(rig);
});
afterAll(async () => {
  await atm.close();
  await rig.close();
});

const digitNames: ReadonlySet<string> = new Set(NUMERIC_KEYS);

/** Every `digit` property anywhere in a message. */
function digitsNamedIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(digitsNamedIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'digit' && typeof inner === 'string' ? [inner] : digitsNamedIn(inner)));
}

it('typing any PIN puts no digit and no run of its digits on the wire, either way, and the screen hears only key kinds', async () => {
  await fc.assert(
    fc.asyncProperty(fc.stringMatching(/^[0-9]{4,12}$/), fc.boolean(), async (pin, clearFirst) => {
      const from = rig.wire.frames.length;
      const heard: PinKey[] = [];
      let ready: () => void = () => undefined;
      const isReady = new Promise<void>((resolve) => (ready = resolve));
      const entry = atm.readPin({ minLength: 4, maxLength: 12, onKey: (key) => heard.push(key), onReady: ready });
      await isReady;
      if (clearFirst) rig.atm.control.pressKeys('99 clear');
      rig.atm.control.pressKeys(`${pin} enter`);
      expect(await entry).toEqual({ ok: true, value: { outcome: 'entered', digits: pin.length } });
      const block = await atm.pinBlock({ pan: PAN, format: 'iso4' });
      expect(block.ok).toBe(true);

      const frames = rig.wire.frames.slice(from).filter((frame) => frame.service === 'PinPad');
      for (const frame of frames) {
        const message = parseMessage(frame.text);
        expect(message.ok).toBe(true);
        if (!message.ok) continue;
        expect(digitsNamedIn(message.value.payload).filter((name) => digitNames.has(name))).toEqual([]);
        // No payload spells the PIN (the PAN the kiosk sends as customerData aside; the block is base64).
        const { customerData: _pan, ...rest } = message.value.payload ?? {};
        expect(JSON.stringify(rest)).not.toMatch(standalone(pin));
      }
      expect(frames.filter((frame) => frame.text.includes('"Keyboard.KeyEvent"'))).toHaveLength((clearFirst ? 3 : 0) + pin.length + 1);
      expect(heard).toEqual([...(clearFirst ? ['digit', 'digit', 'clear'] : []), ...pin.split('').map(() => 'digit'), 'enter']);
    }),
    // A fixed seed: a random base64 block could spell four digits once in a million runs.
    { numRuns: 25, seed: 9564 },
  );
});

it('an EPP that names the digit anyway is still heard as `digit`: the name goes no further than the client', () => {
  for (const digit of NUMERIC_KEYS) {
    expect(pinKeyOf({ name: 'Keyboard.KeyEvent', payload: { digit, completion: 'continue' } })).toBe('digit');
  }
  expect(pinKeyOf({ name: 'Keyboard.KeyEvent', payload: {} })).toBe('digit');
  expect(pinKeyOf({ name: 'Keyboard.KeyEvent', payload: { digit: 'fdk01', completion: 'contFdk' } })).toBeUndefined();
  expect(pinKeyOf({ name: 'Keyboard.EnterDataEvent', payload: {} })).toBeUndefined();
});
