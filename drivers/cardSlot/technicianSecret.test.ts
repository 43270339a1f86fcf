import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../common/demo/population';
import { decodeTechnicianTrack3 } from '../../common/rules/technicianCardSecret';
import { makeTechnicianCard, technicianCardOf } from '../lab/cards';
import { openCardSlotRig, type CardSlotRig } from './testing/ptyRig';

/**
 * A lab technician card's secret read off track 3 by the driver against the
 * simulator over a real pty pair (C 6 3, DEVICES.md §2: the reader hands the
 * track over without SS/ES), and decoded (technicianCardSecret.ts).
 */

let rig: CardSlotRig;
beforeEach(async () => {
  rig = await openCardSlotRig();
});
afterEach(async () => {
  await rig.close();
});

async function inside(card: ReturnType<typeof makeTechnicianCard>): Promise<void> {
  expect((await rig.slot.initialize('cardToGate')).ok).toBe(true);
  expect((await rig.slot.enableEntry('magneticOnly')).ok).toBe(true);
  expect(rig.simulator.insertCard(card)).toEqual({ ok: true, value: undefined });
}

describe('technician card secret on track 3', () => {
  it('the lab technician card carries its secret; the reader gives track 3 without sentinels and it decodes to the card number and secret', async () => {
    const technician = generatePopulation().technicians.find((t) => t.techId === '1001')!;
    await inside(technicianCardOf(technician));
    const reads = await rig.slot.readTracks([3]);
    expect(reads.ok).toBe(true);
    const track3 = reads.ok ? reads.value[3] : undefined;
    expect(track3?.ok && track3.value).toMatch(/^99[0-9]{16}=[0-9]{40}$/);
    const decoded = decodeTechnicianTrack3(track3?.ok ? track3.value : '');
    expect(decoded).toEqual({ ok: true, value: { cardNumber: '9999010000010010', secret: Uint8Array.from(Buffer.from(technician.cardSecret, 'hex')) } });
  });

  it('a card issued before secrets has a blank track 3: error 24, no data', async () => {
    await inside(makeTechnicianCard('1001'));
    expect(await rig.slot.readTracks([3])).toEqual({ ok: true, value: { 3: { ok: false, error: { type: 'noData' } } } });
  });
});
