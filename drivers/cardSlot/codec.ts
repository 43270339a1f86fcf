import { crc16Xmodem } from './crc';

/** Link-layer bytes of the Sankyo ICT3Q8/ICT3K5 protocol (DEVICES.md §2). */
export const STX = 0xf2;
const ACK = 0x06;
const NAK = 0x15;
const DLE = 0x10;
const EOT = 0x04;

export const ACK_BYTES = Uint8Array.of(ACK);
export const NAK_BYTES = Uint8Array.of(NAK);
export const DLE_EOT_BYTES = Uint8Array.of(DLE, EOT);

/** STX + LEN(2) before the text, CRC(2) after it. */
const FRAME_OVERHEAD = 5;

/**
 * The longest text either side sends: a T=1 APDU with 255 data bytes and its
 * 256-byte response fit with room to spare. A bound keeps a garbage STX with a
 * huge LEN from swallowing the frames behind it.
 */
const DEFAULT_MAX_TEXT = 1024;

export type LinkEvent =
  | { readonly type: 'frame'; readonly text: Uint8Array }
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  /** DLE EOT: the host cancels the running command. */
  | { readonly type: 'abort' }
  /** A whole frame arrived but its CRC did not match: the receiver should NAK. */
  | { readonly type: 'badCrc'; readonly text: Uint8Array; readonly expected: number; readonly received: number }
  /** The line went idle in the middle of a frame (see `lineIdle`). */
  | { readonly type: 'truncated'; readonly bytes: number }
  /** Bytes that belonged to no frame or token. */
  | { readonly type: 'noise'; readonly bytes: number };

export function encodeFrame(text: Uint8Array): Uint8Array {
  if (text.length === 0 || text.length > 0xffff) {
    throw new RangeError(`Sankyo text must be 1..65535 bytes, got ${text.length}`);
  }
  const frame = new Uint8Array(text.length + FRAME_OVERHEAD);
  frame[0] = STX;
  frame[1] = text.length >>> 8;
  frame[2] = text.length & 0xff;
  frame.set(text, 3);
  const crc = crc16Xmodem(frame, 0, 3 + text.length);
  frame[3 + text.length] = crc >>> 8;
  frame[4 + text.length] = crc & 0xff;
  return frame;
}

/**
 * Streaming decoder for one direction of the line. It never throws on input:
 * everything it cannot use comes back as an event.
 *
 * Resynchronisation: a frame that fails its CRC is reported once and the bytes
 * after its STX are scanned again, so a good frame hiding behind a garbage STX
 * is still found. Candidates starting inside a reported bad frame are not
 * reported again (one NAK per damaged frame), and ACK/NAK/DLE EOT bytes there
 * are taken as payload of the damaged frame, not as tokens. A candidate whose
 * LEN promises more bytes than arrive can only be settled by the line going
 * quiet: the owner calls `lineIdle()` after the inter-character limit (250 ms).
 */
export class SankyoDecoder {
  readonly #maxText: number;
  #pending: Uint8Array = new Uint8Array(0);
  /** Bytes of `#pending` before this index belong to an already reported bad frame. */
  #damagedUntil = 0;

  constructor(options: { maxText?: number } = {}) {
    this.#maxText = options.maxText ?? DEFAULT_MAX_TEXT;
  }

  /** True while bytes wait for the rest of a frame or of DLE EOT. */
  get hasPartial(): boolean {
    return this.#pending.length > 0;
  }

  push(chunk: Uint8Array): LinkEvent[] {
    if (chunk.length === 0) return [];
    if (this.#pending.length === 0) {
      this.#pending = chunk;
    } else {
      const joined = new Uint8Array(this.#pending.length + chunk.length);
      joined.set(this.#pending);
      joined.set(chunk, this.#pending.length);
      this.#pending = joined;
    }
    return this.#scan(false);
  }

  /** The line has been quiet longer than the inter-character limit: settle what is pending. */
  lineIdle(): LinkEvent[] {
    if (this.#pending.length === 0) return [];
    return this.#scan(true);
  }

  reset(): void {
    this.#pending = new Uint8Array(0);
    this.#damagedUntil = 0;
  }

  #scan(final: boolean): LinkEvent[] {
    const buf = this.#pending;
    const n = buf.length;
    const events: LinkEvent[] = [];
    let noise = 0;
    let truncationReported = false;
    let damagedUntil = this.#damagedUntil;
    const flushNoise = (): void => {
      if (noise > 0) events.push({ type: 'noise', bytes: noise });
      noise = 0;
    };
    const skip = (at: number): void => {
      if (at >= damagedUntil) noise++;
    };

    let i = 0;
    while (i < n) {
      const byte = buf[i];
      if (byte === STX) {
        if (n - i < 3) {
          if (!final) break;
          truncated(i);
          i++;
          continue;
        }
        const len = ((buf[i + 1] ?? 0) << 8) | (buf[i + 2] ?? 0);
        if (len === 0 || len > this.#maxText) {
          skip(i);
          i++;
          continue;
        }
        const total = len + FRAME_OVERHEAD;
        if (n - i < total) {
          if (!final) break;
          truncated(i);
          i++;
          continue;
        }
        const expected = crc16Xmodem(buf, i, i + 3 + len);
        const received = ((buf[i + 3 + len] ?? 0) << 8) | (buf[i + 4 + len] ?? 0);
        if (expected === received) {
          flushNoise();
          events.push({ type: 'frame', text: buf.slice(i + 3, i + 3 + len) });
          i += total;
          continue;
        }
        if (i >= damagedUntil) {
          flushNoise();
          events.push({ type: 'badCrc', text: buf.slice(i + 3, i + 3 + len), expected, received });
          damagedUntil = i + total;
        }
        i++;
        continue;
      }
      if (i < damagedUntil) {
        i++;
        continue;
      }
      if (byte === ACK || byte === NAK) {
        flushNoise();
        events.push({ type: byte === ACK ? 'ack' : 'nak' });
        i++;
        continue;
      }
      if (byte === DLE) {
        if (i + 1 >= n) {
          if (!final) break;
          noise++;
          i++;
          continue;
        }
        if (buf[i + 1] === EOT) {
          flushNoise();
          events.push({ type: 'abort' });
          i += 2;
          continue;
        }
      }
      noise++;
      i++;
    }
    flushNoise();

    // A copy: the chunk may be a buffer its owner reuses.
    this.#pending = i >= n ? new Uint8Array(0) : buf.slice(i);
    this.#damagedUntil = Math.max(0, damagedUntil - i);
    if (final) this.#damagedUntil = 0;
    return events;

    function truncated(at: number): void {
      if (!truncationReported && at >= damagedUntil) {
        truncationReported = true;
        flushNoise();
        events.push({ type: 'truncated', bytes: n - at });
        // The rest was meant as that frame's body: not noise, and no tokens in it.
        damagedUntil = n;
      } else {
        skip(at);
      }
    }
  }
}
