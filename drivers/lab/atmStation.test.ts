import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation, type LabPerson } from '../../common/demo/population';
import { maskIdNumber } from '../../common/rules/idNumber';
import { DEMO_EXPIRED_CARD_PAN, DEMO_MISRECORDED_ID_CARD_PAN, DEMO_UNLINKED_CARD_PAN, demoBankCustomers, misrecordedIdNumber } from '../bankHost/customers';
import type { AtmDevices } from '../xfs4iot/atm';
import type { PinKey } from '../xfs4iot/devices/keys';
import { type AtmStation, startAtmStation } from './atmStation';
import { authorise, captureLog, connectAtmDevices, until } from './testing/atmKiosk';

/**
 * The lab's ATM station with the kiosk's own XFS4IoT devices connected to it
 * over real WebSockets, and the kiosk's side of the bank host: what a person
 * does at the station reaches the kiosk, and the PIN reaches the bank only
 * enciphered and no log at all.
 */

const population = generatePopulation();
const customers = demoBankCustomers(population);
const holders = population.people.filter((person): person is LabPerson & { bankCard: NonNullable<LabPerson['bankCard']> } => person.bankCard !== null);
const faisal = holders[0]!;
const faisalCard = `bank-${faisal.bankCard.pan}`;
const pinOf = (pan: string): string => customers.find((customer) => customer.pan === pan)!.pin;
const wrongPin = (pin: string): string => String((Number(pin) + 1) % 10_000).padStart(4, '0');

const captured = captureLog();
let station: AtmStation;
let kiosk: AtmDevices;
beforeAll(async () => {
  station = await startAtmStation({ log: captured.log, population, port: 0 });
  kiosk = await connectAtmDevices(station.publisherUrl);
});
afterAll(async () => {
  await kiosk?.close();
  await station?.close();
});

/** The kiosk asks for a card and the person puts this one in. */
async function cardIn(cardId: string): Promise<string> {
  const read = kiosk.waitForCard();
  await until(() => station.control.state().reader.accepting, 'the ATM asks for a card');
  expect(station.control.insertCard(cardId)).toEqual({ ok: true, value: undefined });
  const card = await read;
  if (!card.ok) throw new Error(`the kiosk did not read the card: ${card.error.type}`);
  return card.value.pan;
}

/** The kiosk runs a PIN entry and the person types `keys` on the EPP. */
async function typePin(keys: string): Promise<{ outcome: unknown; heard: PinKey[] }> {
  const heard: PinKey[] = [];
  const entry = kiosk.readPin({ minLength: 4, maxLength: 12, onKey: (key) => heard.push(key) });
  let ended = false;
  void entry.then(() => (ended = true));
  await until(() => ended || station.control.state().keyboard.entry === 'pin', 'the EPP reads a PIN');
  if (ended) throw new Error(`the PIN entry ended before a key was pressed: ${JSON.stringify(await entry)}`);
  expect(station.control.pressKeys(keys)).toMatchObject({ ok: true });
  const read = await entry;
  if (!read.ok) throw new Error(`PIN entry failed: ${read.error.type}`);
  return { outcome: read.value, heard };
}

