import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPair } from '../transport/memoryPair';
import type { ByteTransport } from '../transport/types';
import { type DecoderEvent, encodePacket, type Packet, PacketDecoder } from './codec';
import { FingerprintSimulator, type SimulatorOptions } from './simulator';

const ANY = 0xffffffff;

/** A bare host end: raw frames out, decoder events in, nothing of our driver. */
function wire(options?: SimulatorOptions): { host: ByteTransport; events: DecoderEvent[]; simulator: FingerprintSimulator } {
  const [host, device] = createMemoryPair();
  const events: DecoderEvent[] = [];
  const decoder = new PacketDecoder();
  host.onData((chunk) => events.push(...decoder.push(chunk)));
  const simulator = new FingerprintSimulator(options);
  simulator.attach(device);
  return { host, events, simulator };
}

const command = (content: number[], address = ANY): Uint8Array => encodePacket({ address, kind: 'command', content: Uint8Array.from(content) });
const packets = (events: DecoderEvent[]): Packet[] => events.flatMap((e) => (e.type === 'packet' ? [e.packet] : []));
const acks = (events: DecoderEvent[]): number[][] => packets(events).filter((p) => p.kind === 'ack').map((p) => [...p.content]);

/** Frames reach the module, it answers every one, and the answers reach the host. */
async function settle(simulator: FingerprintSimulator): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await simulator.whenIdle();
  await new Promise((resolve) => setImmediate(resolve));
}

