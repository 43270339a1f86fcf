import { assertNever } from '../../common/result';

/**
 * ZFM / R30x / AS608 framing (DEVICES.md §1):
 * `EF 01 | ADDR (4, BE) | PID | LEN (2, BE) | CONTENT | SUM (2, BE)`.
 * Pure: bytes in, packets and typed events out.
 */

export const HEADER_FIRST = 0xef;
const HEADER_SECOND = 0x01;
export const DEFAULT_ADDRESS = 0xffffffff;
/** Largest content a packet may carry (the 256-byte packet size). */
export const MAX_CONTENT_LENGTH = 256;
/** Header, address, PID and LEN come before the content. */
const FRAME_PREFIX_LENGTH = 9;
/** Prefix plus the two checksum bytes. */
export const FRAME_OVERHEAD = FRAME_PREFIX_LENGTH + 2;
/** R502/R503 announce power-up with this one byte before any frame. */
export const POWER_UP_BYTE = 0x55;

export const PACKET_IDS = { command: 0x01, data: 0x02, ack: 0x07, endData: 0x08 } as const;
export type PacketKind = keyof typeof PACKET_IDS;

/** Parameters and reply fields in a packet's content are 16-bit words, high byte first. */
export const word = (value: number): [number, number] => [(value >> 8) & 0xff, value & 0xff];
export const readWord = (content: Uint8Array, at: number): number => ((content[at] ?? 0) << 8) | (content[at + 1] ?? 0);

export interface Packet {
  readonly address: number;
  readonly kind: PacketKind;
  readonly content: Uint8Array;
}

export type DecoderEvent =
  | { readonly type: 'packet'; readonly packet: Packet }
  | {
      readonly type: 'badChecksum';
      readonly address: number;
      readonly kind: PacketKind;
      readonly expected: number;
      readonly received: number;
    }
  /** LEN below 2 (it counts the checksum) or content above the maximum. */
  | { readonly type: 'badLength'; readonly address: number; readonly length: number }
  | { readonly type: 'unknownPacketId'; readonly address: number; readonly pid: number }
  /** The line went quiet (flush) in the middle of a frame. */
  | { readonly type: 'truncated'; readonly received: number }
  /** Bytes skipped while looking for a header. */
  | { readonly type: 'noise'; readonly count: number }
  | { readonly type: 'powerUp' };

/**
 * A decoder event as either end of the line acts on it: a whole packet, or a
 * frame with a header that cannot be trusted (checksum, length or packet id).
 */
type ReceivedFrame =
  | { readonly kind: 'packet'; readonly packet: Packet }
  | {
      readonly kind: 'damaged';
      readonly address: number;
      readonly damage: 'badChecksum' | 'badLength' | 'unknownPacketId';
      /** Known only when the checksum alone was wrong. */
      readonly packetKind?: PacketKind;
    };

/** Undefined for what carries nothing to act on: a frame cut off, noise, the power-up byte. */
export function receivedFrame(event: DecoderEvent): ReceivedFrame | undefined {
  switch (event.type) {
    case 'packet':
      return { kind: 'packet', packet: event.packet };
    case 'badChecksum':
      return { kind: 'damaged', address: event.address, damage: event.type, packetKind: event.kind };
    case 'badLength':
    case 'unknownPacketId':
      return { kind: 'damaged', address: event.address, damage: event.type };
    case 'truncated':
    case 'noise':
    case 'powerUp':
      return undefined;
    default:
      return assertNever(event, 'decoder event');
  }
}

function packetKindOf(pid: number): PacketKind | undefined {
  switch (pid) {
    case PACKET_IDS.command:
      return 'command';
    case PACKET_IDS.data:
      return 'data';
    case PACKET_IDS.ack:
      return 'ack';
    case PACKET_IDS.endData:
      return 'endData';
    default:
      return undefined;
  }
}

/** The 16-bit sum of PID, both LEN bytes and the content, carry dropped. */
function frameChecksum(pid: number, content: Uint8Array): number {
  const length = content.length + 2;
  let sum = pid + (length >> 8) + (length & 0xff);
  for (let i = 0; i < content.length; i += 1) sum += content[i] ?? 0;
  return sum & 0xffff;
}

export function encodePacket(packet: Packet): Uint8Array {
  const { address, kind, content } = packet;
  if (content.length > MAX_CONTENT_LENGTH) {
    throw new RangeError(`packet content of ${content.length} bytes exceeds ${MAX_CONTENT_LENGTH}`);
  }
  if (!Number.isInteger(address) || address < 0 || address > 0xffffffff) {
    throw new RangeError(`address ${address} is not a 32-bit unsigned integer`);
  }
  const pid = PACKET_IDS[kind];
  const length = content.length + 2;
  const frame = new Uint8Array(FRAME_OVERHEAD + content.length);
  const view = new DataView(frame.buffer);
  frame[0] = HEADER_FIRST;
  frame[1] = HEADER_SECOND;
  view.setUint32(2, address);
  frame[6] = pid;
  view.setUint16(7, length);
  frame.set(content, FRAME_PREFIX_LENGTH);
  view.setUint16(FRAME_PREFIX_LENGTH + content.length, frameChecksum(pid, content));
  return frame;
}

