import { afterEach, describe, expect, it } from 'vitest';
import { makeBankCard } from '../lab/cards';
import type { AtmDevices, NavigationKey, PinKey } from './atm';
import { type AtmRig, connectDevices, openAtm, testEncipherPin } from './testing/atmRig';
import { DEFAULT_TECHNICIAN_PIN_KEY } from './pinKeys';

const PAN = '4111111111111111';
const card = makeBankCard(PAN, 'DOE/JOHN', '2030-12', '1000000008');
let rig: AtmRig;
let atm: AtmDevices;
afterEach(async () => {
  await atm.close();
  await rig.close();
});

async function open(simulator: Parameters<typeof openAtm>[0] = {}): Promise<void> {
  rig = await openAtm(simulator);
  atm = await connectDevices(rig);
}

/** A person inserts the card as soon as the slot opens (call right after starting the wait). */
async function insertWhenOpen(inserted: Parameters<typeof rig.atm.control.insertCard>[0] = card): Promise<void> {
  await rig.wire.upcoming('CardReader.InsertCardEvent');
  expect(rig.atm.control.insertCard(inserted)).toEqual({ ok: true, value: undefined });
}

async function cardInside(): Promise<void> {
  const read = atm.waitForCard();
  await insertWhenOpen();
  expect((await read).ok).toBe(true);
}

/** Runs a PIN entry, typing `keys` once the EPP is ready. */
async function typePin(keys: readonly string[], lengths = { minLength: 4, maxLength: 12 }) {
  const heard: PinKey[] = [];
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const entry = atm.readPin({ ...lengths, onKey: (key) => heard.push(key), onReady: ready });
  await isReady;
  for (const key of keys) rig.atm.control.pressKeys(key);
  return { result: await entry, heard };
}

describe('the card', () => {
  it('waitForCard opens the slot and reads the PAN and expiry from track 2 and whether the card has a chip', async () => {
    await open();
    const read = atm.waitForCard();
    await insertWhenOpen();
    expect(await read).toEqual({ ok: true, value: { pan: PAN, expiry: '3012', serviceCode: '201', hasChip: true } });
    expect(rig.atm.control.state().cardReader).toEqual({ media: 'present', accepting: false, card: 'Bank card …1111' });
  });

  it('a stripe without track 2 is an unreadable card that stays inside to be given back', async () => {
    await open();
    const read = atm.waitForCard();
    await insertWhenOpen({ tracks: { track1: card.tracks!.track1! }, chip: false });
    expect(await read).toEqual({ ok: false, error: { type: 'unreadableCard', reason: 'no track 2 (dataMissing)' } });
    expect(await atm.ejectCard()).toEqual({ ok: true, value: undefined });
  });

  it('stopping the wait closes the slot: a card can no longer go in', async () => {
    await open();
    const stop = new AbortController();
    const read = atm.waitForCard({ signal: stop.signal });
    await rig.wire.next('CardReader.InsertCardEvent');
    stop.abort();
    expect(await read).toEqual({ ok: false, error: { type: 'aborted', device: 'cardReader' } });
    expect(rig.atm.control.insertCard(card)).toEqual({ ok: false, error: { type: 'notAccepting' } });
  });

  it('an ejected card that is taken is `taken`, even when it was taken before the kiosk started waiting', async () => {
    await open();
    await cardInside();
    expect(await atm.ejectCard()).toEqual({ ok: true, value: undefined });
    expect(rig.atm.control.takeCard()).toMatchObject({ ok: true });
    await rig.wire.next('CardReader.MediaRemovedEvent');
    expect(await atm.waitForCardTaken()).toEqual({ ok: true, value: 'taken' });
    expect(rig.atm.control.state().retainBin.count).toBe(0);
  });

  it('retainCard moves the card into the retain unit Storage.GetStorage names, and the bin counts it', async () => {
    await open();
    await cardInside();
    expect(await atm.retainCard()).toEqual({ ok: true, value: undefined });
    expect(rig.atm.control.retainedCards()).toEqual([card]);
    expect(await atm.status()).toEqual({
      cardReader: 'online',
      pinPad: 'online',
      printer: 'online',
      retainBin: { count: 1, capacity: 50, full: false },
      receiptPaper: 'full',
    });
  });

  it('with no card, eject is noCard', async () => {
    await open();
    expect(await atm.ejectCard()).toEqual({ ok: false, error: { type: 'noCard' } });
    expect(await atm.waitForCardTaken()).toEqual({ ok: false, error: { type: 'noCard' } });
  });
});

