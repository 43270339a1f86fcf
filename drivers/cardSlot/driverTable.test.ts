import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VirtualCard } from '../cardData/virtualCard';
import { makeBankCard, makeNationalIdCard, makeTechnicianCard } from '../lab/cards';
import { commands } from './commands';
import { openCardSlotRig, type CardSlotRig } from './testing/ptyRig';

/** The command table beyond the journeys' commands, driver against simulator over a real pty pair. */

const bankCard = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
const idCard = makeNationalIdCard('1000000008', '2030-12-31');

let rig: CardSlotRig;

beforeEach(async () => {
  rig = await openCardSlotRig();
});
afterEach(async () => {
  await rig.close();
});

async function cardInside(card: VirtualCard = bankCard, countRetracts = false): Promise<void> {
  expect((await rig.slot.initialize('cardToGate', { countRetracts })).ok).toBe(true);
  expect((await rig.slot.enableEntry('anyCard')).ok).toBe(true);
  expect(rig.simulator.insertCard(card)).toEqual({ ok: true, value: undefined });
}

describe('Initialize', () => {
  it('sends the documented settings and reads the reader type code back', async () => {
    expect(await rig.slot.initializeReporting('cardToGate')).toEqual({
      ok: true,
      value: { position: 'noCard', readerType: { tracks: { 1: 'readWrite', 2: 'readWrite', 3: 'readWrite' }, ic: 'present', hiCoWrite: false } },
    });
    expect(await rig.slot.initializeReporting('cardToGate', { settings: { reportType: false } })).toEqual({ ok: true, value: { position: 'noCard' } });
  });
});

describe('sensor status', () => {
  it('tells where the card is by the sensors, the IC contacts and the entry mode', async () => {
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { position: 'noCard', gateSwitch: false, pd2: false, captureBox: true, entry: 'disabled' } });
    await rig.slot.enableEntry('magneticOnly');
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { entry: 'magneticOnly' } });
    rig.simulator.insertCard(bankCard);
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { position: 'inside', pd2: true, pd3: true, icContact: false, entry: 'disabled' } });
    await rig.slot.moveToIc();
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { icPosition: true, icContact: true } });
    await rig.slot.ejectToGate();
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { position: 'atGate', gateSwitch: true, shutter: true, pd2: false, icContact: false } });
    rig.simulator.setCaptureBox(false);
    expect(await rig.slot.sensors()).toMatchObject({ ok: true, value: { captureBox: false } });
  });

  it('reports a standing error on C 1 2 but still reads the sensors with C 1 3', async () => {
    await rig.close();
    rig = await openCardSlotRig({ simulator: { takeTimeoutMs: 50 } });
    await cardInside();
    await rig.slot.ejectToGate();
    await vi.waitFor(() => expect(rig.simulator.state).toBe('captured'));
    expect(await rig.slot.sensors({ evenOnError: true })).toMatchObject({ ok: true, value: { position: 'noCard', gateSwitch: false } });
    expect(await rig.slot.sensors()).toMatchObject({ ok: false, error: { type: 'reader', command: 'C12', error: { code: '46', reason: 'notTaken' } } });
  });
});

