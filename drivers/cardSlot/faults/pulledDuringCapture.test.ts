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

it('a card snatched while being retained is reader error 40 and is not counted as retained', async () => {
  await rig.slot.ejectToGate();
  rig.simulator.pullCardDuringNextCapture();
  expect(await rig.slot.retainCard()).toMatchObject({ ok: false, error: { type: 'reader', command: 'C31', error: { code: '40' } } });
  expect(rig.simulator.counters.retained).toBe(0);
  expect(await rig.slot.status()).toEqual({ ok: true, value: 'noCard' });
});
