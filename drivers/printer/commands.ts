/**
 * The printer's side of ESC/POS (DEVICES.md §7): a streaming parser that turns
 * the bytes a host sends into commands, in order. It never throws: what it
 * cannot place comes back as `unknown`. Real-time commands (DLE EOT, DLE DC4)
 * are also found by `RealTimeScanner`, which looks at every byte as it arrives
 * — inside image data too, as a real printer does — which is why a host must
 * never ask for status while a raster job streams.
 */

import { DLE, GS } from './status';

export type PrinterCommand =
  | { readonly type: 'init' }
  | { readonly type: 'align'; readonly align: 0 | 1 | 2 }
  | { readonly type: 'bold'; readonly on: boolean }
  | { readonly type: 'underline'; readonly dots: number }
  | { readonly type: 'size'; readonly width: number; readonly height: number }
  | { readonly type: 'font'; readonly font: number }
  | { readonly type: 'codepage'; readonly table: number }
  | { readonly type: 'kanji'; readonly on: boolean }
  | { readonly type: 'lineSpacing'; readonly dots: number | 'default' }
  | { readonly type: 'text'; readonly bytes: Uint8Array }
  | { readonly type: 'newline' }
  | { readonly type: 'carriageReturn' }
  | { readonly type: 'feedLines'; readonly lines: number }
  | { readonly type: 'raster'; readonly mode: number; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array }
  | { readonly type: 'qr'; readonly fn: number; readonly params: Uint8Array }
  | { readonly type: 'cut'; readonly partial: boolean; readonly feedFirst: number }
  /** GS r n: answered in order, once everything before it is done. */
  | { readonly type: 'transmitStatus'; readonly n: number }
  /** A real-time command met between commands; `RealTimeScanner` has already acted on it. */
  | { readonly type: 'realTime'; readonly bytes: Uint8Array }
  | { readonly type: 'unknown'; readonly bytes: Uint8Array };

const ESC = 0x1b;
const FS = 0x1c;
const LF = 0x0a;
const CR = 0x0d;

/** Longest raster accepted: 65535 × 65535 bytes is what the header allows; a bound keeps garbage from eating memory. */
const MAX_RASTER_BYTES = 4 * 1024 * 1024;

type Parsed = { readonly command: PrinterCommand; readonly length: number } | 'needMore';

const u16 = (buf: Uint8Array, at: number): number => (buf[at] ?? 0) | ((buf[at + 1] ?? 0) << 8);
const byteAt = (buf: Uint8Array, at: number): number => buf[at] ?? 0;

function alignValue(n: number): 0 | 1 | 2 {
  const v = n >= 48 ? n - 48 : n;
  return v === 1 ? 1 : v === 2 ? 2 : 0;
}

function parseEsc(buf: Uint8Array, i: number): Parsed {
  if (buf.length - i < 2) return 'needMore';
  const code = byteAt(buf, i + 1);
  const withArg = (make: (n: number) => PrinterCommand): Parsed => (buf.length - i < 3 ? 'needMore' : { command: make(byteAt(buf, i + 2)), length: 3 });
  switch (code) {
    case 0x40:
      return { command: { type: 'init' }, length: 2 };
    case 0x61:
      return withArg((n) => ({ type: 'align', align: alignValue(n) }));
    case 0x45:
      return withArg((n) => ({ type: 'bold', on: (n & 1) === 1 }));
    case 0x2d:
      return withArg((n) => ({ type: 'underline', dots: n >= 48 ? n - 48 : n }));
    case 0x4d:
      return withArg((n) => ({ type: 'font', font: n >= 48 ? n - 48 : n }));
    case 0x74:
      return withArg((n) => ({ type: 'codepage', table: n }));
    case 0x33:
      return withArg((n) => ({ type: 'lineSpacing', dots: n }));
    case 0x32:
      return { command: { type: 'lineSpacing', dots: 'default' }, length: 2 };
    case 0x64:
      return withArg((n) => ({ type: 'feedLines', lines: n }));
    case 0x21:
      // ESC ! n: print mode; bit 3 bold, bits 4/5 double height/width.
      return withArg((n) => ({ type: 'size', width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 }));
    default:
      return { command: { type: 'unknown', bytes: buf.slice(i, i + 2) }, length: 2 };
  }
}