describe('the PIN', () => {
  it('each key press is heard without its digit, and Enter ends the entry with the count of digits', async () => {
    await open();
    const { result, heard } = await typePin(['12', 'clear', '3456', 'enter']);
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
    expect(heard).toEqual(['digit', 'digit', 'clear', 'digit', 'digit', 'digit', 'digit', 'enter']);
    expect(rig.atm.control.state().keyboard).toEqual({ entry: 'none', digitsEntered: 4 });
  });

  it('Enter before the minimum length is ignored by the EPP', async () => {
    await open();
    const { result, heard } = await typePin(['12', 'enter', '34', 'enter']);
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
    expect(heard).toEqual(['digit', 'digit', 'digit', 'digit', 'enter']);
  });

  it('Cancel ends the entry as cancelled and empties the EPP’s PIN buffer', async () => {
    await open();
    const { result, heard } = await typePin(['123', 'cancel']);
    expect(result).toEqual({ ok: true, value: { outcome: 'cancelled' } });
    expect(heard).toEqual(['digit', 'digit', 'digit', 'cancel']);
    expect(await atm.pinBlock({ pan: PAN, format: 'iso0' })).toMatchObject({ ok: false, error: { type: 'eppError', reason: expect.stringContaining('noPin') } });
  });

  it('the PIN block comes back as the EPP enciphered it, for format 0 (PAN without check digit on the wire) and format 4', async () => {
    await open();
    await typePin(['7359', 'enter']);
    expect(await atm.pinBlock({ pan: PAN, format: 'iso0' })).toEqual({ ok: true, value: { format: 'iso0', block: testEncipherPin('7359', PAN, 'iso0') } });
    expect(await atm.pinBlock({ pan: PAN, format: 'iso4' })).toEqual({ ok: true, value: { format: 'iso4', block: testEncipherPin('7359', PAN, 'iso4') } });
    const sent = rig.wire.frames.filter((frame) => frame.direction === 'in' && frame.text.includes('PinPad.GetPinBlock')).map((frame) => JSON.parse(frame.text).payload);
    expect(sent).toEqual([
      { customerData: PAN.slice(0, -1), format: 'iso0', key: 'PINKEY_TDES' },
      { customerData: PAN, format: 'iso4', key: 'PINKEY_AES' },
    ]);
  });

  it('a technician’s PIN block comes from the technician key (format 4 only): the bank’s key is not used for it, nor it for format 0', async () => {
    await open();
    await typePin(['7359', 'enter']);
    const block = await atm.pinBlock({ pan: PAN, format: 'iso4', key: DEFAULT_TECHNICIAN_PIN_KEY });
    expect(block).toEqual({ ok: true, value: { format: 'iso4', block: testEncipherPin('7359', PAN, 'iso4', DEFAULT_TECHNICIAN_PIN_KEY) } });
    expect(block.ok && block.value.block).not.toBe(testEncipherPin('7359', PAN, 'iso4'));
    expect(await atm.pinBlock({ pan: PAN, format: 'iso0', key: DEFAULT_TECHNICIAN_PIN_KEY })).toMatchObject({ ok: false, error: { type: 'eppError', reason: expect.stringContaining('useViolation') } });
    expect(await atm.pinBlock({ pan: PAN, format: 'iso4', key: 'NO_SUCH_KEY' })).toMatchObject({ ok: false, error: { type: 'eppError', reason: expect.stringContaining('keyNotFound') } });
  });
});

