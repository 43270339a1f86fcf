import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTechnicianTrack3 } from '../../../../common/rules/technicianCardSecret';
import type { VirtualCard } from '../../../../drivers/cardData/virtualCard';
import { makeTechnicianCard, technicianPan } from '../../../../drivers/lab/cards';
import { openSerialTransport } from '../../../../drivers/transport/serial';
import type { ByteTransport } from '../../../../drivers/transport/types';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

/**
 * `CardSlotDevice.readTechnicianSecret` against the lab's card slot simulator
 * over a real pty (Sankyo `C 6 3`, DEVICES.md §2): every answer a technician
 * card's track 3 can give — a secret, a blank track (error 24), a track the
 * reader cannot read (a magnetic read error), a track that is no secret, a
 * track naming another card — and a reader unplugged mid-read. Each read is
 * logged with its outcome word only: never track data, the secret or the
 * card number.
 */

const TECHNICIAN = '1001';
const PAN = technicianPan(TECHNICIAN);
const OTHER_PAN = technicianPan('1002');
/** A test secret (not the lab's): its hex and decimal forms must never reach a log. */
const SECRET = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
const TRACK3 = encodeTechnicianTrack3(PAN, SECRET);
const SECRET_DIGITS = TRACK3.slice(TRACK3.indexOf('=') + 1, -2);

let rig: LabRig | undefined;
let lines: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  lines = [];
});

/** The lab with its card slot's log (every level from info up) kept in `lines`; `transport` sees the bytes the host sends and receives. */
async function start(watch?: (transport: ByteTransport) => void): Promise<LabRig> {
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const r = (rig = await startLabRig({
    log,
    openSerial: async (settings) => {
      const transport = await openSerialTransport(settings);
      if (settings.path === r.lab.devices.cardSlot) watch?.(transport);
      return transport;
    },
  }));
  await eventually(() => r.devices.cardSlot.status === 'online', 'card slot online');
  return r;
}

/** Technician 1001's card (tracks 1 and 2 name it) with `track3` on its stripe (undefined: none written). */
function cardWithTrack3(track3: string | undefined): VirtualCard {
  const card = makeTechnicianCard(TECHNICIAN);
  return { ...card, tracks: { ...card.tracks, ...(track3 === undefined ? {} : { track3 }) } };
}

/** The card through the shutter (stripe cards only, as between customers) and inside. */
async function inside(r: LabRig, card: VirtualCard): Promise<void> {
  const waiting = r.devices.cardSlot.waitForCard({ entry: 'magneticOnly' });
  await eventually(() => r.lab.cardSlot.simulator.entryMode !== 'disabled', 'the shutter opens');
  expect(r.lab.cardSlot.insert(card)).toEqual({ ok: true, value: undefined });
  expect(await waiting).toEqual({ ok: true, value: { inserted: true } });
}

/** The card out to the gate and taken, so the next one can go in. */
async function handBack(r: LabRig): Promise<void> {
  expect(await r.devices.cardSlot.eject()).toEqual({ ok: true, value: undefined });
  expect(r.lab.cardSlot.take().ok).toBe(true);
}

const logged = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** The track 3 log lines, less pino's own fields (level, time, pid, hostname, msg). */
function secretReadLines(): Record<string, unknown>[] {
  return logged()
    .filter((entry) => entry['event'] === 'cardSlot.technicianSecret')
    .map(({ level: _level, time: _time, pid: _pid, hostname: _hostname, msg: _msg, ...rest }) => rest);
}

/** Nothing the card carries reached the log: no card number, no track 3 text, no secret in any form. */
function expectNoCardDataLogged(...extra: string[]): void {
  const all = lines.join('\n');
  for (const secretText of [PAN, OTHER_PAN, TRACK3.slice(1, -1), SECRET_DIGITS, Buffer.from(SECRET).toString('hex'), Buffer.from(SECRET).toString('base64'), ...extra]) {
    expect(all).not.toContain(secretText);
  }
  // Not even the first half of the card number or of the secret's digits.
  expect(all).not.toContain(PAN.slice(0, 8));
  expect(all).not.toContain(SECRET_DIGITS.slice(0, 12));
}

