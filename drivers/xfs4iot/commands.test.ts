import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeBankCard } from '../lab/cards';
import type { XfsClient, XfsService } from './client';
import type { CommandPayload, SolicitedEvent } from './messages';
import { type AtmRig, connectClient, openAtm, testEncipherPin } from './testing/atmRig';

/** Every command ATM mode sends, straight through the client against the simulator. */

const card = makeBankCard('5544332211009966', 'DOE/JANE', '2029-06', '1000000008');
let rig: AtmRig;
let client: XfsClient;
let reader: XfsService;
let epp: XfsService;
beforeEach(async () => {
  rig = await openAtm({ simulator: { takeTimeoutMs: 60_000 } });
  client = await connectClient(rig);
  reader = client.service('CardReader')!;
  epp = client.service('PinPad')!;
});
afterEach(async () => {
  await client.close();
  await rig.close();
});

async function readCard(): Promise<Array<SolicitedEvent<'CardReader.ReadRawData'>['name']>> {
  const events: Array<SolicitedEvent<'CardReader.ReadRawData'>['name']> = [];
  const read = reader.command('CardReader.ReadRawData', { track1: true, track2: true, track3: true, chip: true }, { guardMs: 'none', onEvent: (event) => events.push(event.name) });
  await rig.wire.upcoming('CardReader.InsertCardEvent');
  rig.atm.control.insertCard(card);
  const result = await read;
  expect(result).toEqual({
    ok: true,
    value: {
      track1: { data: Buffer.from('B5544332211009966^DOE/JANE^290620100000000').toString('base64') },
      track2: { data: Buffer.from('5544332211009966=290620100000000').toString('base64') },
      track3: { status: 'dataMissing' },
      chip: [{ data: Buffer.from([0x3b, 0x60, 0x00, 0x00]).toString('base64') }],
    },
  });
  return events;
}

it('CardReader.ReadRawData: InsertCardEvent, then MediaInsertedEvent, then the tracks and the chip’s ATR as base64', async () => {
  expect(await readCard()).toEqual(['CardReader.InsertCardEvent', 'CardReader.MediaInsertedEvent']);
});

it('CardReader.Move to exit, back to transport, and to the retain unit; Storage.GetStorage counts the bin', async () => {
  await readCard();
  expect(await reader.command('CardReader.Move', { to: 'exit' })).toEqual({ ok: true, value: {} });
  expect(rig.atm.control.state().cardReader.media).toBe('entering');
  expect(await reader.command('CardReader.Move', { from: 'exit', to: 'transport' })).toEqual({ ok: true, value: {} });
  expect(await reader.command('CardReader.Move', { to: 'unit1' })).toEqual({ ok: true, value: {} });
  expect(await reader.command('CardReader.Move', { to: 'exit' })).toMatchObject({ ok: false, error: { type: 'commandError', errorCode: 'noMedia' } });
  const storage = await reader.command('Storage.GetStorage', {});
  expect(storage.ok && storage.value.storage.unit1).toMatchObject({ capacity: 50, status: 'ok', card: { capabilities: { type: 'retain' }, status: { count: 1 } } });
});

it('a card read again from the exit is pulled back in without a new insertion', async () => {
  await readCard();
  await reader.command('CardReader.Move', { to: 'exit' });
  const events: string[] = [];
  const again = await reader.command('CardReader.ReadRawData', { track2: true }, { onEvent: (event) => events.push(event.name) });
  expect(again.ok && again.value.track2?.data).toBe(Buffer.from('5544332211009966=290620100000000').toString('base64'));
  expect(events).toEqual([]);
});

it('CardReader.Reset gives a card inside back at the exit, or retains it', async () => {
  await readCard();
  expect(await reader.command('CardReader.Reset', { to: 'exit' })).toEqual({ ok: true, value: {} });
  expect(rig.atm.control.state().cardReader.media).toBe('entering');
  expect(await reader.command('CardReader.Reset', { to: 'retain', storageId: 'unit1' })).toEqual({ ok: true, value: {} });
  expect(rig.atm.control.state()).toMatchObject({ cardReader: { media: 'notPresent' }, retainBin: { count: 1 } });
});

it('Keyboard.GetLayout lists the PIN pad and the eight FDKs', async () => {
  const layout = await epp.command('Keyboard.GetLayout', { entryMode: 'pin' });
  const keys = layout.ok ? (layout.value.layout?.pin ?? []).flatMap((frame) => frame.keys.map((key) => key.key)) : [];
  expect(keys).toEqual(expect.arrayContaining(['zero', 'nine', 'enter', 'cancel', 'clear', 'fdk01', 'fdk08']));
});

