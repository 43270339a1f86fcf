import { afterEach, expect, it } from 'vitest';
import { makeBankCard } from '../../lab/cards';
import type { AtmDevices } from '../atm';
import { type AtmRig, connectDevices, openAtm } from '../testing/atmRig';

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
let rig: AtmRig;
let atm: AtmDevices;
afterEach(async () => {
  await atm.close();
  await rig.close();
});

async function cardAtExit(takeTimeoutMs: number): Promise<void> {
  rig = await openAtm({ simulator: { takeTimeoutMs } });
  atm = await connectDevices(rig);
  const read = atm.waitForCard();
  await rig.wire.upcoming('CardReader.InsertCardEvent');
  rig.atm.control.insertCard(card);
  expect((await read).ok).toBe(true);
  expect(await atm.ejectCard()).toEqual({ ok: true, value: undefined });
}

it('a card left at the exit past the reader’s take timeout is pulled into the bin, and the kiosk hears it was retained', async () => {
  await cardAtExit(100);
  expect(await atm.waitForCardTaken({ takeTimeoutMs: 60_000 })).toEqual({ ok: true, value: 'retained' });
  expect(rig.atm.control.retainedCards()).toEqual([card]);
  expect(rig.atm.control.takeCard()).toEqual({ ok: false, error: { type: 'noCardAtExit' } });
  expect(await atm.status()).toMatchObject({ retainBin: { count: 1 } });
});

it('when the kiosk’s take timeout runs out first, the kiosk retains the card itself', async () => {
  await cardAtExit(60_000);
  expect(await atm.waitForCardTaken({ takeTimeoutMs: 50 })).toEqual({ ok: true, value: 'retained' });
  expect(rig.atm.control.state()).toMatchObject({ cardReader: { media: 'notPresent' }, retainBin: { count: 1 } });
  const move = rig.wire.frames.filter((frame) => frame.direction === 'in' && frame.text.includes('"CardReader.Move"')).map((frame) => JSON.parse(frame.text).payload);
  expect(move).toEqual([{ to: 'exit' }, { to: 'unit1' }]);
});