describe('CardSlotDevice.readTechnicianSecret over the lab pty', () => {
  it('a card with its secret on track 3: the secret, logged as "secret" alone', async () => {
    const r = await start();
    await inside(r, cardWithTrack3(TRACK3));
    const read = await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN });
    expect(read).toEqual({ ok: true, value: { kind: 'secret', secret: SECRET } });
    // The number as tracks 1 and 2 give it (zero-padded) names the same card.
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: '000001001' })).toEqual({ ok: true, value: { kind: 'secret', secret: SECRET } });
    expect(secretReadLines()).toEqual([
      { component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'secret' },
      { component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'secret' },
    ]);
    expectNoCardDataLogged();
    expect(r.devices.cardSlot.status).toBe('online');
  });

  it('a card issued before secrets (no track 3, the reader answers error 24): noSecret', async () => {
    const r = await start();
    await inside(r, cardWithTrack3(undefined));
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'noSecret' } });
    expect(secretReadLines()).toEqual([{ component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'noSecret' }]);
    expectNoCardDataLogged();
    // A blank track is no read error: the reader counts none.
    expect(r.lab.state().cardSlot.counters.readErrors).toBe(0);
  });

  it('a track 3 the reader cannot read (LRC, parity, no end sentinel, sentinels only): unreadable, and the card is fine', async () => {
    const r = await start();
    await inside(r, cardWithTrack3(TRACK3));
    for (const code of ['28', '20', '27'] as const) {
      r.lab.cardSlot.simulator.failNextRead(code);
      expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'unreadable' } });
    }
    expect(r.lab.state().cardSlot.counters.readErrors).toBe(3);
    // A read error is about the card, not the reader: still online, and the next read gets the secret.
    expect(r.devices.cardSlot.status).toBe('online');
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'secret', secret: SECRET } });
    expect(secretReadLines().map((entry) => entry['read'])).toEqual(['unreadable', 'unreadable', 'unreadable', 'secret']);
    expectNoCardDataLogged();

    // A stripe with only the sentinels on track 3: error 23, as the reader answers it by itself.
    await handBack(r);
    lines = [];
    await inside(r, cardWithTrack3(';?'));
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'unreadable' } });
    expect(secretReadLines()).toEqual([{ component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'unreadable' }]);
  });

  it('a track 3 that is no technician secret, or fails its check digit: garbled, logged with the reason’s name alone', async () => {
    const r = await start();
    const digit = TRACK3.length - 10;
    const flipped = `${TRACK3.slice(0, digit)}${(Number(TRACK3[digit]) + 1) % 10}${TRACK3.slice(digit + 1)}`;
    const cases: { track3: string; error: Record<string, unknown> }[] = [
      // One digit of the secret misread: the Luhn digit over card number and secret catches it.
      { track3: flipped, error: { type: 'checkDigit' } },
      // A bank-style track 3 (not the 99 private format).
      { track3: ';011234567890123445=7247241000000000000303?', error: { type: 'badFormat', reason: 'formatCode' } },
      // The private format with the secret cut short.
      { track3: `;99${PAN}=${SECRET_DIGITS.slice(0, 20)}?`, error: { type: 'badFormat', reason: 'length' } },
    ];
    for (const [i, { track3, error }] of cases.entries()) {
      if (i > 0) await handBack(r);
      await inside(r, cardWithTrack3(track3));
      expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'garbled', error } });
    }
    expect(secretReadLines()).toEqual([
      { component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'garbled', error: 'checkDigit' },
      { component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'garbled', error: 'badFormat' },
      { component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'garbled', error: 'badFormat' },
    ]);
    expectNoCardDataLogged(flipped.slice(1, -1), '7247241000000000000303');
    expect(r.lab.state().cardSlot.counters.readErrors).toBe(0);
  });

  it('a track 3 naming another technician’s card (a copied stripe): otherCard, its secret not handed over', async () => {
    const r = await start();
    await inside(r, cardWithTrack3(encodeTechnicianTrack3(OTHER_PAN, SECRET)));
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'otherCard' } });
    // The same card asked about as technician 1002's is that card's secret: the check is the number, nothing else.
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: '1002' })).toEqual({ ok: true, value: { kind: 'secret', secret: SECRET } });
    expect(secretReadLines().map((entry) => entry['read'])).toEqual(['otherCard', 'secret']);
    expectNoCardDataLogged(encodeTechnicianTrack3(OTHER_PAN, SECRET).slice(1, -1));
  });

  it('the reader unplugged while it reads track 3: typed "disconnected", offline, nothing read or logged; after replug the card is still inside and reads', async () => {
    let toReader = '';
    let fromReader = '';
    const r = await start((transport) => {
      const write = transport.write.bind(transport);
      Object.assign(transport, {
        write: (data: Uint8Array) => {
          toReader += Buffer.from(data).toString('latin1');
          return write(data);
        },
      });
      transport.onData((chunk) => (fromReader += Buffer.from(chunk).toString('latin1')));
    });
    await inside(r, cardWithTrack3(TRACK3));
    // The reader takes its time over every reply (bounded well short of the driver's 20 s reply timeout).
    expect((await r.control('/fault', { device: 'cardSlot', kind: 'slow', delayMs: 5_000 })).status).toBe(200);
    const sentBefore = toReader.length;
    const ackedBefore = fromReader.length;
    const reading = r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN });
    // C 6 3 on the wire and acknowledged (ACK 06): the reader is executing it, its reply not yet sent.
    await eventually(() => toReader.slice(sentBefore).includes('C63') && fromReader.slice(ackedBefore).includes('\x06'), 'C 6 3 acknowledged');
    expect(fromReader.slice(ackedBefore)).not.toContain('P63');
    await r.control('/fault', { device: 'cardSlot', kind: 'unplug' });
    expect(await reading).toEqual({ ok: false, error: { type: 'disconnected' } });
    expect(r.devices.cardSlot.status).toBe('offline');
    expect(secretReadLines()).toEqual([]);
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: false, error: { type: 'unavailable', status: 'offline' } });

    await r.control('/fault', { device: 'cardSlot', kind: 'none' });
    await r.control('/fault', { device: 'cardSlot', kind: 'replug' });
    await eventually(() => r.devices.cardSlot.status === 'online', 'online after replug');
    // The reconnect's Initialize does not move the card: it is where it was, and its track 3 reads whole.
    expect(await r.devices.cardSlot.describe()).toEqual({ ok: true, value: { position: 'inside' } });
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: true, value: { kind: 'secret', secret: SECRET } });
    expect(secretReadLines()).toEqual([{ component: 'devices', device: 'cardSlot', event: 'cardSlot.technicianSecret', read: 'secret' }]);
    expectNoCardDataLogged();
  });

  it('the card gone from the slot before its track 3 is read: typed "noCard" (error 02), nothing logged', async () => {
    const r = await start();
    await inside(r, cardWithTrack3(TRACK3));
    await handBack(r);
    expect(await r.devices.cardSlot.readTechnicianSecret({ technicianId: TECHNICIAN })).toEqual({ ok: false, error: { type: 'noCard' } });
    expect(r.devices.cardSlot.status).toBe('online');
    expect(secretReadLines()).toEqual([]);
    expectNoCardDataLogged();
  });
});
