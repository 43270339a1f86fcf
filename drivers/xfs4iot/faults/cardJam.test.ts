import { afterEach, expect, it } from 'vitest';
import { makeBankCard } from '../../lab/cards';
import type { AtmDevices } from '../atm';
import type { UnsolicitedEvent } from '../messages';
import { type AtmRig, connectDevices, openAtm } from '../testing/atmRig';

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
let rig: AtmRig;
let atm: AtmDevices;
afterEach(async () => {
  await atm.close();
  await rig.close();
});

async function cardInside(): Promise<void> {
  rig = await openAtm();
  atm = await connectDevices(rig);
  const read = atm.waitForCard();
  await rig.wire.upcoming('CardReader.InsertCardEvent');
  rig.atm.control.insertCard(card);
  expect((await read).ok).toBe(true);
}

it('a card that jams on its way out is `jammed`; the reader reports hardwareError until a reset gives the card back', async () => {
  await cardInside();
  const changes: UnsolicitedEvent[] = [];
  atm.client.onUnsolicited((event) => changes.push(event));
  rig.atm.control.setFault({ type: 'cardJam' });

  expect(await atm.ejectCard()).toEqual({ ok: false, error: { type: 'jammed' } });
  await rig.wire.next('Common.StatusChangedEvent', (frame) => frame.text.includes('jammed'));
  expect(changes).toContainEqual({ name: 'Common.StatusChangedEvent', payload: { common: { device: 'hardwareError' }, cardReader: { media: 'jammed' } } });
  expect(await atm.status()).toMatchObject({ cardReader: 'hardwareError' });
  expect(await atm.ejectCard()).toEqual({ ok: false, error: { type: 'jammed' } });

  expect(await atm.resetCardReader('exit')).toEqual({ ok: true, value: undefined });
  expect(await atm.status()).toMatchObject({ cardReader: 'online' });
  rig.atm.control.takeCard();
  expect(await atm.waitForCardTaken()).toEqual({ ok: true, value: 'taken' });
});

it('a jam on the way into the bin leaves the card in the reader and the bin count unchanged', async () => {
  await cardInside();
  rig.atm.control.setFault({ type: 'cardJam' });
  expect(await atm.retainCard()).toEqual({ ok: false, error: { type: 'jammed' } });
  expect(rig.atm.control.state()).toMatchObject({ cardReader: { media: 'jammed' }, retainBin: { count: 0 } });
  expect(await atm.resetCardReader('retain')).toEqual({ ok: true, value: undefined });
  expect(rig.atm.control.state()).toMatchObject({ cardReader: { media: 'notPresent' }, retainBin: { count: 1 } });
});
