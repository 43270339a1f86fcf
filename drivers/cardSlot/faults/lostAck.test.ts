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

it('with no ACK within 300 ms the host resends, and the command runs once', async () => {
  rig.simulator.dropNextCommand();
  expect(await rig.slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
  expect(rig.simulator.stats.commandsIgnored).toBe(1);
  expect(rig.simulator.counters.ejected).toBe(1);
});
