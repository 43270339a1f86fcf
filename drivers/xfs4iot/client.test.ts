import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { XfsClient } from './client';
import { XfsClient as Client } from './client';
import { parseMessage } from './messages';
import { type AtmRig, connectClient, openAtm } from './testing/atmRig';

let rig: AtmRig;
let client: XfsClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await rig.close();
});

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

it('finds the publisher on the first port that answers and connects one socket per service, each with its interfaces', async () => {
  rig = await openAtm();
  const found = await Client.connect({ ...rig.clientOptions, ports: [await deadPort(), rig.atm.port] });
  expect(found.ok).toBe(true);
  if (!found.ok) return;
  client = found.value;
  expect(client.publisher).toBe(rig.atm.publisherUrl);
  expect(client.vendorName).toMatch(/Simulated ATM/);
  expect(client.services.map((service) => [service.uri, [...service.interfaces].sort()])).toEqual([
    [`${rig.atm.publisherUrl}CardReader/`, ['CardReader', 'Common', 'Storage']],
    [`${rig.atm.publisherUrl}PinPad/`, ['Auxiliaries', 'Common', 'Keyboard', 'PinPad']],
    [`${rig.atm.publisherUrl}Printer/`, ['Common', 'Printer']],
  ]);
  expect(rig.atm.control.state().services).toEqual({
    CardReader: { listed: true, up: true, connections: 1 },
    PinPad: { listed: true, up: true, connections: 1 },
    Printer: { listed: true, up: true, connections: 1 },
  });
});

it('no candidate answering is noPublisher, naming what was tried', async () => {
  rig = await openAtm();
  const port = await deadPort();
  expect(await Client.connect({ ...rig.clientOptions, ports: [port] })).toEqual({
    ok: false,
    error: { type: 'noPublisher', tried: [`ws://127.0.0.1:${port}/xfs4iot/v1.0/`] },
  });
});

it('request ids on a connection start at 1 (discovery’s Common.Capabilities), count up and are never reused', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  const printer = client.service('Printer')!;
  for (let i = 0; i < 5; i++) expect((await printer.command('Common.Status', {})).ok).toBe(true);
  const ids = rig.wire.frames
    .filter((frame) => frame.service === 'Printer' && frame.direction === 'in')
    .map((frame) => {
      const parsed = parseMessage(frame.text);
      return parsed.ok ? parsed.value.header.requestId : undefined;
    });
  expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
});

it('Common.Status and Capabilities answer typed payloads per device', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  expect(await client.service('CardReader')!.command('Common.Status', {})).toEqual({
    ok: true,
    value: { common: { device: 'online', devicePosition: 'inPosition' }, cardReader: { media: 'notPresent', chipPower: 'noCard' } },
  });
  expect(await client.service('PinPad')!.command('Common.Status', {})).toMatchObject({ ok: true, value: { keyManagement: { encryptionState: 'ready' } } });
  const capabilities = await client.service('PinPad')!.command('Common.Capabilities', {});
  expect(capabilities.ok && capabilities.value.interfaces.find((i) => i.name === 'Keyboard')?.commands).toEqual({
    'Keyboard.GetLayout': { versions: ['2.0'] },
    'Keyboard.PinEntry': { versions: ['2.0'] },
    'Keyboard.DataEntry': { versions: ['2.0'] },
  });
  expect(await client.service('Printer')!.command('Common.SetVersions', { commands: { 'Printer.PrintRaw': 3 } })).toEqual({ ok: true, value: {} });
});

it('a command the service does not implement completes unsupportedCommand', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  expect(await client.service('CardReader')!.command('Printer.PrintRaw', { data: 'AA==' })).toEqual({
    ok: false,
    error: { type: 'completion', command: 'Printer.PrintRaw', completionCode: 'unsupportedCommand', description: 'Printer.PrintRaw is not a command of this service' },
  });
});

it('the service’s own timeout completes timeOut, and the slot closes again', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  const read = await client.service('CardReader')!.command('CardReader.ReadRawData', { track2: true }, { timeoutMs: 50, guardMs: 30_000 });
  expect(read).toEqual({ ok: false, error: { type: 'completion', command: 'CardReader.ReadRawData', completionCode: 'timeOut' } });
  expect(rig.atm.control.state().cardReader.accepting).toBe(false);
});

it('aborting a command sends Common.Cancel for its request id and answers aborted once the service completes it canceled', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  const stop = new AbortController();
  const read = client.service('CardReader')!.command('CardReader.ReadRawData', { track2: true }, { guardMs: 'none', signal: stop.signal });
  const sent = await rig.wire.next('CardReader.ReadRawData', (frame) => frame.direction === 'in');
  await rig.wire.next('CardReader.InsertCardEvent');
  stop.abort();
  expect(await read).toEqual({ ok: false, error: { type: 'aborted', command: 'CardReader.ReadRawData' } });
  const cancel = await rig.wire.next('Common.Cancel', (frame) => frame.direction === 'in');
  expect(JSON.parse(cancel.text).payload).toEqual({ requestIds: [JSON.parse(sent.text).header.requestId] });
  const completion = await rig.wire.next('CardReader.ReadRawData', (frame) => frame.text.includes('"completion"'));
  expect(JSON.parse(completion.text).header.completionCode).toBe('canceled');
  expect(rig.atm.control.insertCard({ tracks: { track2: ';4111111111111111=30122010000000000?' } })).toEqual({ ok: false, error: { type: 'notAccepting' } });
});

it('Common.Cancel of a request id that is not outstanding is commandError noMatchingRequestIDs', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  expect(await client.service('CardReader')!.command('Common.Cancel', { requestIds: [99] })).toEqual({
    ok: false,
    error: { type: 'commandError', command: 'Common.Cancel', errorCode: 'noMatchingRequestIDs', reported: 'noMatchingRequestIDs' },
  });
});

it('unsolicited events reach subscribers until they unsubscribe', async () => {
  rig = await openAtm({ simulator: { takeTimeoutMs: 60_000 } });
  client = await connectClient(rig);
  const reader = client.service('CardReader')!;
  const seen: string[] = [];
  const unsubscribe = client.onUnsolicited((event, service) => seen.push(`${service.uri.endsWith('CardReader/') ? 'reader' : '?'} ${event.name}`));
  const read = reader.command('CardReader.ReadRawData', { track2: true }, { guardMs: 'none' });
  await rig.wire.next('CardReader.InsertCardEvent');
  rig.atm.control.insertCard({ tracks: { track2: ';4111111111111111=30122010000000000?' } });
  expect((await read).ok).toBe(true);
  expect((await reader.command('CardReader.Move', { to: 'exit' })).ok).toBe(true);
  rig.atm.control.takeCard();
  await rig.wire.next('CardReader.MediaRemovedEvent');
  const removed = await client.service('CardReader')!.command('Common.Status', {});
  expect(removed.ok && removed.value.cardReader?.media).toBe('notPresent');
  expect(seen).toContain('reader CardReader.MediaRemovedEvent');
  expect(seen.filter((event) => event === 'reader Common.StatusChangedEvent')).toHaveLength(3);
  unsubscribe();
  const before = seen.length;
  const again = reader.command('CardReader.ReadRawData', { track2: true }, { guardMs: 'none' });
  await rig.wire.next('CardReader.InsertCardEvent', (frame) => JSON.parse(frame.text).header.requestId === 5);
  rig.atm.control.insertCard({ tracks: { track2: ';4111111111111111=30122010000000000?' } });
  await again;
  expect(seen).toHaveLength(before);
});
