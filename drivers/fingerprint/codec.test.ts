import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecoderEvent, encodePacket, MAX_CONTENT_LENGTH, type Packet, PacketDecoder, type PacketKind } from './codec';
import { concatBytes } from '../../common/testing/bytes';

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(' ').map((byte) => Number.parseInt(byte, 16)));
const packetsOf = (events: DecoderEvent[]): Packet[] => events.flatMap((e) => (e.type === 'packet' ? [e.packet] : []));
const ANY = 0xffffffff;

describe('frame encoding reproduces the DEVICES.md §1 check vectors byte for byte', () => {
  const vectors: [string, Packet, string][] = [
    ['VfyPwd(0)', { address: ANY, kind: 'command', content: hex('13 00 00 00 00') }, 'EF 01 FF FF FF FF 01 00 07 13 00 00 00 00 00 1B'],
    ['ack OK', { address: ANY, kind: 'ack', content: hex('00') }, 'EF 01 FF FF FF FF 07 00 03 00 00 0A'],
    ['GenImg', { address: ANY, kind: 'command', content: hex('01') }, 'EF 01 FF FF FF FF 01 00 03 01 00 05'],
    ['Search(buf 1, start 0, count 200)', { address: ANY, kind: 'command', content: hex('04 01 00 00 00 C8') }, 'EF 01 FF FF FF FF 01 00 08 04 01 00 00 00 C8 00 D6'],
    ['Search reply (id 5, score 100)', { address: ANY, kind: 'ack', content: hex('00 00 05 00 64') }, 'EF 01 FF FF FF FF 07 00 07 00 00 05 00 64 00 77'],
  ];

  it.each(vectors)('%s', (_name, packet, wire) => {
    expect(encodePacket(packet)).toEqual(hex(wire));
    expect(packetsOf(new PacketDecoder().push(hex(wire)))).toEqual([packet]);
  });
});

describe('the decoder on a real line', () => {
  it('tolerates the R502/R503 power-up byte 55 before the first frame', () => {
    const events = new PacketDecoder().push(hex('55 EF 01 FF FF FF FF 07 00 03 00 00 0A'));
    expect(events.map((e) => e.type)).toEqual(['powerUp', 'packet']);
  });

  it('reports a corrupted frame as a bad checksum and still reads the frame after it', () => {
    const events = new PacketDecoder().push(hex('EF 01 FF FF FF FF 07 00 03 5A 00 0A EF 01 FF FF FF FF 07 00 03 00 00 0A'));
    expect(events[0]).toMatchObject({ type: 'badChecksum', kind: 'ack', expected: 0x64, received: 0x0a });
    expect(packetsOf(events)).toHaveLength(1);
  });

  it('reports a length above the 256-byte packet limit as oversize and resynchronises', () => {
    const events = new PacketDecoder().push(hex('EF 01 FF FF FF FF 02 01 03 EF 01 FF FF FF FF 07 00 03 00 00 0A'));
    expect(events[0]).toEqual({ type: 'badLength', address: ANY, length: 0x0103 });
    expect(packetsOf(events)).toHaveLength(1);
  });

  it('holds a partial frame until the rest arrives, and gives it up when the line goes quiet', () => {
    const decoder = new PacketDecoder();
    expect(decoder.push(hex('EF 01 FF FF FF FF 07 00 07 00'))).toEqual([]);
    expect(decoder.pendingBytes).toBe(10);
    expect(decoder.flush()).toEqual([{ type: 'truncated', received: 10 }, { type: 'noise', count: 9 }]);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('refuses to encode content over 256 bytes (a programmer error, so it throws)', () => {
    expect(() => encodePacket({ address: ANY, kind: 'data', content: new Uint8Array(MAX_CONTENT_LENGTH + 1) })).toThrow(RangeError);
  });
});

const kinds: PacketKind[] = ['command', 'data', 'ack', 'endData'];
const packetArbitrary = fc.record({
  address: fc.nat({ max: 0xffffffff }),
  kind: fc.constantFrom(...kinds),
  content: fc.uint8Array({ minLength: 0, maxLength: MAX_CONTENT_LENGTH }),
});

/** Cuts bytes at arbitrary places, as a UART driver's reads do. */
function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}


const samePacket = (a: Packet | undefined, b: Packet): boolean =>
  a !== undefined && a.address === b.address && a.kind === b.kind && a.content.length === b.content.length && a.content.every((v, i) => v === b.content[i]);

/**
 * The good frame must come out last. The one exception the protocol itself
 * allows: bytes before it and its own first bytes happen to form a frame whose
 * 16-bit sum checks out, which swallows it. Such runs are discarded (and
 * fast-check fails the property if that happens more than rarely).
 */
function expectRecovered(decoded: Packet[], expected: Packet): void {
  const recovered = samePacket(decoded.at(-1), expected);
  if (!recovered) fc.pre(decoded.length === 0);
  expect(recovered).toBe(true);
}

describe('decoder properties', () => {
  it('decodes every encoded frame back to itself, however the bytes are cut', () => {
    fc.assert(
      fc.property(fc.array(packetArbitrary, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 8 }), (packets, cuts) => {
        const decoder = new PacketDecoder();
        const events = cutAt(concatBytes(packets.map(encodePacket)), cuts).flatMap((chunk) => decoder.push(chunk));
        expect(packetsOf(events)).toEqual(packets);
        expect(decoder.pendingBytes).toBe(0);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on garbage, and finds the next good frame after it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), packetArbitrary, fc.array(fc.nat(), { maxLength: 8 }), (garbage, packet, cuts) => {
        const decoder = new PacketDecoder();
        const wire = concatBytes([garbage, encodePacket(packet)]);
        const events = [...cutAt(wire, cuts).flatMap((chunk) => decoder.push(chunk)), ...decoder.flush()];
        expectRecovered(packetsOf(events), packet);
      }),
      { numRuns: 10_000 },
    );
  });

  it('after a frame cut short, still decodes the frame that follows', () => {
    fc.assert(
      fc.property(packetArbitrary, fc.nat(), packetArbitrary, fc.array(fc.nat(), { maxLength: 8 }), (first, keep, second, cuts) => {
        const cutFrame = encodePacket(first);
        const truncated = cutFrame.subarray(0, keep % cutFrame.length);
        const decoder = new PacketDecoder();
        const events = [...cutAt(concatBytes([truncated, encodePacket(second)]), cuts).flatMap((chunk) => decoder.push(chunk)), ...decoder.flush()];
        expectRecovered(packetsOf(events), second);
      }),
      { numRuns: 10_000 },
    );
  });

  it('never throws on any bytes in any chunks, and never holds more than one frame back', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }), (chunks) => {
        const decoder = new PacketDecoder();
        for (const chunk of chunks) {
          decoder.push(chunk);
          expect(decoder.pendingBytes).toBeLessThanOrEqual(MAX_CONTENT_LENGTH + 11);
        }
        decoder.flush();
        expect(decoder.pendingBytes).toBe(0);
      }),
      { numRuns: 10_000 },
    );
  });
});
