import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../../common/time';
import { makeBankCard } from '../lab/cards';
import { createPtyPair, type PtyPair } from '../transport/ptyPair';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport } from '../transport/types';
import { CardSlotSimulator } from './simulator';

/**
 * Two minimal hosts written only from DEVICES.md §2, sharing no code with the
 * driver: one never ACKs a reply, one sends the next command right after a
 * reply. A real reader times the host's ACK out and carries on; so must ours.
 */

const STX = 0xf2;

function crc16(bytes: number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function frame(text: string): Uint8Array {
  const body = [STX, text.length >> 8, text.length & 0xff, ...Array.from(text, (c) => c.charCodeAt(0))];
  const crc = crc16(body);
  return Uint8Array.from([...body, crc >> 8, crc & 0xff]);
}

/** Sends a command and returns the reply text; skips the reader's ACK, never answers the reply. */
class MinimalHost {
  #buffer: number[] = [];
  #waiter: (() => void) | undefined;

  constructor(private readonly port: ByteTransport) {
    port.onData((chunk) => {
      this.#buffer.push(...chunk);
      this.#waiter?.();
    });
  }

  async command(text: string): Promise<string> {
    await this.port.write(frame(text));
    for (;;) {
      while (this.#buffer[0] === 0x06) this.#buffer.shift();
      const len = ((this.#buffer[1] ?? 0) << 8) | (this.#buffer[2] ?? 0);
      if (this.#buffer[0] === STX && this.#buffer.length >= len + 5) {
        const reply = this.#buffer.splice(0, len + 5);
        return String.fromCharCode(...reply.slice(3, 3 + len));
      }
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
  }
}

let pair: PtyPair;
let host: ByteTransport;
let simulator: CardSlotSimulator;

beforeEach(async () => {
  pair = await createPtyPair();
  const settings = { baudRate: 38400, parity: 'even', noModemLines: true } as const;
  host = await openSerialTransport({ ...settings, path: pair.a });
  simulator = new CardSlotSimulator(await openSerialTransport({ ...settings, path: pair.b }), { baudRate: 38400 });
});
afterEach(async () => {
  await simulator.close();
  await host.close();
  await pair.close();
});

async function session(client: MinimalHost): Promise<string[]> {
  const replies: string[] = [];
  replies.push(await client.command('C00'));
  replies.push(await client.command('C:0'));
  simulator.insertCard(makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'));
  replies.push(await client.command('C10'));
  replies.push(await client.command('C61'));
  replies.push(await client.command('C62'));
  replies.push(await client.command('C30'));
  return replies;
}

const EXPECTED = ['P0000', 'P:000', 'P1002', 'P6102B4111111111111111^DOE/JOHN^301220100000000', 'P6202' + '4111111111111111=301220100000000', 'P3001'];

describe('a lax client is still served', () => {
  it('a client that never ACKs replies can initialize, enable entry, poll, read tracks and eject', async () => {
    const client = new MinimalHost(host);
    const replies: string[] = [];
    for (const [i, text] of ['C00', 'C:0', 'C10', 'C61', 'C62', 'C30'].entries()) {
      if (i === 2) simulator.insertCard(makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'));
      replies.push(await client.command(text));
      // Quiet longer than the reader's ACK wait: it must give up on the ACK and carry on.
      await sleep(400);
    }
    expect(replies).toEqual(EXPECTED);
    expect(simulator.stats.acksFromHost).toBe(0);
    expect(simulator.stats.hostAcksMissed).toBe(6);
    expect(simulator.state).toBe('atGate');
  });

  it('a client that sends each command straight after the reply, without ACK or pause, is served in order', async () => {
    const replies = await session(new MinimalHost(host));
    expect(replies).toEqual(EXPECTED);
    expect(simulator.stats.commandsExecuted).toBe(6);
    expect(simulator.stats.acksFromHost).toBe(0);
    expect(simulator.counters).toEqual({ inserted: 1, retained: 0, ejected: 1, readErrors: 0 });
  });
});
