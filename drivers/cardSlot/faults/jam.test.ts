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

it('a jammed eject is reader error 10, the card stays inside, and the next eject works', async () => {
  rig.simulator.jamNextMotion();
  expect(await rig.slot.ejectToGate()).toEqual({
    ok: false,
    error: { type: 'reader', command: 'C30', error: { known: true, code: '10', reason: 'jam', category: 'mechanism', message: 'card jam' } },
  });
  expect(rig.simulator.state).toBe('inside');
  expect(rig.simulator.counters.ejected).toBe(0);
  expect(await rig.slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
});

it('a jam does not touch commands that move nothing', async () => {
  rig.simulator.jamNextMotion();
  expect(await rig.slot.status()).toEqual({ ok: true, value: 'inside' });
  expect(await rig.slot.readTracks([2])).toMatchObject({ ok: true, value: { 2: { ok: true } } });
  expect(await rig.slot.retainCard()).toMatchObject({ ok: false, error: { error: { code: '10' } } });
  expect(rig.simulator.counters.retained).toBe(0);
});
