import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeBankCard } from '../../lab/cards';
import { openCardSlotRig, type CardSlotRig } from '../testing/ptyRig';

let rig: CardSlotRig;
beforeEach(async () => {
  rig = await openCardSlotRig();
  await rig.slot.initialize('cardToGate');
  await rig.slot.enableEntry('anyCard');
  rig.simulator.insertCard(makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'));
});
afterEach(async () => {
  await rig.close();
});

it('pulling the cable during a track read ends it with a typed disconnected error, and later calls say the same', async () => {
  rig.simulator.setSlow(2_000);
  const reading = rig.slot.readTracks([1, 2]);
  setTimeout(() => void rig.unplug(), 100);
  expect(await reading).toEqual({ ok: false, error: { type: 'disconnected' } });
  expect(rig.slot.isConnected).toBe(false);
  expect(await rig.slot.status()).toEqual({ ok: false, error: { type: 'disconnected' } });
  expect(rig.simulator.isPlugged).toBe(false);
});
