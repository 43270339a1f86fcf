import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from './ptyPair';
import { openSerialTransport } from './serial';
import type { ByteTransport } from './types';

let pair: PtyPair | undefined;
const opened: ByteTransport[] = [];

async function openBothEnds(): Promise<[ByteTransport, ByteTransport]> {
  pair = await createPtyPair();
  const host = await openSerialTransport({ path: pair.a, baudRate: 57600, noModemLines: true });
  const device = await openSerialTransport({ path: pair.b, baudRate: 57600, noModemLines: true });
  opened.push(host, device);
  return [host, device];
}

function collect(transport: ByteTransport, byteCount: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const bytes: number[] = [];
    const stop = transport.onData((chunk) => {
      bytes.push(...chunk);
      if (bytes.length >= byteCount) {
        stop();
        resolve(Uint8Array.from(bytes));
      }
    });
  });
}

afterEach(async () => {
  for (const transport of opened.splice(0)) if (transport.isOpen) await transport.close();
  await pair?.close();
  pair = undefined;
});

describe('serial transport over a real pty pair', () => {
  it('carries bytes both ways unchanged, including every byte value', async () => {
    const [host, device] = await openBothEnds();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const atDevice = collect(device, 256);
    await host.write(all);
    expect(await atDevice).toEqual(all);
    const atHost = collect(host, 3);
    await device.write(Uint8Array.of(0xef, 0x01, 0x55));
    expect(await atHost).toEqual(Uint8Array.of(0xef, 0x01, 0x55));
  });

  it('reports an unplugged port (its device node vanishing) as a close with an error', async () => {
    const [host] = await openBothEnds();
    const closed = new Promise<Error | undefined>((resolve) => host.onClose(resolve));
    await pair?.close();
    expect(await closed).toBeInstanceOf(Error);
    expect(host.isOpen).toBe(false);
  });

  it('reports its own close without an error', async () => {
    const [host] = await openBothEnds();
    const closed = new Promise<Error | undefined>((resolve) => host.onClose(resolve));
    await host.close();
    expect(await closed).toBeUndefined();
  });

  // serialport's own drain waits for an 'open' that never comes when the port closes under a write: a driver awaiting
  // that write (a frame of a template upload, a simulator's reply) would wait for ever, and the device never came back.
  it('settles a write the port closes under, every time (serialport alone leaves it waiting)', async () => {
    pair = await createPtyPair();
    const outcomes: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      const host = await openSerialTransport({ path: pair.a, baudRate: 57600, noModemLines: true });
      const written = host.write(new Uint8Array(64)).then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((resolve) => setImmediate(resolve));
      const closing = host.close();
      outcomes.push(await Promise.race([written, new Promise<string>((resolve) => setTimeout(() => resolve('never settled'), 2_000))]));
      await closing;
    }
    expect(outcomes.filter((outcome) => outcome === 'never settled')).toEqual([]);
  });

  it('fails to open a port that does not exist, naming the path', async () => {
    await expect(openSerialTransport({ path: '/dev/no-such-reader', baudRate: 57600, noModemLines: true })).rejects.toThrow(
      /no-such-reader/,
    );
  });
});

describe('pty pair', () => {
  it('tells how to install socat when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(createPtyPair()).rejects.toThrow('apt-get install -y socat');
    } finally {
      process.env.PATH = path;
    }
  });

  it('brings the same paths back for a replugged device', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'reader-'));
    try {
      const first = await createPtyPair({ directory });
      await first.close();
      pair = await createPtyPair({ directory });
      expect([pair.a, pair.b]).toEqual([first.a, first.b]);
      const host = await openSerialTransport({ path: pair.a, baudRate: 57600, noModemLines: true });
      opened.push(host);
      expect(host.isOpen).toBe(true);
    } finally {
      for (const transport of opened.splice(0)) if (transport.isOpen) await transport.close();
      await pair?.close();
      pair = undefined;
      await rm(directory, { recursive: true, force: true });
    }
  });
});
