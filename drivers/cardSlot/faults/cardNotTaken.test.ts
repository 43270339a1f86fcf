import { afterEach, expect, it } from 'vitest';
import { makeBankCard } from '../../lab/cards';
import { openCardSlotRig, type CardSlotRig } from '../testing/ptyRig';

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
let rig: CardSlotRig;
async function cardInsideWithTakeTimeout(takeTimeoutMs: number): Promise<void> {
  rig = await openCardSlotRig({ simulator: { takeTimeoutMs } });
  await rig.slot.initialize('cardToGate');
  await rig.slot.enableEntry('anyCard');
  rig.simulator.insertCard(card);
}
afterEach(async () => {
  await rig.close();
});

it('an ejected card left at the gate is captured by the reader and the driver reports it retained', async () => {
  await cardInsideWithTakeTimeout(150);
  await rig.slot.ejectToGate();
  expect(await rig.slot.waitForRemoval({ timeoutMs: 5_000, pollMs: 20 })).toEqual({ ok: false, error: { type: 'cardNotTaken', retained: true } });
  expect(rig.simulator.counters).toEqual({ inserted: 1, ejected: 1, retained: 1, readErrors: 0 });
  expect(rig.simulator.retainedCards).toEqual([card]);
  expect(rig.simulator.state).toBe('captured');
  // Reported once; afterwards the slot is simply empty.
  expect(await rig.slot.status()).toEqual({ ok: true, value: 'noCard' });
  expect(rig.simulator.takeCard()).toEqual({ ok: false, error: { type: 'noCardAtGate' } });
});

it('when the kiosk stops waiting first, the card is still at the gate and retainCard puts it in the bin', async () => {
  await cardInsideWithTakeTimeout(30_000);
  await rig.slot.ejectToGate();
  expect(await rig.slot.waitForRemoval({ timeoutMs: 60, pollMs: 20 })).toEqual({ ok: false, error: { type: 'cardNotTaken', retained: false } });
  expect(await rig.slot.retainCard()).toEqual({ ok: true, value: 'noCard' });
  expect(rig.simulator.counters.retained).toBe(1);
});
