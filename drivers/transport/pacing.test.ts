import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPair } from './memoryPair';
import { bitsPerCharacter, lineTimeMs, PacedLine } from './pacing';
import type { ByteTransport } from './types';

function countWritten(transport: ByteTransport): { bytes: number; writes: number } {
  const seen = { bytes: 0, writes: 0 };
  const write = transport.write.bind(transport);
  transport.write = async (data) => {
    seen.bytes += data.length;
    seen.writes += 1;
    await write(data);
  };
  return seen;
}

describe('line timing', () => {
  it('counts 10 bits a character for 8N1 and 11 for 8E1', () => {
    expect(bitsPerCharacter(8, 'none', 1)).toBe(10);
    expect(bitsPerCharacter(8, 'even', 1)).toBe(11);
    // The 36,864-byte UpImage at 57600 baud: about 6.4 s.
    expect(lineTimeMs(36_864, { baudRate: 57600, bitsPerChar: 10 })).toBeCloseTo(6400, 0);
  });
});

describe('paced writes (on a fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands bytes over no faster than the baud rate allows', async () => {
    const [device] = createMemoryPair();
    const seen = countWritten(device);
    const line = new PacedLine(device, { baudRate: 57600, bitsPerChar: 10 });
    // 576 bytes × 10 bits / 57600 baud = 100 ms.
    const done = line.write(new Uint8Array(576));
    await vi.advanceTimersByTimeAsync(50);
    expect(seen.bytes).toBeGreaterThan(200);
    expect(seen.bytes).toBeLessThanOrEqual(288);
    await vi.advanceTimersByTimeAsync(50);
    await done;
    expect(seen.bytes).toBe(576);
    // Batched: nowhere near a timer per byte.
    expect(seen.writes).toBeLessThan(20);
  });

  it('queues a second write behind the first, as one UART would', async () => {
    const [device] = createMemoryPair();
    const seen = countWritten(device);
    const line = new PacedLine(device, { baudRate: 9600, bitsPerChar: 10 });
    void line.write(new Uint8Array(96)); // 100 ms
    void line.write(new Uint8Array(96)); // another 100 ms
    await vi.advanceTimersByTimeAsync(100);
    expect(seen.bytes).toBe(96);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen.bytes).toBe(192);
  });

  it('drops what is still queued when cancelled (power lost mid-reply)', async () => {
    const [device] = createMemoryPair();
    const seen = countWritten(device);
    const line = new PacedLine(device, { baudRate: 9600, bitsPerChar: 10 });
    void line.write(new Uint8Array(960)); // 1 s
    await vi.advanceTimersByTimeAsync(100);
    line.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen.bytes).toBeLessThan(200);
  });
});
