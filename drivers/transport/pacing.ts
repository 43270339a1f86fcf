import { SerialLock } from '../../common/lock';
import { sleep } from '../../common/time';
import type { ByteTransport } from './types';

export interface LineSettings {
  baudRate: number;
  /** Start + data + parity + stop bits: 10 for 8N1, 11 for 8E1. */
  bitsPerChar: number;
}

/** Bits one character occupies on an asynchronous serial line. */
export function bitsPerCharacter(dataBits: 7 | 8 = 8, parity: 'none' | 'even' | 'odd' = 'none', stopBits: 1 | 2 = 1): number {
  return 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
}

/** Milliseconds of line time for `byteCount` characters. */
export function lineTimeMs(byteCount: number, line: LineSettings): number {
  return (byteCount * line.bitsPerChar * 1000) / line.baudRate;
}

/** Batches bytes per timer tick; a timer per byte would cost more than the line. */
const PACING_TICK_MS = 8;

/**
 * Writes to a transport no faster than a UART would send, so a simulator on a
 * pty (which moves data at memory speed) keeps real timing. Writes queue in
 * order; each chunk is handed over when its last byte would have left the
 * wire, never earlier.
 */
export class PacedLine {
  #line: LineSettings;
  #lineFreeAt = 0;
  readonly #queue = new SerialLock();
  #generation = 0;

  constructor(
    private readonly transport: ByteTransport,
    line: LineSettings,
  ) {
    this.#line = { ...line };
  }

  get settings(): LineSettings {
    return { ...this.#line };
  }

  /** Takes effect for bytes queued after the call, as a UART reprogrammed between frames. */
  setBaudRate(baudRate: number): void {
    this.#line = { ...this.#line, baudRate };
  }

  /** Queues bytes; resolves when the last of them has been handed to the transport. */
  write(bytes: Uint8Array): Promise<void> {
    const generation = this.#generation;
    const copy = Uint8Array.from(bytes);
    const line = this.#line;
    return this.#queue.run(() => this.#send(copy, line, generation));
  }

  /** Drops everything not yet sent (the device lost power mid-reply). */
  cancel(): void {
    this.#generation += 1;
    this.#lineFreeAt = 0;
  }

  async #send(bytes: Uint8Array, line: LineSettings, generation: number): Promise<void> {
    const start = Math.max(performance.now(), this.#lineFreeAt);
    const msPerByte = lineTimeMs(1, line);
    const bytesPerTick = Math.max(1, Math.floor(PACING_TICK_MS / msPerByte));
    this.#lineFreeAt = start + bytes.length * msPerByte;
    for (let offset = 0; offset < bytes.length; offset += bytesPerTick) {
      const end = Math.min(bytes.length, offset + bytesPerTick);
      await sleep(start + end * msPerByte - performance.now());
      if (generation !== this.#generation || !this.transport.isOpen) return;
      await this.transport.write(bytes.subarray(offset, end));
    }
  }
}


/** One-off paced write, for callers that do not keep a line (the bench's bare-pty floor). */
export function writePaced(transport: ByteTransport, bytes: Uint8Array, line: LineSettings): Promise<void> {
  return new PacedLine(transport, line).write(bytes);
}
