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

it('a reply damaged on the line is NAKed, sent again, and read correctly', async () => {
  rig.simulator.garbleNextReply();
  expect(await rig.slot.readTracks([2])).toEqual({ ok: true, value: { 2: { ok: true, value: '4111111111111111=301220100000000' } } });
  expect(rig.simulator.stats.naksFromHost).toBe(1);
});

it('a garbled eject reply is re-sent, not re-executed: the card moves once', async () => {
  rig.simulator.garbleNextReply();
  expect(await rig.slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
  expect(rig.simulator.counters.ejected).toBe(1);
  expect(rig.simulator.stats.commandsExecuted).toBe(3);
});