describe('magnetic tracks', () => {
  it('says which tracks carry data (C 6 7) without moving the card', async () => {
    await cardInside();
    expect(await rig.slot.trackPresence()).toEqual({ ok: true, value: { 1: true, 2: true, 3: false } });
  });

  it('reports a chip-only card as having no tracks, and refuses with no card inside', async () => {
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.trackPresence()).toMatchObject({ ok: false, error: { error: { code: '02', reason: 'cannotExecute' } } });
    await rig.slot.enableEntry('anyCard');
    rig.simulator.insertCard(idCard);
    expect(await rig.slot.trackPresence()).toEqual({ ok: true, value: { 1: false, 2: false, 3: false } });
  });

  it('forgets the tracks read on C 6 6 and reads the card again for the next read', async () => {
    await cardInside();
    expect(await rig.slot.clearTrackBuffer()).toEqual({ ok: true, value: undefined });
    expect(await rig.slot.trackPresence()).toEqual({ ok: true, value: { 1: false, 2: false, 3: false } });
    expect(await rig.slot.readTracks([2])).toMatchObject({ ok: true, value: { 2: { ok: true, value: '4111111111111111=301220100000000' } } });
    expect(await rig.slot.trackPresence()).toEqual({ ok: true, value: { 1: true, 2: true, 3: false } });
  });

  it('reads a track in a single pass (C 6 9..;) as the retrying read does', async () => {
    await cardInside();
    expect(await rig.slot.readTracks([2, 3], { singlePass: true })).toEqual({
      ok: true,
      value: { 2: { ok: true, value: '4111111111111111=301220100000000' }, 3: { ok: false, error: { type: 'noData' } } },
    });
  });

  it('writes one track directly and several through the buffer; what is written reads back', async () => {
    await cardInside(makeTechnicianCard('7'));
    expect(await rig.slot.writeTracks({ 3: '0123456789' })).toEqual({
      ok: true,
      value: [{ kind: 'notWritten' }, { kind: 'notWritten' }, { kind: 'written', verify: 'good' }],
    });
    expect(await rig.slot.readTracks([3])).toEqual({ ok: true, value: { 3: { ok: true, value: '0123456789' } } });
    expect(await rig.slot.writeTracks({ 1: 'BTEST^CARD', 2: '12345=99' })).toMatchObject({ ok: true, value: [{ kind: 'written' }, { kind: 'written' }, { kind: 'notWritten' }] });
    expect(await rig.slot.readTracks([1, 2])).toEqual({ ok: true, value: { 1: { ok: true, value: 'BTEST^CARD' }, 2: { ok: true, value: '12345=99' } } });
    expect(rig.simulator.card?.tracks?.track2).toBe(';12345=99?');
  });

  it('refuses characters a track format cannot hold (error 04) and writing with no card (02)', async () => {
    await cardInside();
    expect(await rig.slot.writeTracks({ 2: '12AB' })).toMatchObject({ ok: false, error: { error: { code: '04', reason: 'badCommandData' } } });
    await rig.slot.retainCard();
    expect(await rig.slot.writeTracks({ 3: '1' })).toMatchObject({ ok: false, error: { error: { code: '02' } } });
  });
});

describe('card entry, carry and removal', () => {
  it('answers a card-entry command (C 2 0) once a card is inside', async () => {
    await rig.slot.initialize('cardToGate');
    const entering = rig.slot.acceptCard('anyCard', { timeoutMs: 10_000 });
    await vi.waitFor(() => expect(rig.simulator.insertCard(bankCard)).toEqual({ ok: true, value: undefined }));
    expect(await entering).toEqual({ ok: true, value: 'inside' });
    expect(await rig.slot.trackPresence()).toMatchObject({ ok: true, value: { 2: true } });
  });

  it('cancels a waiting card entry with DLE EOT; the reader confirms and takes no card afterwards', async () => {
    await rig.slot.initialize('cardToGate');
    const controller = new AbortController();
    const entering = rig.slot.acceptCard('magneticOnly', { timeoutMs: 10_000, signal: controller.signal });
    await vi.waitFor(() => expect(rig.simulator.insertCard(idCard)).toEqual({ ok: false, error: { type: 'rejectedNoStripe' } }));
    controller.abort();
    expect(await entering).toEqual({ ok: false, error: { type: 'aborted' } });
    await vi.waitFor(() => expect(rig.simulator.stats.aborts).toBe(1));
    expect(rig.simulator.insertCard(bankCard)).toEqual({ ok: false, error: { type: 'entryDisabled' } });
    expect(await rig.slot.status()).toEqual({ ok: true, value: 'noCard' });
  });

  it('answers back entry with error 19 when no card comes from the rear', async () => {
    await rig.close();
    rig = await openCardSlotRig({ simulator: { rearEntryWaitMs: 50 } });
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.acceptCard('fromRear', { timeoutMs: 5_000 })).toMatchObject({ ok: false, error: { error: { code: '19', reason: 'noRearInsertion' } } });
  });

  it('ejects with a protrusion, and the removal monitor (C T 0) sees the card taken', async () => {
    await cardInside();
    expect(await rig.slot.ejectToGate({ protrudeMs: 16 })).toEqual({ ok: true, value: 'atGate' });
    const watching = rig.slot.monitorRemoval(5);
    setTimeout(() => rig.simulator.takeCard(), 50);
    expect(await watching).toEqual({ ok: true, value: 'taken' });
  });

  it('the removal monitor answers 46 when the card stays at the gate', async () => {
    await cardInside();
    await rig.slot.ejectToGate();
    expect(await rig.slot.monitorRemoval(1)).toEqual({ ok: false, error: { type: 'cardNotTaken', retained: false } });
    expect(rig.simulator.state).toBe('atGate');
  });

  it('an unknown command is refused with error 00 and a bad parameter with 01, not dropped', async () => {
    await rig.slot.initialize('cardToGate');
    expect(await rig.slot.send({ cm: 'Z', pm: '0', data: new Uint8Array(0) })).toMatchObject({ ok: true, value: { kind: 'negative', error: { code: '00', reason: 'unknownCommand' } } });
    expect(await rig.slot.send({ cm: '6', pm: '5', data: new Uint8Array(0) })).toMatchObject({ ok: true, value: { kind: 'negative', error: { code: '01' } } });
  });
});

