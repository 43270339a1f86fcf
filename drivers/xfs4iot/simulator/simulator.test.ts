import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { makeBankCard } from '../../lab/cards';
import { type Message, parseMessage } from '../messages';
import { testEncipherPin } from '../testing/atmRig';
import { type SimulatedAtm, SIMULATOR_PORTS, startSimulatedAtm } from '.';

/** The simulated services as a raw WebSocket peer sees them: what a real service would answer. */

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
const atms: SimulatedAtm[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(atms.splice(0).map((atm) => atm.close()));
});

/** Port 0 (any free one) unless asked for the mandated range. */
async function start(port: 0 | 'mandated' = 0): Promise<SimulatedAtm> {
  const atm = await startSimulatedAtm({ encipherPin: testEncipherPin, ...(port === 'mandated' ? {} : { port }) });
  atms.push(atm);
  return atm;
}

interface Peer {
  send(message: unknown): void;
  /** The next message matching, or already received. */
  next(where: (message: Message) => boolean): Promise<Message>;
  received: Message[];
}

async function peer(url: string): Promise<Peer> {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const received: Message[] = [];
  const waiting = new Set<{ where: (message: Message) => boolean; resolve: (message: Message) => void }>();
  socket.on('message', (data) => {
    const parsed = parseMessage(data.toString());
    if (!parsed.ok) throw new Error(`the simulator sent a malformed frame: ${data.toString()}`);
    received.push(parsed.value);
    for (const waiter of [...waiting]) {
      if (waiter.where(parsed.value)) {
        waiting.delete(waiter);
        waiter.resolve(parsed.value);
      }
    }
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    received,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (where) => {
      const seen = received.find(where);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiting.add({ where, resolve }));
    },
  };
}

const command = (name: string, requestId: number, payload?: object, timeout = 0) => ({
  header: { name, requestId, type: 'command', version: '2.0', timeout },
  ...(payload ? { payload } : {}),
});
const of = (requestId: number, type: string) => (message: Message) => message.header.requestId === requestId && message.header.type === type;

it('a request id still in use is refused with invalidRequestID, and the first command carries on', async () => {
  const atm = await start();
  const reader = await peer(`${atm.publisherUrl}CardReader/`);
  reader.send(command('CardReader.ReadRawData', 7, { track2: true }));
  await reader.next((message) => message.header.name === 'CardReader.InsertCardEvent');
  reader.send(command('Common.Status', 7));
  expect((await reader.next((message) => message.header.type === 'acknowledge' && message.header.status !== undefined)).header).toEqual({
    name: 'Common.Status',
    requestId: 7,
    type: 'acknowledge',
    version: '2.0',
    status: 'invalidRequestID',
  });
  atm.control.insertCard(card);
  expect((await reader.next(of(7, 'completion'))).header.completionCode).toBe('success');
});

it('what is not a well-formed command is refused with invalidMessage; a payload that breaks the schema completes invalidData', async () => {
  const atm = await start();
  const reader = await peer(`${atm.publisherUrl}CardReader/`);
  reader.send({ header: { name: 'Common.Status', requestId: 1, type: 'event', version: '2.0' } });
  reader.send({ header: { name: 'Common.Status', requestId: 2, type: 'command', version: 'two' } });
  reader.send(command('CardReader.Move', 3, { to: 'the moon' }));
  expect((await reader.next(of(1, 'acknowledge'))).header.status).toBe('invalidMessage');
  expect((await reader.next(of(2, 'acknowledge'))).header.status).toBe('invalidMessage');
  expect((await reader.next(of(3, 'acknowledge'))).header.status).toBeUndefined();
  expect((await reader.next(of(3, 'completion'))).header.completionCode).toBe('invalidData');
});

