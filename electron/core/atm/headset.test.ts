import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { holderIn, startAtmKiosk } from './testing/atmKioskRig';
import type { AtmKioskRig } from './testing/atmKioskRig';

/**
 * The headset convention at an ATM, in a kiosk core over the simulated ATM:
 * headphones into the audio jack (the EPP service's Auxiliaries sensor, in a
 * Common.StatusChangedEvent) turn speech on for the person there, out turns
 * it off; the card and PIN go on as ever.
 */

let rig: AtmKioskRig;
beforeAll(async () => {
  rig = await startAtmKiosk();
  await rig.service.connected();
});
afterAll(async () => rig?.close());

const speech = () => rig.core.snapshot().session?.speech ?? null;
const until = (check: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error(`not yet: ${what}`);
    },
    { timeout: 5_000, interval: 10 },
  );

describe('headphones in the ATM’s audio jack', () => {
  it('plugged in at the waiting screen: a session with speech on; the card and PIN go on in it; unplugged: speech off; a new session starts with it off', async () => {
    expect(rig.core.snapshot().session).toBeNull();
    rig.atm.control.plugHeadset(true);
    await until(() => speech() === true, 'speech on');
    const session = rig.core.snapshot().session?.id;

    const holder = holderIn('registered', 0);
    await rig.insert(holder.card);
    await rig.reach('atm.pin.entry');
    expect(rig.core.snapshot().session).toMatchObject({ id: session, speech: true });

    rig.atm.control.plugHeadset(false);
    await until(() => speech() === false, 'speech off');
    rig.atm.control.plugHeadset(true);
    await until(() => speech() === true, 'speech on again');

    await rig.reset();
    expect(rig.core.snapshot().session).toBeNull();
    await rig.insert(holder.card);
    await rig.reach('atm.pin.entry');
    expect(speech()).toBe(false);
    expect(rig.logs.some((line) => line.includes('"event":"atm.headset"'))).toBe(true);
  });
});
