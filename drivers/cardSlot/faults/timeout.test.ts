import { afterEach, beforeEach, expect, it } from 'vitest';
import { sleep } from '../../../common/time';
import { openCardSlotRig, type CardSlotRig } from '../testing/ptyRig';

let rig: CardSlotRig;
beforeEach(async () => {
  rig = await openCardSlotRig({ timings: { replyTimeoutMs: 200 } });
  await rig.slot.initialize('cardToGate');
});
afterEach(async () => {
  await rig.close();
});

it('an acknowledged command whose reply never comes in time is a timeout', async () => {
  rig.simulator.setSlow(1_000);
  const result = await rig.slot.status();
  expect(result).toMatchObject({ ok: false, error: { type: 'timeout' } });
});

it('the late reply is acknowledged and ignored; the next command gets its own reply', async () => {
  rig.simulator.setSlow(400);
  expect(await rig.slot.status()).toMatchObject({ ok: false, error: { type: 'timeout' } });
  // Let the late reply arrive and be acknowledged between commands.
  await sleep(400);
  rig.simulator.setSlow(0);
  expect(await rig.slot.enableEntry('anyCard')).toEqual({ ok: true, value: 'noCard' });
  expect(rig.simulator.entryMode).toBe('anyCard');
});