describe('navigation keys', () => {
  it('FDKs, Enter, Cancel and Clear are heard as they are pressed; digits are not active', async () => {
    await open();
    const heard: NavigationKey[] = [];
    const stop = new AbortController();
    const navigating = atm.navigationKeys({ onKey: (key) => heard.push(key), signal: stop.signal });
    await rig.wire.next('Keyboard.EnterDataEvent');
    for (const keys of ['fdk03', '5', 'enter', 'fdk08', 'clear', 'cancel']) rig.atm.control.pressKeys(keys);
    await rig.wire.next('Keyboard.KeyEvent', (frame) => frame.text.includes('"cancel"'));
    stop.abort();
    expect(await navigating).toEqual({ ok: true, value: undefined });
    expect(heard).toEqual(['fdk03', 'enter', 'fdk08', 'clear', 'cancel']);
  });

  it('a PIN entry takes the keyboard over from navigation', async () => {
    await open();
    const navigating = atm.navigationKeys({ onKey: () => undefined, signal: new AbortController().signal });
    await rig.wire.next('Keyboard.EnterDataEvent');
    const { result } = await typePin(['1234', 'enter']);
    expect(result).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
    expect(await navigating).toEqual({ ok: true, value: undefined });
  });
});

describe('status', () => {
  it('a device’s state changes are reported as they happen: its own StatusChangedEvent, its service lost and back', async () => {
    await open();
    const changes: string[] = [];
    let printerBack: () => void = () => undefined;
    const printerOnline = new Promise<void>((resolve) => (printerBack = resolve));
    atm.onStatusChange((device, state) => {
      changes.push(`${device} ${state}`);
      if (device === 'printer' && state === 'online') printerBack();
    });
    const read = atm.waitForCard();
    await insertWhenOpen();
    await read;
    rig.atm.control.setFault({ type: 'cardJam' });
    await atm.ejectCard();
    rig.atm.control.setFault({ type: 'dropConnections', service: 'Printer' });
    await printerOnline;
    expect(changes).toEqual(['cardReader hardwareError', 'printer offline', 'printer online']);
  });
});

describe('the receipt printer', () => {
  it('prints text lines as UTF-8 and bytes as they are', async () => {
    await open();
    expect(await atm.print(['طلبك قيد المعالجة', 'Request received'])).toEqual({ ok: true, value: undefined });
    expect(await atm.print(Uint8Array.of(0x1b, 0x40, 0x1d, 0x56, 0x00))).toEqual({ ok: true, value: undefined });
    const [text, raw] = rig.atm.control.printed();
    expect(Buffer.from(text!).toString('utf8')).toBe('طلبك قيد المعالجة\nRequest received\n');
    expect([...raw!]).toEqual([0x1b, 0x40, 0x1d, 0x56, 0x00]);
  });

  it('out of paper is paperOut, and status says so', async () => {
    await open();
    rig.atm.control.setFault({ type: 'paperOut' });
    expect(await atm.print(['x'])).toEqual({ ok: false, error: { type: 'paperOut' } });
    expect(await atm.status()).toMatchObject({ printer: 'online', receiptPaper: 'out' });
  });
});

describe('the audio jack (headset convention)', () => {
  it('headphones in and out reach the kiosk from the Auxiliaries sensor in StatusChangedEvent, once per change, and Common.Status says the same', async () => {
    await open();
    const heard: boolean[] = [];
    const stop = atm.onHeadset((plugged) => heard.push(plugged));
    const pluggedIn = new Promise<void>((resolve) => atm.onHeadset((plugged) => plugged && resolve()));
    rig.atm.control.plugHeadset(true);
    await pluggedIn;
    expect(heard).toEqual([true]);
    expect(rig.atm.control.state().headset).toBe(true);
    const status = await atm.client.services.find((s) => s.interfaces.includes('Auxiliaries'))?.command('Common.Status', {});
    expect(status?.ok && status.value.auxiliaries).toEqual({ enhancedAudioSensor: 'present' });

    // Plugged in again while in: nothing new to say. Out: false.
    rig.atm.control.plugHeadset(true);
    const out = rig.wire.upcoming('Common.StatusChangedEvent');
    rig.atm.control.plugHeadset(false);
    await out;
    await expect.poll(() => heard).toEqual([true, false]);
    stop();
  });
});