describe('retract counter', () => {
  it('counts captures when Initialize asked for it, is read and reset, and refuses captures at 99 (error 50)', async () => {
    await cardInside(bankCard, true);
    expect(await rig.slot.retainCard()).toEqual({ ok: true, value: 'noCard' });
    const { CardSlotService } = await import('./driverService');
    const service = new CardSlotService(rig.slot);
    expect(await service.retractCounter()).toEqual({ ok: true, value: 1 });
    expect(await service.setRetractCounter(99)).toEqual({ ok: true, value: undefined });
    await rig.slot.enableEntry('anyCard');
    rig.simulator.insertCard(idCard);
    expect(await rig.slot.retainCard()).toMatchObject({ ok: false, error: { error: { code: '50', reason: 'retractCounterOverflow' } } });
    expect(await service.setRetractCounter(0)).toEqual({ ok: true, value: undefined });
    expect(await rig.slot.retainCard()).toEqual({ ok: true, value: 'noCard' });
    expect(await service.retractCounter()).toEqual({ ok: true, value: 1 });
    expect(rig.simulator.retractCounter).toEqual({ counting: true, value: 1 });
  });

  it('is not kept by a reader initialized without it (error 02)', async () => {
    await rig.slot.initialize('cardToGate');
    const { CardSlotService } = await import('./driverService');
    expect(await new CardSlotService(rig.slot).retractCounter()).toMatchObject({ ok: false, error: { error: { code: '02' } } });
  });
});

describe('IC card control', () => {
  it('reports the chip powered after activation, warm-resets it, and unpowered after deactivation', async () => {
    await cardInside(idCard);
    expect(await rig.slot.iccStatus()).toEqual({ ok: true, value: { active: false, volts: 5, clockMHz: 0 } });
    await rig.slot.moveToIc();
    expect(await rig.slot.iccActivate({ activation: 'iso3V' })).toEqual({ ok: true, value: idCard.chip?.atr });
    expect(await rig.slot.iccStatus()).toEqual({ ok: true, value: { active: true, volts: 3, clockMHz: 3.58 } });
    expect(await rig.slot.iccWarmReset()).toEqual({ ok: true, value: idCard.chip?.atr });
    await rig.slot.iccDeactivate();
    expect(await rig.slot.iccStatus()).toMatchObject({ ok: true, value: { active: false } });
    expect(await rig.slot.apdu(Uint8Array.of(0, 0xb0, 0, 0, 2), 'auto')).toMatchObject({ ok: false, error: { error: { code: '65', reason: 'iccNotActivated' } } });
  });

  it('carries APDUs longer than 1000 bytes both ways in parts (C I 5/6, C I 7)', async () => {
    const received: number[] = [];
    const chip = {
      atr: Uint8Array.of(0x3b, 0x80, 0x01, 0x81),
      protocols: ['T1'] as const,
      reset: () => Uint8Array.of(0x3b, 0x80, 0x01, 0x81),
      transmit: (apdu: Uint8Array) => {
        received.push(apdu.length);
        return Uint8Array.from({ length: 2502 }, (_, i) => (i >= 2500 ? [0x90, 0x00][i - 2500]! : i & 0xff));
      },
    };
    await cardInside({ ...makeTechnicianCard('8'), chip });
    await rig.slot.moveToIc();
    await rig.slot.iccActivate();
    const long = Uint8Array.from({ length: 2300 }, (_, i) => i & 0xff);
    const response = await rig.slot.apdu(long, 'T1');
    expect(received).toEqual([2300]);
    expect(response.ok && response.value.length).toBe(2502);
    expect(response.ok && [...response.value.slice(998, 1002)]).toEqual([998 & 0xff, 999 & 0xff, 1000 & 0xff, 1001 & 0xff]);
    expect(response.ok && [...response.value.slice(-2)]).toEqual([0x90, 0x00]);
  });

  it('refuses ICC commands before the contacts land, and a bad activation parameter', async () => {
    await cardInside(idCard);
    expect(await rig.slot.iccActivate()).toMatchObject({ ok: false, error: { error: { code: '02' } } });
    await rig.slot.moveToIc();
    expect(await rig.slot.send({ ...commands.iccActivate(), data: Uint8Array.of(0x39) })).toMatchObject({ ok: true, value: { kind: 'negative', error: { code: '01' } } });
  });
});
