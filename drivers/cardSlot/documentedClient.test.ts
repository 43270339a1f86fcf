import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBankCard } from '../lab/cards';
import { createPtyPair, type PtyPair } from '../transport/ptyPair';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport } from '../transport/types';
import { CardSlotSimulator } from './simulator';

/**
 * A host written straight from the reader's protocol and command description
 * (MCT3Q8-3A0264 §2-§9), sharing no code with the driver: it frames raw
 * command texts, waits for the ACK (resending on NAK or after 300 ms), checks
 * the reply's CRC and ACKs it. Each step sends one command text and expects
 * the reply text the manual documents, byte for byte.
 */

const STX = 0xf2;
const ACK = 0x06;
const NAK = 0x15;

function crc16(bytes: number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    let ch = byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = (ch ^ crc) & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      ch <<= 1;
    }
  }
  return crc;
}

function frame(text: string): Uint8Array {
  const body = [STX, text.length >> 8, text.length & 0xff, ...Array.from(text, (c) => c.charCodeAt(0))];
  const crc = crc16(body);
  return Uint8Array.from([...body, crc >> 8, crc & 0xff]);
}

class DocumentedHost {
  readonly #buffer: number[] = [];
  #wake: (() => void) | undefined;

  constructor(private readonly port: ByteTransport) {
    port.onData((chunk) => {
      this.#buffer.push(...chunk);
      this.#wake?.();
    });
  }

  async #waitBytes(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  async command(text: string, replyTimeoutMs = 20_000): Promise<string> {
    for (let sends = 0; ; sends++) {
      if (sends === 3) throw new Error(`no ACK for ${text}`);
      await this.port.write(frame(text));
      const acked = await this.#ack();
      if (acked) break;
    }
    const deadline = Date.now() + replyTimeoutMs;
    for (;;) {
      const len = ((this.#buffer[1] ?? 0) << 8) | (this.#buffer[2] ?? 0);
      if (this.#buffer[0] === STX && this.#buffer.length >= len + 5) {
        const whole = this.#buffer.splice(0, len + 5);
        const crc = ((whole[len + 3] ?? 0) << 8) | (whole[len + 4] ?? 0);
        if (crc !== crc16(whole.slice(0, len + 3))) {
          await this.port.write(Uint8Array.of(NAK));
          continue;
        }
        await this.port.write(Uint8Array.of(ACK));
        return String.fromCharCode(...whole.slice(3, 3 + len));
      }
      if (this.#buffer.length > 0 && this.#buffer[0] !== STX) {
        this.#buffer.shift();
        continue;
      }
      if (!(await this.#waitBytes(Math.max(1, deadline - Date.now())))) throw new Error(`no reply to ${text}`);
    }
  }

  /** True on ACK, false on NAK or after 300 ms of silence (resend). */
  async #ack(): Promise<boolean> {
    const deadline = Date.now() + 300;
    for (;;) {
      const first = this.#buffer[0];
      if (first === ACK || first === NAK) {
        this.#buffer.shift();
        return first === ACK;
      }
      if (!(await this.#waitBytes(Math.max(1, deadline - Date.now())))) return false;
    }
  }
}

let pair: PtyPair;
let port: ByteTransport;
let simulator: CardSlotSimulator;
let host: DocumentedHost;

beforeEach(async () => {
  pair = await createPtyPair();
  const settings = { baudRate: 9600, parity: 'even', noModemLines: true } as const;
  port = await openSerialTransport({ ...settings, path: pair.a });
  simulator = new CardSlotSimulator(await openSerialTransport({ ...settings, path: pair.b }), { baudRate: 9600 });
  host = new DocumentedHost(port);
});
afterEach(async () => {
  await simulator.close();
  await port.close();
  await pair.close();
});

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');
const TRACK2 = '4111111111111111=301220100000000';

type Step = readonly [command: string, reply: string | RegExp] | (() => void);

const SESSION: readonly Step[] = [
  ['C10', 'N10B0'],
  // The full Initialize as a Linux host sends it (track formats 3240, fm, Pd, Wv=1, Sh, Ds, Ty=0).
  ['C0032400001000', 'P0000'],
  // Ty=1: the 16-character type code follows (three read/write tracks, IC unit, low-coercivity).
  ['C0032400000010', 'P00002220100000000000'],
  ['C67', 'N6702'],
  ['C:2', 'P:200'],
  // Se1 Se0 Se2 Se3 = 0100 1000, 0100 0000, 0100 0000, 0100 0110: capture box, no card, enabled for magnetic cards.
  ['C12', 'P1200H@@F'],
  () => expect(simulator.insertCard(card)).toEqual({ ok: true, value: undefined }),
  ['C10', 'P1002'],
  // Se = 0100 0011: PD2 and PD3 covered.
  ['C11', 'P1102C'],
  ['C67', 'P6702110'],
  ['C62', `P6202${TRACK2}`],
  ['C63', 'N6324'],
  ['C6:', `P6:02${TRACK2}`],
  ['C66', 'P6602'],
  ['C67', 'P6702000'],
  ['C@0', 'P@002'],
  ['CI2', 'PI202@'],
  ['CI0', /^PI002;/],
  ['CI1', 'PI102'],
  ['C@2', 'P@202'],
  ['CC0', 'NC002'],
  ['CA1', /^PA102.{8}$/],
  ['C>2', 'P>202dddd'],
  ['C58', 'P58020'],
  ['CZ0', 'NZ000'],
  ['C1X', 'N1X01'],
  ['C30', 'P3001'],
  // Se = 0101 1100: the card on SW1, beneath the shutter, at PD1.
  ['C11', 'P1101\\'],
  ['CT001', 'NT046'],
  () => expect(simulator.takeCard()).toMatchObject({ ok: true }),
  ['C10', 'P1000'],
];

describe('a client written from the command table', () => {
  it('gets the documented reply to every command it sends', async () => {
    const replies: string[] = [];
    const expected: (string | RegExp)[] = [];
    for (const step of SESSION) {
      if (typeof step === 'function') {
        step();
        continue;
      }
      const [command, reply] = step;
      replies.push(await host.command(command));
      expected.push(reply);
    }
    replies.forEach((reply, i) => {
      const want = expected[i];
      if (want instanceof RegExp) expect(reply, `step ${i}`).toMatch(want);
      else expect(reply, `step ${i}`).toBe(want);
    });
  });

  it('reads the counter the manual describes once Initialize turns it on (pm 4..6)', async () => {
    expect(await host.command('C0432400000000')).toBe('P0400');
    expect(await host.command('CC0')).toBe('PC00000');
    expect(await host.command('CC190')).toBe('PC100');
    expect(await host.command('CC0')).toBe('PC00090');
    expect(await host.command('CC1A0')).toBe('NC104');
  });
});
