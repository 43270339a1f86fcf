import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VirtualCard } from '../cardData/virtualCard';
import { makeBankCard, makeNationalIdCard, makeTechnicianCard } from '../lab/cards';
import { identifyCard } from './identify';
import { openCardSlotRig, type CardSlotRig } from './testing/ptyRig';

let rig: CardSlotRig;

beforeEach(async () => {
  rig = await openCardSlotRig();
  await rig.slot.initialize('cardToGate');
  await rig.slot.enableEntry('anyCard');
});
afterEach(async () => {
  await rig.close();
});

async function identify(card: VirtualCard, order?: 'tracksFirst' | 'chipFirst') {
  expect(rig.simulator.insertCard(card).ok).toBe(true);
  return identifyCard(rig.slot, order ? { order } : {});
}

describe('identifying the card in the slot', () => {
  it('reads a bank card from its stripe', async () => {
    expect(await identify(makeBankCard('5555555555554444', 'AL-QAHTANI/SARA', '2029-04', '1000000008'))).toEqual({
      ok: true,
      value: { kind: 'bank', pan: '5555555555554444', expiry: '2904', name: { surname: 'AL-QAHTANI', given: 'SARA' } },
    });
  });

  it('reads a bank card even when the chip is asked first (its chip has no ID application)', async () => {
    expect(await identify(makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'), 'chipFirst')).toMatchObject({
      ok: true,
      value: { kind: 'bank', pan: '4111111111111111' },
    });
  });

  it('reads a national ID from its chip', async () => {
    expect(await identify(makeNationalIdCard('1000000008', '2030-12-31'), 'chipFirst')).toEqual({
      ok: true,
      value: { kind: 'nationalId', idNumber: '1000000008', expiry: '2030-12-31' },
    });
  });

  it('reads an iqama from its chip after finding no stripe', async () => {
    expect(await identify(makeNationalIdCard('2000000006', '2031-01-15'))).toEqual({
      ok: true,
      value: { kind: 'iqama', idNumber: '2000000006', expiry: '2031-01-15' },
    });
  });

  it('reads a technician card', async () => {
    expect(await identify(makeTechnicianCard('1234'))).toMatchObject({ ok: true, value: { kind: 'technician', technicianId: '000001234' } });
  });

  it('calls an ID chip holding a number that fails Luhn unknown', async () => {
    expect(await identify(makeNationalIdCard('1000000009', '2030-12-31'))).toEqual({
      ok: true,
      value: { kind: 'unknown', reason: { type: 'invalidIdNumber' } },
    });
  });
});
