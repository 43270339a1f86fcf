import { afterEach, beforeEach, expect, it } from 'vitest';
import { CardSlot } from '../driver';
import { createPtyPair, type PtyPair } from '../../transport/ptyPair';
import { openSerialTransport } from '../../transport/serial';
import type { ByteTransport } from '../../transport/types';

/** A port with nothing behind it (reader switched off, cable in): every command goes unacknowledged. */

let pair: PtyPair;
let host: ByteTransport;
let silent: ByteTransport;
const heard: number[] = [];
beforeEach(async () => {
  pair = await createPtyPair();
  const settings = { baudRate: 38400, parity: 'even', noModemLines: true } as const;
  host = await openSerialTransport({ ...settings, path: pair.a });
  silent = await openSerialTransport({ ...settings, path: pair.b });
  silent.onData((chunk) => heard.push(...chunk));
});
afterEach(async () => {
  await silent.close();
  await host.close();
  await pair.close();
});

it('gives up with noAck after the bounded number of sends, each the same frame', async () => {
  const slot = new CardSlot(host, { ackTimeoutMs: 100 });
  expect(await slot.status()).toEqual({ ok: false, error: { type: 'noAck', sends: 3 } });
  const statusFrame = [0xf2, 0x00, 0x03, 0x43, 0x31, 0x30, 0xc5, 0x2a];
  expect(heard).toEqual([...statusFrame, ...statusFrame, ...statusFrame]);
});