describe('simulated module, frame by frame', () => {
  it('answers a bad checksum with cc 01 rather than staying silent', async () => {
    const { host, events, simulator } = wire();
    const frame = command([0x1d]);
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    await host.write(frame);
    await settle(simulator);
    expect(acks(events)).toEqual([[0x01]]);
  });

  it('answers an unknown instruction, and one with missing parameters, with cc 01', async () => {
    const { host, events, simulator } = wire();
    await host.write(command([0x77]));
    await host.write(command([0x04, 0x01]));
    await settle(simulator);
    expect(acks(events)).toEqual([[0x01], [0x01]]);
  });

  it('ignores frames for another address and replies to its own with its own address', async () => {
    const { host, events, simulator } = wire({ address: 0x0a0b0c0d });
    await host.write(command([0x1d], ANY));
    await host.write(command([0x1d], 0x0a0b0c0d));
    await settle(simulator);
    expect(packets(events)).toEqual([{ address: 0x0a0b0c0d, kind: 'ack', content: Uint8Array.of(0, 0, 0) }]);
  });

  it('with a password set, answers cc 21 to everything until VfyPwd succeeds', async () => {
    const { host, events, simulator } = wire({ password: 7 });
    await host.write(command([0x1d]));
    await host.write(command([0x13, 0, 0, 0, 6]));
    await host.write(command([0x13, 0, 0, 0, 7]));
    await host.write(command([0x1d]));
    await settle(simulator);
    expect(acks(events)).toEqual([[0x21], [0x13], [0x00], [0x00, 0, 0]]);
  });

  it('answers on a replugged line even when its reply on the pulled one never got out (a power cycle drops it)', async () => {
    const [oldHost, oldDevice] = createMemoryPair();
    let replyStarted: () => void = () => undefined;
    const stuckReply = new Promise<void>((resolve) => (replyStarted = resolve));
    // The pulled line's write never settles, as serialport's drain did on a port closed under it.
    const pulled: ByteTransport = {
      get isOpen() {
        return oldDevice.isOpen;
      },
      write: () => {
        replyStarted();
        return new Promise<void>(() => undefined);
      },
      onData: (listener) => oldDevice.onData(listener),
      onClose: (listener) => oldDevice.onClose(listener),
      close: () => oldDevice.close(),
    };
    const simulator = new FingerprintSimulator();
    simulator.attach(pulled);
    await oldHost.write(command([0x1d]));
    await stuckReply;
    await simulator.unplug();

    const [host, device] = createMemoryPair();
    const events: DecoderEvent[] = [];
    const decoder = new PacketDecoder();
    host.onData((chunk) => events.push(...decoder.push(chunk)));
    simulator.replug(device);
    await host.write(command([0x1d]));
    const answered = await Promise.race([settle(simulator).then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2_000))]);
    expect(answered).toBe('settled');
    expect(acks(events)).toEqual([[0x00, 0, 0]]);
  });

  it('sends 55 on power-up when configured as an R503', async () => {
    const [host, device] = createMemoryPair();
    const bytes: number[] = [];
    host.onData((chunk) => bytes.push(...chunk));
    new FingerprintSimulator({ powerUpByte: true }).attach(device);
    // The byte is paced at the baud rate: wait for it rather than for a fixed time (loaded CI machines).
    await vi.waitFor(() => expect(bytes).toEqual([0x55]), { timeout: 2_000, interval: 5 });
  });

  it('uploads a template in packets of exactly the configured size, the last one PID 08', async () => {
    const { host, events, simulator } = wire({ packetSize: 64 });
    simulator.enrolDirectly(0, { personId: 'hana', finger: 'leftThumb' });
    await host.write(command([0x07, 1, 0, 0])); // LoadChar page 0 → buffer 1
    await host.write(command([0x08, 1])); // UpChar
    await settle(simulator);
    const data = packets(events).filter((p) => p.kind !== 'ack');
    expect(data.map((p) => [p.kind, p.content.length])).toEqual([
      ...Array.from({ length: 7 }, () => ['data', 64]),
      ['endData', 64],
    ]);
  });

  it('marks template n in the index table at byte n/8, bit n%8', async () => {
    const { host, events, simulator } = wire();
    for (const page of [0, 9, 255, 256]) simulator.enrolDirectly(page, { personId: 'ivan', finger: 'rightRing' });
    await host.write(command([0x1f, 0]));
    await host.write(command([0x1f, 1]));
    await settle(simulator);
    const [first, second] = acks(events);
    expect(first?.slice(1, 3)).toEqual([0b0000_0001, 0b0000_0010]);
    expect(first?.[32]).toBe(0b1000_0000);
    expect(second?.[1]).toBe(0b0000_0001);
  });

  it('keeps a 1000-page library: page 999 stores, page 1000 is out of range', async () => {
    const { host, events, simulator } = wire();
    await host.write(command([0x06, 1, 0x03, 0xe7]));
    await host.write(command([0x06, 1, 0x03, 0xe8]));
    await settle(simulator);
    expect(acks(events)).toEqual([[0x00], [0x0b]]);
  });

  it('rejects a SetSysPara for an unknown register or an out-of-range value with cc 1A', async () => {
    const { host, events, simulator } = wire();
    await host.write(command([0x0e, 9, 1]));
    await host.write(command([0x0e, 5, 6]));
    await host.write(command([0x0e, 6, 3]));
    await settle(simulator);
    expect(acks(events)).toEqual([[0x1a], [0x1a], [0x00]]);
    expect(simulator.packetSize).toBe(256);
  });
});

describe('simulated module timing (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('paces a template upload at the baud rate: ~99 ms of line time at 57600', async () => {
    const { host, events, simulator } = wire();
    simulator.enrolDirectly(0, { personId: 'jo', finger: 'rightThumb' });
    await host.write(command([0x07, 1, 0, 0]));
    await host.write(command([0x08, 1]));
    await vi.advanceTimersByTimeAsync(60);
    expect(packets(events).some((p) => p.kind === 'endData')).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(packets(events).filter((p) => p.kind === 'endData')).toHaveLength(1);
  });

  it('adds the injected latency before answering', async () => {
    const { host, events, simulator } = wire();
    simulator.setLatency(500);
    await host.write(command([0x1d]));
    await vi.advanceTimersByTimeAsync(400);
    expect(acks(events)).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(acks(events)).toEqual([[0, 0, 0]]);
  });
});
