import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeBankCard } from '../../lab/cards';
import { openCardSlotRig, type CardSlotRig } from '../testing/ptyRig';

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
let rig: CardSlotRig;
beforeEach(async () => {
  rig = await openCardSlotRig();
  await rig.slot.initialize('cardToGate');
  await rig.slot.enableEntry('anyCard');
  rig.simulator.insertCard(card);
});
afterEach(async () => {
  await rig.close();
});

it('after unplug and replug the reader wants Initialize again, then works with the card it still holds', async () => {
  await rig.unplug();
  expect(await rig.slot.status()).toEqual({ ok: false, error: { type: 'disconnected' } });
  const slot = await rig.replug();
  expect(await slot.status()).toMatchObject({ ok: false, error: { type: 'reader', error: { code: 'B0' } } });
  expect(await slot.initialize('keepInside')).toEqual({ ok: true, value: 'inside' });
  expect(await slot.readTracks([2])).toMatchObject({ ok: true, value: { 2: { ok: true } } });
  expect(await slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
  expect(rig.simulator.takeCard()).toEqual({ ok: true, value: card });
});
