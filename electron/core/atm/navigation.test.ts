import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, holderIn, startAtmKiosk } from './testing/atmKioskRig';
import type { AtmKioskRig } from './testing/atmKioskRig';

/**
 * The keys beside an ATM's screen reach the screen: a core in ATM mode over
 * the simulated ATM asks the EPP for the FDKs, Enter, Cancel and Clear while
 * a screen waits for a choice, and each press shows in the snapshot once,
 * numbered. Digits are never among them, and the keyboard is the PIN
 * entry's alone while a PIN is typed and enciphered.
 */

let rig: AtmKioskRig;
beforeAll(async () => {
  rig = await startAtmKiosk();
  await rig.service.connected();
});
afterAll(async () => rig?.close());
afterEach(async () => rig.reset());

const entry = () => rig.atm.control.state().keyboard.entry;
const atmKey = () => rig.core.snapshot().atmKey ?? null;

/** Presses keys once the EPP reports the screen's keys. */
async function press(keys: string): Promise<{ accepted: number; ignored: number }> {
  await eventually(() => entry() === 'data', 'the EPP reports the screen’s keys');
  const pressed = rig.atm.control.pressKeys(keys);
  if (!pressed.ok) throw new Error(`bad key ${pressed.error.key}`);
  return pressed.value;
}

describe('the keys beside the ATM screen', () => {
  it('an FDK pressed while the ATM waits for a card reaches the snapshot, numbered; a digit is not taken', async () => {
    const before = atmKey()?.seq ?? 0;
    expect(await press('fdk04')).toEqual({ accepted: 1, ignored: 0 });
    await eventually(() => atmKey()?.seq === before + 1, 'the press in the snapshot');
    expect(atmKey()).toEqual({ seq: before + 1, key: 'fdk04' });
    expect(await press('7')).toEqual({ accepted: 0, ignored: 1 });
    expect(await press('fdk04')).toEqual({ accepted: 1, ignored: 0 });
    await eventually(() => atmKey()?.seq === before + 2, 'the same key again is a new press');
  });

  it('while the PIN is typed the keyboard is the PIN entry’s; at the menu the FDKs, Enter, Cancel and Clear are the screen’s again', async () => {
    const holder = holderIn('registered', 1);
    await rig.insert(holder.card);
    await rig.reach('atm.pin.entry');
    await eventually(() => entry() === 'pin', 'the EPP takes the PIN');
    const seq = atmKey()?.seq ?? 0;
    rig.atm.control.pressKeys('fdk05');
    await rig.keys(`${holder.customer.pin} enter`);
    // The PIN block was made with the screen's keys waiting: the bank decided.
    await rig.reach('atm.menu');
    expect(atmKey()?.seq ?? 0, 'no key of the PIN entry reached the screen').toBe(seq);
    await press('fdk05 enter clear cancel');
    await eventually(() => atmKey()?.seq === seq + 4, 'four presses');
    expect(atmKey()).toEqual({ seq: seq + 4, key: 'cancel' });
    // A key press is the person there: the session goes on.
    expect(rig.core.snapshot().session).not.toBeNull();
  });

  it('no key is asked for while the kiosk is busy handing the card back', async () => {
    const holder = holderIn('registered', 2);
    await rig.insert(holder.card);
    await rig.reach('atm.pin.entry');
    await rig.keys(`${holder.customer.pin} enter`);
    await rig.reach('atm.menu');
    await eventually(() => entry() === 'data', 'the screen’s keys');
    await rig.send({ type: 'CANCEL' });
    await rig.reach('atm.cancelled.returningCard', { busy: true });
    await eventually(() => entry() === 'none', 'the EPP idle while the card goes back');
    await rig.take();
    await rig.reach('atm.cancelled.finished');
    await eventually(() => entry() === 'data', 'the result screen takes keys');
  });
});
