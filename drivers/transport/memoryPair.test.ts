import { describe, expect, it } from 'vitest';
import { createMemoryPair } from './memoryPair';

const nextData = (listen: (l: (chunk: Uint8Array) => void) => () => void): Promise<Uint8Array> =>
  new Promise((resolve) => {
    const stop = listen((chunk) => {
      stop();
      resolve(chunk);
    });
  });

describe('in-memory transport pair', () => {
  it('delivers what one end writes to the other, after the write returns', async () => {
    const [host, device] = createMemoryPair();
    const seen: Uint8Array[] = [];
    device.onData((chunk) => seen.push(chunk));
    const arriving = nextData((l) => device.onData(l));
    await host.write(Uint8Array.of(1, 2, 3));
    expect(seen).toEqual([]);
    expect(await arriving).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('is not affected by the writer reusing its buffer', async () => {
    const [host, device] = createMemoryPair();
    const buffer = Uint8Array.of(7);
    const arriving = nextData((l) => device.onData(l));
    await host.write(buffer);
    buffer[0] = 9;
    expect(await arriving).toEqual(Uint8Array.of(7));
  });

  it('tells the far end the line was lost when one end closes', async () => {
    const [host, device] = createMemoryPair();
    const hostClosed = new Promise<Error | undefined>((resolve) => host.onClose(resolve));
    const deviceClosed = new Promise<Error | undefined>((resolve) => device.onClose(resolve));
    await device.close();
    expect(await deviceClosed).toBeUndefined();
    expect(await hostClosed).toBeInstanceOf(Error);
    expect(host.isOpen).toBe(false);
    await expect(host.write(Uint8Array.of(1))).rejects.toThrow(/closed/);
  });
});