it('device commands wait their turn; Common.Status answers while the reader waits for a card', async () => {
  const atm = await start();
  const reader = await peer(`${atm.publisherUrl}CardReader/`);
  reader.send(command('CardReader.ReadRawData', 1, { track2: true }));
  await reader.next((message) => message.header.name === 'CardReader.InsertCardEvent');
  reader.send(command('CardReader.Move', 2, { to: 'exit' }));
  reader.send(command('Common.Status', 3));
  expect((await reader.next(of(3, 'completion'))).payload).toMatchObject({ cardReader: { media: 'notPresent' } });
  expect(reader.received.some(of(2, 'completion'))).toBe(false);
  atm.control.insertCard(card);
  await reader.next(of(1, 'completion'));
  expect((await reader.next(of(2, 'completion'))).header.completionCode).toBe('success');
});

it('Common.Cancel without request ids cancels every command of its own connection, not another’s', async () => {
  const atm = await start();
  const mine = await peer(`${atm.publisherUrl}CardReader/`);
  const theirs = await peer(`${atm.publisherUrl}CardReader/`);
  theirs.send(command('CardReader.ReadRawData', 1, { track2: true }));
  await theirs.next((message) => message.header.name === 'CardReader.InsertCardEvent');
  mine.send(command('CardReader.Move', 1, { to: 'exit' }));
  mine.send(command('Common.Cancel', 2));
  expect((await mine.next(of(1, 'completion'))).header.completionCode).toBe('canceled');
  expect((await mine.next(of(2, 'completion'))).header.completionCode).toBe('success');
  expect(atm.control.state().cardReader.accepting).toBe(true);
});

it('unsolicited events carry no request id and go to every client of the service', async () => {
  const atm = await start();
  const reader = await peer(`${atm.publisherUrl}CardReader/`);
  const watcher = await peer(`${atm.publisherUrl}CardReader/`);
  reader.send(command('CardReader.ReadRawData', 1, { track2: true }));
  await reader.next((message) => message.header.name === 'CardReader.InsertCardEvent');
  atm.control.insertCard(card);
  await reader.next(of(1, 'completion'));
  reader.send(command('CardReader.Move', 2, { to: 'exit' }));
  await reader.next(of(2, 'completion'));
  expect(atm.control.takeCard()).toEqual({ ok: true, value: card });
  for (const client of [reader, watcher]) {
    expect((await client.next((message) => message.header.name === 'CardReader.MediaRemovedEvent')).header).toEqual({
      name: 'CardReader.MediaRemovedEvent',
      type: 'unsolicited',
      version: '2.0',
    });
  }
});

it('paths: the publisher and listed services answer, anything else is 404, a service that is down is 503', async () => {
  const atm = await start();
  const status = (path: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${atm.publisherUrl}${path}`);
      sockets.push(socket);
      socket.once('open', () => resolve(101));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', () => undefined);
    });
  atm.control.setFault({ type: 'serviceDown', service: 'Printer' });
  expect(await Promise.all(['', 'CardReader/', 'PinPad', 'Printer/', 'Dispenser/'].map(status))).toEqual([101, 101, 101, 503, 404]);
});

it('the control refuses what a person could not do', async () => {
  const atm = await start();
  expect(atm.control.insertCard(card)).toEqual({ ok: false, error: { type: 'notAccepting' } });
  expect(atm.control.takeCard()).toEqual({ ok: false, error: { type: 'noCardAtExit' } });
  expect(atm.control.pressKeys('12a4')).toEqual({ ok: false, error: { type: 'badKey', key: '12a4' } });
  expect(atm.control.pressKeys('fdk09')).toEqual({ ok: false, error: { type: 'badKey', key: 'fdk09' } });
  expect(atm.control.pressKeys('1234 enter')).toEqual({ ok: true, value: { accepted: 0, ignored: 5 } });
});

it('without a port it takes the first free one of 5846–5856, and a second ATM the next', async () => {
  const first = await start('mandated');
  const second = await start('mandated');
  expect(SIMULATOR_PORTS).toContain(first.port);
  expect(SIMULATOR_PORTS).toContain(second.port);
  expect(second.port).toBeGreaterThan(first.port);
  expect(first.publisherUrl).toBe(`ws://127.0.0.1:${first.port}/xfs4iot/v1.0/`);
});