describe('the lab ATM station', () => {
  it('serves the publisher and the bank host on loopback, and the bank keys central must trust', () => {
    expect(station.publisherUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0\/$/);
    expect(station.bankHostUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(station.trustedBanks.map((bank) => bank.bankCode).sort()).toEqual(['ALBI', 'RIBL', 'RJHI', 'SNB']);
  });

  it('lists a bank card for every demo card holder, the expired one, the unlinked one and the misrecorded one, each with its demo PIN marked demo only', () => {
    const { notice, cards } = station.control.cards();
    expect(notice).toMatch(/DEMO ONLY/);
    for (const holder of holders) {
      const card = cards.find((c) => c.id === `bank-${holder.bankCard.pan}`);
      expect(card, holder.nameEn).toEqual({
        id: `bank-${holder.bankCard.pan}`,
        label: `Bank card …${holder.bankCard.pan.slice(-4)}`,
        panLast4: holder.bankCard.pan.slice(-4),
        bankCode: holder.bankCard.bankCode,
        holderIdMasked: maskIdNumber(holder.idNumber),
        expiry: holder.bankCard.expiry,
        status: 'valid',
        demoPin: pinOf(holder.bankCard.pan),
      });
      expect(station.control.card(card!.id)).toMatchObject({ kind: 'bank', holderIdNumber: holder.idNumber });
    }
    expect(cards.find((c) => c.id === `bank-${DEMO_EXPIRED_CARD_PAN}`)).toMatchObject({ status: 'expired', holderIdMasked: maskIdNumber(population.people[2]!.idNumber) });
    expect(cards.find((c) => c.id === `bank-${DEMO_UNLINKED_CARD_PAN}`)).toMatchObject({ status: 'unlinked', holderIdMasked: null });
    expect(station.control.card(`bank-${DEMO_UNLINKED_CARD_PAN}`)?.holderIdNumber).toBeUndefined();
    // The bank's own record error: a valid card, vouched for a mistyped ID (central refuses it).
    expect(cards.find((c) => c.id === `bank-${DEMO_MISRECORDED_ID_CARD_PAN}`)).toMatchObject({ status: 'valid', holderIdMasked: maskIdNumber(misrecordedIdNumber(population.people[2]!.idNumber)) });
    expect(cards).toHaveLength(holders.length + 3);
    const text = JSON.stringify(cards);
    for (const holder of holders) expect(text).not.toContain(holder.idNumber);
  });

  it('takes a card only while the kiosk asks for one, and the kiosk reads the PAN of the card the person chose', async () => {
    expect(station.control.insertCard(faisalCard)).toEqual({ ok: false, error: { type: 'notAccepting' } });
    expect(station.control.insertCard('bank-0000')).toEqual({ ok: false, error: { type: 'unknownCard' } });
    expect(await cardIn(faisalCard)).toBe(faisal.bankCard.pan);
    expect(station.control.state().reader).toEqual({ position: 'inside', accepting: false, card: { id: faisalCard, panLast4: faisal.bankCard.pan.slice(-4) } });
    expect(station.control.insertCard(faisalCard)).toEqual({ ok: false, error: { type: 'occupied' } });
  });

  it('a wrong PIN then the right one: the kiosk hears key presses only, the bank gets enciphered blocks and decides', async () => {
    const pin = pinOf(faisal.bankCard.pan);
    const wrong = await typePin(`${wrongPin(pin)} enter`);
    expect(wrong).toEqual({ outcome: { outcome: 'entered', digits: 4 }, heard: ['digit', 'digit', 'digit', 'digit', 'enter'] });
    const wrongBlock = await kiosk.pinBlock({ pan: faisal.bankCard.pan, format: 'iso0' });
    if (!wrongBlock.ok) throw new Error(wrongBlock.error.type);
    expect(await authorise(station.bankHostUrl, { pan: faisal.bankCard.pan, expiry: faisal.bankCard.expiry.slice(2, 4) + faisal.bankCard.expiry.slice(5, 7), pinBlock: wrongBlock.value.block, format: 'iso0' })).toEqual({ outcome: 'wrongPin', triesLeft: 2 });

    // Clear wipes what was typed; Enter needs four digits again.
    const right = await typePin(`99 clear ${pin} enter`);
    expect(right.outcome).toEqual({ outcome: 'entered', digits: 4 });
    expect(station.control.state().keyboard).toEqual({ entry: 'none', digitsEntered: 4 });
    const block = await kiosk.pinBlock({ pan: faisal.bankCard.pan, format: 'iso4' });
    if (!block.ok) throw new Error(block.error.type);
    expect(block.value.block).toMatch(/^[0-9A-F]{32}$/);
    const answer = await authorise(station.bankHostUrl, { pan: faisal.bankCard.pan, expiry: faisal.bankCard.expiry.slice(2, 4) + faisal.bankCard.expiry.slice(5, 7), pinBlock: block.value.block, format: 'iso4' });
    expect(answer).toMatchObject({ outcome: 'approved', attestation: expect.any(String) });

    const { decisions } = station.control.state().bank;
    expect(decisions.slice(0, 2)).toMatchObject([
      { panLast4: faisal.bankCard.pan.slice(-4), format: 'iso4', outcome: 'approved' },
      { panLast4: faisal.bankCard.pan.slice(-4), format: 'iso0', outcome: 'wrongPin', triesLeft: 2 },
    ]);
    expect(JSON.stringify(decisions)).not.toContain(faisal.bankCard.pan);
  });

  it('keys pressed while the EPP reads nothing are ignored, and a bad key is refused', () => {
    expect(station.control.pressKeys('12 fdk03')).toEqual({ ok: true, value: { accepted: 0, ignored: 3 } });
    expect(station.control.pressKeys('fdk09')).toEqual({ ok: false, error: { type: 'badKey', key: 'fdk09' } });
  });

  it('prints a receipt, hands the card back, and the person takes it', async () => {
    expect(await kiosk.print(['REQUEST RECEIVED'])).toEqual({ ok: true, value: undefined });
    expect(station.control.state().printer.receipts).toBe(1);
    expect(await kiosk.ejectCard()).toEqual({ ok: true, value: undefined });
    expect(station.control.state().reader).toMatchObject({ position: 'atExit', card: { id: faisalCard } });
    const fate = kiosk.waitForCardTaken({ takeTimeoutMs: 60_000 });
    expect(station.control.takeCard()).toEqual({ ok: true, value: undefined });
    expect(await fate).toEqual({ ok: true, value: 'taken' });
    expect(station.control.state().reader).toEqual({ position: 'empty', accepting: false, card: null });
    expect(station.control.takeCard()).toEqual({ ok: false, error: { type: 'noCardAtExit' } });
  });

  it('a jammed card is retained by the reset, and the bin says whose card it holds', async () => {
    const card = `bank-${holders[1]!.bankCard.pan}`;
    await cardIn(card);
    station.control.setFault({ kind: 'cardJam' });
    expect(await kiosk.ejectCard()).toEqual({ ok: false, error: { type: 'jammed' } });
    expect(station.control.state().reader).toMatchObject({ position: 'jammed', card: { id: card } });
    expect(await kiosk.resetCardReader('retain')).toEqual({ ok: true, value: undefined });
    expect(station.control.state()).toMatchObject({ reader: { position: 'empty', card: null }, retainBin: { count: 1, cards: [card] } });
  });

  it('an EPP error fails the next PIN block, and the kiosk is told', async () => {
    await cardIn(faisalCard);
    await typePin(`${pinOf(faisal.bankCard.pan)} enter`);
    station.control.setFault({ kind: 'eppError' });
    expect(station.control.state().faults).toEqual([{ kind: 'eppError', errorCode: 'accessDenied' }]);
    expect(await kiosk.pinBlock({ pan: faisal.bankCard.pan, format: 'iso0' })).toMatchObject({ ok: false, error: { type: 'eppError' } });
    expect(station.control.state().faults).toEqual([]);
    expect(await kiosk.pinBlock({ pan: faisal.bankCard.pan, format: 'iso0' })).toMatchObject({ ok: true });
    expect(await kiosk.retainCard()).toEqual({ ok: true, value: undefined });
  });

  it('a service down is shown down and refuses the kiosk; the bank host down answers 503, dropped answers nothing; none puts all right', async () => {
    station.control.setFault({ kind: 'serviceDown', service: 'PinPad' });
    expect(station.control.state()).toMatchObject({ services: { PinPad: { up: false }, CardReader: { up: true } }, faults: [{ kind: 'serviceDown', service: 'PinPad' }] });
    const request = { pan: faisal.bankCard.pan, expiry: '3001', pinBlock: '0'.repeat(16), format: 'iso0' } as const;
    station.control.setFault({ kind: 'bankDown' });
    expect(station.control.state().bank.availability).toBe('unavailable');
    expect(await authorise(station.bankHostUrl, request)).toEqual({ status: 503 });
    station.control.setFault({ kind: 'bankDrop' });
    expect(await authorise(station.bankHostUrl, request)).toBe('dropped');

    station.control.setFault({ kind: 'none' });
    expect(station.control.state()).toMatchObject({ services: { PinPad: { up: true } }, faults: [], bank: { availability: 'up' } });
    expect(await authorise(station.bankHostUrl, request)).not.toEqual({ status: 503 });
    // The kiosk's client comes back by itself, with its backoff.
    await until(() => station.control.state().services.PinPad.connections > 0, 'the kiosk reconnects to the EPP');
  });

  it('three wrong PINs block the card at the bank; resetting the tries unblocks it', async () => {
    const card = holders[2]!.bankCard;
    const expiry = card.expiry.slice(2, 4) + card.expiry.slice(5, 7);
    const outcomes: unknown[] = [];
    await cardIn(`bank-${card.pan}`);
    for (let i = 0; i < 4; i += 1) {
      await typePin(`${wrongPin(pinOf(card.pan))} enter`);
      const block = await kiosk.pinBlock({ pan: card.pan, format: 'iso0' });
      if (!block.ok) throw new Error(block.error.type);
      outcomes.push(await authorise(station.bankHostUrl, { pan: card.pan, expiry, pinBlock: block.value.block, format: 'iso0' }));
    }
    expect(outcomes).toEqual([{ outcome: 'wrongPin', triesLeft: 2 }, { outcome: 'wrongPin', triesLeft: 1 }, { outcome: 'retainCard' }, { outcome: 'retainCard' }]);
    expect(station.control.resetPinTries(`bank-${card.pan}`)).toBe(true);
    expect(station.control.resetPinTries(`nationalId-${faisal.idNumber}`)).toBe(false);
    await typePin(`${pinOf(card.pan)} enter`);
    const block = await kiosk.pinBlock({ pan: card.pan, format: 'iso0' });
    if (!block.ok) throw new Error(block.error.type);
    expect(await authorise(station.bankHostUrl, { pan: card.pan, expiry, pinBlock: block.value.block, format: 'iso0' })).toMatchObject({ outcome: 'approved' });
    expect(await kiosk.retainCard()).toEqual({ ok: true, value: undefined });
  });

  it('no log line holds a PIN typed, a whole PAN or a whole ID number', () => {
    // Decision times and the loopback ports are digits that may hold any four by chance; they are no one's data.
    const lines = captured.lines.map((line) =>
      line.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<date-time>').replaceAll(station.publisherUrl, '<atm>').replaceAll(station.bankHostUrl, '<bank>'),
    );
    expect(lines.some((line) => line.includes('"atm.keys"'))).toBe(true);
    expect(lines.some((line) => line.includes('"atm.insertCard"'))).toBe(true);
    const secrets = [...holders.slice(0, 3).flatMap((h) => [pinOf(h.bankCard.pan), wrongPin(pinOf(h.bankCard.pan)), h.bankCard.pan, h.idNumber])];
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
