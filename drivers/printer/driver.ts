import { err, ok, type Result } from '../../common/result';
import { lineTimeMs } from '../transport/pacing';
import type { ByteTransport } from '../transport/types';
import { LinkedDriver } from '../transport/linkedDriver';
import { CLEAR_BUFFERS, type CutKind, type PrintItem, encodeJob } from './codec';
import { PrinterLink } from './exchange';
import type { Raster } from './raster';
import {
  type ErrorCauseBits,
  type OfflineCauseBits,
  type PaperSensorBits,
  type PrinterStatus,
  type PrinterStatusBits,
  type StatusBits,
  type StatusQuery,
  combineStatus,
  decodeInOrderPaperStatus,
  decodeStatus,
  isInOrderStatusByte,
  statusRequest,
} from './status';

export type { PrinterStatus } from './status';

/**
 * Host side of an ESC/POS receipt printer (DEVICES.md §7) over any byte
 * transport (serial, a USB printer-class node, a pty to the simulator).
 *
 * A job goes: status (DLE EOT 1–4) → the job's bytes (the encoder's, raster
 * mode) ending with GS r 1 → the printer's in-order answer to GS r, which
 * comes only once the cut is done. Status is never asked while a job's bytes
 * are streaming (image data can hold 10 04 n). When the answer does not come,
 * the four status bytes say why; a job the printer stopped in the middle is
 * reported `cutShort` and its rest is cleared from the printer's buffer, so
 * nothing half printed is reported as printed or comes out later.
 */

/** What became of the job when it failed. */
export type JobFate =
  /** Nothing was sent: no paper was used. */
  | 'notStarted'
  /** The printer stopped in the middle: part of the receipt is out, uncut. */
  | 'cutShort'
  /** Sent, but whether it printed cannot be known (the printer went silent or away). */
  | 'unknown';

export type PrinterError =
  | { readonly type: 'paperOut'; readonly job: JobFate }
  | { readonly type: 'coverOpen'; readonly job: JobFate }
  /** Not printing for another reason: a cutter jam, a mechanism or unrecoverable error, the feed button. */
  | { readonly type: 'offline'; readonly job: JobFate; readonly reason: OfflineReason }
  /** The port is gone (cable pulled, power lost). */
  | { readonly type: 'unplugged'; readonly job: JobFate }
  /** Status answers that did not have the shape of a status byte, every time we asked. */
  | { readonly type: 'garbledStatus'; readonly job: JobFate; readonly query: StatusQuery; readonly byte: number }
  /** No answer in time. */
  | { readonly type: 'timeout'; readonly job: JobFate; readonly waitedMs: number };

export type OfflineReason = 'cutterError' | 'unrecoverableError' | 'recoverableError' | 'feeding' | 'unknown';

interface PrintReport {
  /** The printer's state after the job. */
  readonly status: PrinterStatus;
  readonly bytesSent: number;
}

export interface PrinterTimings {
  /** Wait for one status byte. */
  readonly statusTimeoutMs: number;
  /** Asks for one status byte before giving up on garbled answers or silence. */
  readonly statusAttempts: number;
  /** Completion wait on top of the job's own estimate. */
  readonly jobMarginMs: number;
  /** The slowest print speed we wait for, in dot rows a second (400 ≈ 50 mm/s). */
  readonly minRowsPerSecond: number;
  /** Wait for the answer to DLE DC4 8 (clear buffers); printers without it stay silent. */
  readonly clearTimeoutMs: number;
}

const DEFAULT_PRINTER_TIMINGS: PrinterTimings = {
  statusTimeoutMs: 500,
  statusAttempts: 3,
  jobMarginMs: 5000,
  minRowsPerSecond: 400,
  clearTimeoutMs: 500,
};

export interface PrinterOptions {
  /** Printable width in dots, from configuration: 576 (80 mm) or 384 (58 mm). */
  readonly widthDots: number;
  /** The line's speed, for the time a job takes to send (a USB node: leave out). */
  readonly baudRate?: number;
  readonly timings?: Partial<PrinterTimings>;
}

interface PrintOptions {
  readonly cut?: CutKind;
}

/** Rough height of an item on paper, for the completion wait. */
function estimatedRows(items: readonly PrintItem[]): number {
  let rows = 4 * 30;
  for (const item of items) {
    if (item.type === 'raster') rows += item.raster.height;
    else if (item.type === 'text') rows += 30 * (item.size ?? 1);
    else if (item.type === 'qr') rows += 400;
    else rows += 30 * item.lines;
  }
  return rows;
}

export class ReceiptPrinter extends LinkedDriver {
  readonly #link: PrinterLink;
  readonly #options: PrinterOptions;
  readonly #timings: PrinterTimings;

  constructor(transport: ByteTransport, options: PrinterOptions) {
    const link = new PrinterLink(transport);
    super(link);
    this.#link = link;
    this.#options = options;
    this.#timings = { ...DEFAULT_PRINTER_TIMINGS, ...options.timings };
  }

  get widthDots(): number {
    return this.#options.widthDots;
  }

  /** The four real-time status bytes, between jobs. */
  status(): Promise<Result<PrinterStatus, PrinterError>> {
    return this.#link.exclusive(() => this.#readStatus('notStarted'));
  }

  /** One receipt: a raster as wide as the paper, then the cut. */
  printRaster(raster: Raster, options: PrintOptions = {}): Promise<Result<PrintReport, PrinterError>> {
    return this.print([{ type: 'raster', raster }], options);
  }