it('Keyboard.PinEntry with autoEnd completes `auto` at maxLen; PinPad.GetPinBlock enciphers what was typed', async () => {
  const entry = epp.command('Keyboard.PinEntry', { minLen: 4, maxLen: 4, autoEnd: true, activeKeys: { one: {}, two: {}, three: {}, four: {}, cancel: { terminate: true } } });
  await rig.wire.upcoming('Keyboard.EnterDataEvent');
  expect(rig.atm.control.pressKeys('1 2 9 3 4 4')).toEqual({ ok: true, value: { accepted: 4, ignored: 2 } });
  expect(await entry).toEqual({ ok: true, value: { digits: 4, completion: 'auto' } });
  const block = await epp.command('PinPad.GetPinBlock', { customerData: '554433221100996', format: 'iso0', key: 'PINKEY_TDES' });
  expect(block).toEqual({ ok: true, value: { pinBlock: Buffer.from(testEncipherPin('1234', '5544332211009966', 'iso0'), 'hex').toString('base64') } });
});

it('PinPad.GetPinBlock names its failures: unknown key, a key of the other format, an unsupported format', async () => {
  const entry = epp.command('Keyboard.PinEntry', { minLen: 4, maxLen: 4, autoEnd: true, activeKeys: { one: {} } });
  await rig.wire.upcoming('Keyboard.EnterDataEvent');
  rig.atm.control.pressKeys('1111');
  await entry;
  const code = async (payload: CommandPayload<'PinPad.GetPinBlock'>) => {
    const result = await epp.command('PinPad.GetPinBlock', payload);
    return result.ok ? 'ok' : result.error.type === 'commandError' ? result.error.errorCode : result.error.type;
  };
  expect(await code({ customerData: '5544332211009966', format: 'iso4', key: 'NOPE' })).toBe('keyNotFound');
  expect(await code({ customerData: '5544332211009966', format: 'iso4', key: 'PINKEY_TDES' })).toBe('useViolation');
  expect(await code({ customerData: '5544332211009966', format: 'iso1', key: 'PINKEY_TDES' })).toBe('formatNotSupported');
  expect(await code({ customerData: '5544332211009966', format: 'iso4', key: 'PINKEY_AES' })).toBe('ok');
});

it('Keyboard.DataEntry reports each active key with its name; a terminating FDK ends it', async () => {
  const keys: unknown[] = [];
  const entry = epp.command(
    'Keyboard.DataEntry',
    { maxLen: 0, autoEnd: false, activeKeys: { fdk01: { terminate: false }, enter: { terminate: false }, fdk04: { terminate: true } } },
    { onEvent: (event) => keys.push(event.payload) },
  );
  await rig.wire.upcoming('Keyboard.EnterDataEvent');
  rig.atm.control.pressKeys('fdk01 enter 7 fdk04');
  expect(await entry).toEqual({
    ok: true,
    value: {
      keys: 0,
      pinKeys: [
        { digit: 'fdk01', completion: 'contFdk' },
        { digit: 'enter', completion: 'continue' },
        { digit: 'fdk04', completion: 'fdk' },
      ],
      completion: 'fdk',
    },
  });
  expect(keys).toEqual([{}, { digit: 'fdk01', completion: 'contFdk' }, { digit: 'enter', completion: 'continue' }, { digit: 'fdk04', completion: 'fdk' }]);
});

it('Keyboard.PinEntry refuses keys the EPP does not have and an entry nothing can end', async () => {
  expect(await epp.command('Keyboard.PinEntry', { maxLen: 4, activeKeys: { fdk20: { terminate: true } } })).toMatchObject({
    ok: false,
    error: { errorCode: 'keyNotSupported' },
  });
  expect(await epp.command('Keyboard.PinEntry', { maxLen: 4, activeKeys: { one: {} } })).toMatchObject({ ok: false, error: { errorCode: 'noTerminatekeys' } });
});

it('Printer.PrintRaw hands the bytes to the printer', async () => {
  const printer = client.service('Printer')!;
  expect(await printer.command('Printer.PrintRaw', { inputData: 'no', data: Buffer.from('receipt\n').toString('base64') })).toEqual({ ok: true, value: {} });
  expect(rig.atm.control.printed().map((bytes) => Buffer.from(bytes).toString())).toEqual(['receipt\n']);
});