/**
 * Streaming decoder: feed it chunks cut anywhere. A frame that fails (bad
 * length, PID or checksum) is reported and scanning resumes one byte after
 * its header, so a good frame hidden behind a truncated one is still found.
 * It never throws on input.
 */
export class PacketDecoder {
  #buffer = new Uint8Array(1024);
  #start = 0;
  #end = 0;
  #noiseCount = 0;
  #noiseIsPowerUp = false;

  /** Bytes held back waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.#end - this.#start;
  }

  push(chunk: Uint8Array): DecoderEvent[] {
    this.#append(chunk);
    return this.#parse(false);
  }

  /**
   * The line went quiet: a partial frame will never complete. Reports it as
   * truncated and decodes whatever good frames follow it.
   */
  flush(): DecoderEvent[] {
    return this.#parse(true);
  }

  reset(): void {
    this.#start = 0;
    this.#end = 0;
    this.#noiseCount = 0;
    this.#noiseIsPowerUp = false;
  }

  #append(chunk: Uint8Array): void {
    const pending = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      const needed = pending + chunk.length;
      if (needed > this.#buffer.length) {
        const grown = new Uint8Array(Math.max(needed, this.#buffer.length * 2));
        grown.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = grown;
      } else {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      }
      this.#start = 0;
      this.#end = pending;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  #countNoise(from: number, to: number): void {
    if (to <= from) return;
    this.#noiseIsPowerUp = this.#noiseCount === 0 && to - from === 1 && this.#buffer[from] === POWER_UP_BYTE;
    this.#noiseCount += to - from;
  }

  #reportNoise(events: DecoderEvent[]): void {
    if (this.#noiseCount === 0) return;
    events.push(this.#noiseIsPowerUp ? { type: 'powerUp' } : { type: 'noise', count: this.#noiseCount });
    this.#noiseCount = 0;
    this.#noiseIsPowerUp = false;
  }

  /** Index of the next `EF 01`, of a trailing `EF` that may start one, or `end`. */
  #findHeader(from: number, end: number): number {
    for (let at = from; ; ) {
      const found = this.#buffer.indexOf(HEADER_FIRST, at);
      if (found < 0 || found >= end) return end;
      if (found === end - 1 || this.#buffer[found + 1] === HEADER_SECOND) return found;
      at = found + 1;
    }
  }

  #parse(final: boolean): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    const buffer = this.#buffer;
    for (;;) {
      const end = this.#end;
      const headerAt = this.#findHeader(this.#start, end);
      this.#countNoise(this.#start, headerAt);
      this.#start = headerAt;
      const loneTrailingFirstByte = headerAt === end - 1;
      if (headerAt === end || (loneTrailingFirstByte && final)) {
        this.#countNoise(headerAt, end);
        this.#start = end;
        if (final) this.#reportNoise(events);
        break;
      }
      if (loneTrailingFirstByte) break;

      this.#reportNoise(events);
      const available = end - headerAt;
      if (available < FRAME_PREFIX_LENGTH) {
        if (!final) break;
        events.push({ type: 'truncated', received: available });
        this.#start = headerAt + 1;
        continue;
      }
      const address =
        ((buffer[headerAt + 2] ?? 0) * 0x1000000 +
          (((buffer[headerAt + 3] ?? 0) << 16) | ((buffer[headerAt + 4] ?? 0) << 8) | (buffer[headerAt + 5] ?? 0))) >>>
        0;
      const pid = buffer[headerAt + 6] ?? 0;
      const kind = packetKindOf(pid);
      if (kind === undefined) {
        events.push({ type: 'unknownPacketId', address, pid });
        this.#start = headerAt + 1;
        continue;
      }
      const length = ((buffer[headerAt + 7] ?? 0) << 8) | (buffer[headerAt + 8] ?? 0);
      if (length < 2 || length > MAX_CONTENT_LENGTH + 2) {
        events.push({ type: 'badLength', address, length });
        this.#start = headerAt + 1;
        continue;
      }
      const frameLength = FRAME_PREFIX_LENGTH + length;
      if (available < frameLength) {
        if (!final) break;
        events.push({ type: 'truncated', received: available });
        this.#start = headerAt + 1;
        continue;
      }
      const contentStart = headerAt + FRAME_PREFIX_LENGTH;
      const contentEnd = contentStart + length - 2;
      let sum = pid + (length >> 8) + (length & 0xff);
      for (let i = contentStart; i < contentEnd; i += 1) sum += buffer[i] ?? 0;
      const expected = sum & 0xffff;
      const received = ((buffer[contentEnd] ?? 0) << 8) | (buffer[contentEnd + 1] ?? 0);
      if (expected !== received) {
        events.push({ type: 'badChecksum', address, kind, expected, received });
        this.#start = headerAt + 1;
        continue;
      }
      events.push({ type: 'packet', packet: { address, kind, content: buffer.slice(contentStart, contentEnd) } });
      this.#start = headerAt + frameLength;
    }
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
    }
    return events;
  }
}
