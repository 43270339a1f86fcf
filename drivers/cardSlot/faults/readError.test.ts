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

it('a worn stripe is a per-track read error with its typed reason, counted; the next read succeeds', async () => {
  rig.simulator.failNextRead('28');
  expect(await rig.slot.readTracks([2, 1])).toMatchObject({
    ok: true,
    value: { 2: { ok: false, error: { type: 'readError', error: { code: '28', reason: 'readLrc' } } }, 1: { ok: true } },
  });
  expect(rig.simulator.counters.readErrors).toBe(1);
  expect(await rig.slot.readTracks([2])).toMatchObject({ ok: true, value: { 2: { ok: true, value: '4111111111111111=301220100000000' } } });
});

it('a single-pass read hands over what it read before the parity error', async () => {
  rig.simulator.failNextRead('20');
  expect(await rig.slot.readTracks([2], { singlePass: true })).toEqual({
    ok: true,
    value: { 2: { ok: false, error: { type: 'readError', error: expect.objectContaining({ code: '20', reason: 'readParity' }), partial: '4111111111111111' } } },
  });
  // A blank track (24) is the card's, not a read error of the reader.
  expect(await rig.slot.readTracks([3])).toMatchObject({ ok: true, value: { 3: { ok: false, error: { type: 'noData' } } } });
  expect(rig.simulator.counters.readErrors).toBe(1);
});