function parseGs(buf: Uint8Array, i: number): Parsed {
  if (buf.length - i < 2) return 'needMore';
  const code = byteAt(buf, i + 1);
  switch (code) {
    case 0x21: {
      if (buf.length - i < 3) return 'needMore';
      const n = byteAt(buf, i + 2);
      return { command: { type: 'size', width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 }, length: 3 };
    }
    case 0x56: {
      if (buf.length - i < 3) return 'needMore';
      const m = byteAt(buf, i + 2);
      if (m === 0 || m === 48) return { command: { type: 'cut', partial: false, feedFirst: 0 }, length: 3 };
      if (m === 1 || m === 49) return { command: { type: 'cut', partial: true, feedFirst: 0 }, length: 3 };
      if (m === 65 || m === 66) {
        if (buf.length - i < 4) return 'needMore';
        return { command: { type: 'cut', partial: m === 66, feedFirst: byteAt(buf, i + 3) }, length: 4 };
      }
      return { command: { type: 'unknown', bytes: buf.slice(i, i + 3) }, length: 3 };
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d1…dk
      if (buf.length - i < 8) return 'needMore';
      if (byteAt(buf, i + 2) !== 0x30) return { command: { type: 'unknown', bytes: buf.slice(i, i + 3) }, length: 3 };
      const mode = byteAt(buf, i + 3);
      const widthBytes = u16(buf, i + 4);
      const height = u16(buf, i + 6);
      const size = widthBytes * height;
      if (size > MAX_RASTER_BYTES) return { command: { type: 'unknown', bytes: buf.slice(i, i + 8) }, length: 8 };
      if (buf.length - i < 8 + size) return 'needMore';
      return { command: { type: 'raster', mode: mode >= 48 ? mode - 48 : mode, widthBytes, height, data: buf.slice(i + 8, i + 8 + size) }, length: 8 + size };
    }
    case 0x28: {
      // GS ( k pL pH cn fn [params]; other GS ( functions are skipped by their length.
      if (buf.length - i < 5) return 'needMore';
      const fnGroup = byteAt(buf, i + 2);
      const length = u16(buf, i + 3);
      if (buf.length - i < 5 + length) return 'needMore';
      const body = buf.slice(i + 5, i + 5 + length);
      if (fnGroup === 0x6b && length >= 2 && body[0] === 0x31) {
        return { command: { type: 'qr', fn: byteAt(body, 1), params: body.slice(2) }, length: 5 + length };
      }
      return { command: { type: 'unknown', bytes: buf.slice(i, i + 5 + length) }, length: 5 + length };
    }
    case 0x72: {
      if (buf.length - i < 3) return 'needMore';
      const n = byteAt(buf, i + 2);
      return { command: { type: 'transmitStatus', n: n >= 48 ? n - 48 : n }, length: 3 };
    }
    default:
      return { command: { type: 'unknown', bytes: buf.slice(i, i + 2) }, length: 2 };
  }
}

function parseDle(buf: Uint8Array, i: number): Parsed {
  if (buf.length - i < 2) return 'needMore';
  const code = byteAt(buf, i + 1);
  if (code === 0x04 || code === 0x05) {
    if (buf.length - i < 3) return 'needMore';
    return { command: { type: 'realTime', bytes: buf.slice(i, i + 3) }, length: 3 };
  }
  if (code === 0x14) {
    // DLE DC4 fn …: fn 8 (clear buffers) is 10 bytes long; fn 1 and 2 are 5.
    if (buf.length - i < 3) return 'needMore';
    const total = byteAt(buf, i + 2) === 0x08 ? 10 : 5;
    if (buf.length - i < total) return 'needMore';
    return { command: { type: 'realTime', bytes: buf.slice(i, i + total) }, length: total };
  }
  return { command: { type: 'unknown', bytes: buf.slice(i, i + 1) }, length: 1 };
}

function parseOne(buf: Uint8Array, i: number): Parsed {
  const byte = byteAt(buf, i);
  if (byte === ESC) return parseEsc(buf, i);
  if (byte === GS) return parseGs(buf, i);
  if (byte === DLE) return parseDle(buf, i);
  if (byte === FS) {
    if (buf.length - i < 2) return 'needMore';
    const code = byteAt(buf, i + 1);
    if (code === 0x2e) return { command: { type: 'kanji', on: false }, length: 2 };
    if (code === 0x26) return { command: { type: 'kanji', on: true }, length: 2 };
    return { command: { type: 'unknown', bytes: buf.slice(i, i + 2) }, length: 2 };
  }
  if (byte === LF) return { command: { type: 'newline' }, length: 1 };
  if (byte === CR) return { command: { type: 'carriageReturn' }, length: 1 };
  if (byte >= 0x20) {
    let end = i + 1;
    while (end < buf.length && byteAt(buf, end) >= 0x20) end++;
    return { command: { type: 'text', bytes: buf.slice(i, end) }, length: end - i };
  }
  return { command: { type: 'unknown', bytes: buf.slice(i, i + 1) }, length: 1 };
}

export class CommandParser {
  #pending: Uint8Array = new Uint8Array(0);

  /** Bytes held for an incomplete command (a raster still arriving). */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  push(chunk: Uint8Array): PrinterCommand[] {
    if (chunk.length > 0) {
      const joined = new Uint8Array(this.#pending.length + chunk.length);
      joined.set(this.#pending);
      joined.set(chunk, this.#pending.length);
      this.#pending = joined;
    }
    const commands: PrinterCommand[] = [];
    let i = 0;
    while (i < this.#pending.length) {
      const parsed = parseOne(this.#pending, i);
      if (parsed === 'needMore') break;
      // Text runs may continue in the next chunk; that only splits a run in two, which prints the same.
      commands.push(parsed.command);
      i += parsed.length;
    }
    this.#pending = this.#pending.slice(i);
    return commands;
  }

  reset(): void {
    this.#pending = new Uint8Array(0);
  }
}

export type RealTimeRequest = { readonly type: 'status'; readonly n: 1 | 2 | 3 | 4 } | { readonly type: 'clearBuffers' };

const CLEAR_TAIL = [0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08];

/**
 * Looks at every received byte for DLE EOT n (n 1–4) and DLE DC4 fn 8, as a
 * printer's receive interrupt does, whatever command the bytes belong to.
 */
export class RealTimeScanner {
  #tail: number[] = [];

  push(chunk: Uint8Array): RealTimeRequest[] {
    const found: RealTimeRequest[] = [];
    for (const byte of chunk) {
      this.#tail.push(byte);
      if (this.#tail.length > 10) this.#tail.shift();
      const t = this.#tail;
      const n = t.length;
      if (n >= 3 && t[n - 3] === DLE && t[n - 2] === 0x04 && byte >= 1 && byte <= 4) found.push({ type: 'status', n: byte as 1 | 2 | 3 | 4 });
      if (n === 10 && t[0] === DLE && CLEAR_TAIL.every((b, k) => t[k + 1] === b)) found.push({ type: 'clearBuffers' });
    }
    return found;
  }

  reset(): void {
    this.#tail = [];
  }
}