  /**
   * Prints and cuts. Succeeds only when the printer says the job is done;
   * throws only for programmer errors (a raster wider than the paper, non-ASCII text).
   */
  print(items: readonly PrintItem[], options: PrintOptions = {}): Promise<Result<PrintReport, PrinterError>> {
    const bytes = encodeJob(items, { widthDots: this.#options.widthDots, cut: options.cut ?? 'full' });
    return this.#link.exclusive(() => this.#print(bytes, estimatedRows(items)));
  }

  async #print(bytes: Uint8Array, rows: number): Promise<Result<PrintReport, PrinterError>> {
    const before = await this.#readStatus('notStarted');
    if (!before.ok) return before;
    const refusal = this.#refusal(before.value, 'notStarted');
    if (refusal) return err(refusal);

    this.#link.flush();
    const sendMs = this.#options.baudRate ? lineTimeMs(bytes.length, { baudRate: this.#options.baudRate, bitsPerChar: 10 }) : 0;
    const waitMs = sendMs + (rows / this.#timings.minRowsPerSecond) * 1000 + this.#timings.jobMarginMs;
    const started = performance.now();
    // A printer busy printing takes bytes no faster than it prints: the whole job's time bounds the sending too.
    const sent = await this.#link.writeWithin(bytes, waitMs);
    if (sent === 'closed') return err({ type: 'unplugged', job: 'unknown' });
    if (sent === 'stalled') return err({ type: 'timeout', job: 'unknown', waitedMs: performance.now() - started });

    // Stray real-time answers (image bytes that looked like DLE EOT) are dropped: only GS r's answer has bit 4 clear.
    const done = await this.#link.nextByte(started + waitMs, isInOrderStatusByte);
    if (done.kind === 'closed') return err({ type: 'unplugged', job: 'unknown' });
    if (done.kind === 'byte') {
      const after = await this.#readStatus('notStarted');
      const paper = decodeInOrderPaperStatus(done.byte);
      if (!after.ok) {
        // Printed; only the status after it is missing. Report what GS r said.
        return ok({ status: { ...UNKNOWN_AFTER, paperNearEnd: paper?.nearEnd ?? false, paperOut: paper?.paperOut ?? false }, bytesSent: bytes.length });
      }
      return ok({ status: after.value, bytesSent: bytes.length });
    }

    // No answer: the printer stopped (paper, cover, error) or went silent.
    const why = await this.#readStatus('unknown');
    if (!why.ok) return why;
    const stopped = this.#refusal(why.value, 'cutShort');
    if (!stopped) return err({ type: 'timeout', job: 'unknown', waitedMs: performance.now() - started });
    await this.#clearBuffers();
    return err(stopped);
  }

  /** Why the printer will not (or did not) print, if it says so. */
  #refusal(status: PrinterStatus, job: JobFate): PrinterError | undefined {
    if (status.coverOpen) return { type: 'coverOpen', job };
    if (status.paperOut) return { type: 'paperOut', job };
    if (status.online) return undefined;
    const reason: OfflineReason = status.cutterError
      ? 'cutterError'
      : status.unrecoverableError
        ? 'unrecoverableError'
        : status.recoverableError
          ? 'recoverableError'
          : status.feeding
            ? 'feeding'
            : 'unknown';
    return { type: 'offline', job, reason };
  }

  async #clearBuffers(): Promise<void> {
    this.#link.flush();
    if (!(await this.#link.write(CLEAR_BUFFERS))) return;
    const deadline = performance.now() + this.#timings.clearTimeoutMs;
    // 37 25 00, or nothing from a printer without the command.
    for (let i = 0; i < 3; i++) {
      const answer = await this.#link.nextByte(deadline);
      if (answer.kind !== 'byte') break;
    }
    this.#link.flush();
  }

  async #readStatus(job: JobFate): Promise<Result<PrinterStatus, PrinterError>> {
    const bits: StatusBits[] = [];
    for (const query of [1, 2, 3, 4] as const) {
      const read = await this.#query(query, job);
      if (!read.ok) return read;
      bits.push(read.value);
    }
    const [printer, offline, error, paper] = bits as [PrinterStatusBits, OfflineCauseBits, ErrorCauseBits, PaperSensorBits];
    return ok(combineStatus(printer, offline, error, paper));
  }

  /**
   * One status byte, asked for up to `statusAttempts` times: a garbled answer, or none in time (a byte lost on
   * the line, a busy moment on either side), is asked again before the printer is called silent.
   */
  async #query(query: StatusQuery, job: JobFate): Promise<Result<StatusBits, PrinterError>> {
    let last: PrinterError = { type: 'timeout', job, waitedMs: 0 };
    const first = performance.now();
    for (let attempt = 1; attempt <= this.#timings.statusAttempts; attempt++) {
      // A late answer to the last request is dropped here, never taken for this one's.
      this.#link.flush();
      const started = performance.now();
      if (!(await this.#link.write(statusRequest(query)))) return err({ type: 'unplugged', job });
      const answer = await this.#link.nextByte(started + this.#timings.statusTimeoutMs);
      if (answer.kind === 'closed') return err({ type: 'unplugged', job });
      if (answer.kind === 'timeout') {
        last = { type: 'timeout', job, waitedMs: performance.now() - first };
        continue;
      }
      const decoded = decodeStatus(query, answer.byte);
      if (decoded.kind === 'status') return ok(decoded.bits);
      last = { type: 'garbledStatus', job, query, byte: answer.byte };
    }
    return err(last);
  }
}

const UNKNOWN_AFTER: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
  recoverableError: false,
  feeding: false,
};
