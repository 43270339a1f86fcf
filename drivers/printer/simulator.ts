import { createNanoEvents } from 'nanoevents';
import { sleep } from '../../common/time';
import { bitsPerCharacter } from '../transport/pacing';
import { SimulatorLine } from '../transport/simulatorLine';
import type { ByteTransport } from '../transport/types';
import { CLEAR_BUFFERS_ANSWER } from './codec';
import { CommandParser, type PrinterCommand, RealTimeScanner, type RealTimeRequest } from './commands';
import { type EngineAction, PrintEngine, firstRows } from './paper';
import { rasterToPng } from './png';
import { type Raster, sliceRows, stackRasters } from './raster';
import { PrinterFaults } from './simulatorFaults';
import { type StatusBits, encodeInOrderPaperStatus, encodeStatus } from './status';

/**
 * The printer's side of the ESC/POS line, for tests, the lab and the dev
 * dock. Every byte is looked at twice, as on a real printer: by the real-time
 * scanner as it arrives (DLE EOT status, DLE DC4 clear buffers — inside image
 * data too), and by the command parser in order, whose commands the print
 * engine (paper.ts) turns into dots on a roll of limited length. What is cut
 * off is a receipt; the last few are kept as rasters and PNGs ("the paper").
 */

export interface PrinterSimulatorOptions {
  /** 576 (80 mm) or 384 (58 mm). */
  readonly widthDots?: number;
  readonly baudRate?: number;
  /** Print speed; Infinity prints at once (tests). */
  readonly rowsPerSecond?: number;
  /** Receipts kept for looking at. */
  readonly keepReceipts?: number;
}

export interface PrintedReceipt {
  /** 1, 2, 3… since the simulator started. */
  readonly number: number;
  readonly raster: Raster;
  /** `paperOut`: the roll ended in the middle; this part hangs out uncut. */
  readonly endedBy: 'fullCut' | 'partialCut' | 'paperOut';
}

export interface PrinterSimulatorStats {
  readonly bytesReceived: number;
  /** Commands the parser recognised, by type. */
  readonly commands: Readonly<Record<string, number>>;
  /** Byte sequences that were no command we know (a driver should send none). */
  readonly unknownCommands: number;
  readonly statusAnswers: number;
  /** GS r answers: jobs the printer finished. */
  readonly jobsFinished: number;
  readonly buffersCleared: number;
}

const DEFAULTS = { widthDots: 576, baudRate: 115_200, rowsPerSecond: 1600, keepReceipts: 10 } as const;

export class PrinterSimulator {
  readonly #options: Required<PrinterSimulatorOptions>;
  readonly #faults = new PrinterFaults();
  #engine: PrintEngine;
  #parser = new CommandParser();
  #scanner = new RealTimeScanner();
  readonly #wire: SimulatorLine;

  /** Parsed commands waiting for the print engine. */
  #queue: PrinterCommand[] = [];
  /** Engine output not yet on paper (what was left when the paper ran out). */
  #pending: EngineAction[] = [];
  #pumping = false;
  /** Aborted when the power goes: a band being burnt stops there. */
  #power = new AbortController();

  #paperRows = Infinity;
  #nearEnd = false;
  #bands: Raster[] = [];
  #receipts: PrintedReceipt[] = [];
  #receiptCount = 0;
  readonly #events = createNanoEvents<{ receipt: (receipt: PrintedReceipt) => void }>();

  #stats = { bytesReceived: 0, unknownCommands: 0, statusAnswers: 0, jobsFinished: 0, buffersCleared: 0 };
  #commandCounts: Record<string, number> = {};

  constructor(transport: ByteTransport, options: PrinterSimulatorOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    this.#engine = new PrintEngine(this.#options.widthDots);
    this.#wire = new SimulatorLine(() => ({ baudRate: this.#options.baudRate, bitsPerChar: bitsPerCharacter(8, 'none', 1) }), {
      plugged: () => this.#powerUp(),
      receive: (chunk) => this.#receive(chunk),
      unplugged: () => this.#powerDown(),
    });
    this.#wire.plug(transport);
  }

  get widthDots(): number {
    return this.#options.widthDots;
  }

  get isPlugged(): boolean {
    return this.#wire.isPlugged;
  }

  get online(): boolean {
    return !this.#faults.coverOpen && this.#paperRows > 0 && this.#faults.offline === undefined;
  }

  /** Dot rows left on the roll (Infinity: a fresh roll that never ends). */
  get paperRows(): number {
    return this.#paperRows;
  }

  /** Oldest first, at most `keepReceipts`. */
  get receipts(): readonly PrintedReceipt[] {
    return [...this.#receipts];
  }

  get lastReceipt(): PrintedReceipt | undefined {
    return this.#receipts.at(-1);
  }

  /** A receipt as the PNG the dev dock shows. */
  receiptPng(receipt: PrintedReceipt): Promise<Uint8Array> {
    return rasterToPng(receipt.raster);
  }

  /** Called with each receipt as it is cut off (or as the paper runs out under it). */
  onReceipt(listener: (receipt: PrintedReceipt) => void): () => void {
    return this.#events.on('receipt', listener);
  }

  get stats(): PrinterSimulatorStats {
    return { ...this.#stats, commands: { ...this.#commandCounts } };
  }

  /** Bytes and commands received but not yet printed (the printer stopped, or is still printing). */
  get backlog(): number {
    return this.#queue.length + this.#pending.length + this.#parser.pendingBytes;
  }

  // ── the person at the kiosk, the technician ────────────────────────

  /** A new roll (`rows` long; Infinity for one that never ends); the printer comes back online and prints what it holds. */
  loadPaper(rows = Infinity): void {
    this.#paperRows = rows;
    this.#nearEnd = false;
    void this.#pump();
  }

  openCover(): void {
    this.#faults.coverOpen = true;
  }

  closeCover(): void {
    this.#faults.coverOpen = false;
    void this.#pump();
  }

  // ── fault injection ──────────────────────────────────────────────────

  /** The near-end sensor sees little paper left; printing goes on. */
  paperNearEnd(): void {
    this.#nearEnd = true;
  }

  /** The roll ends after `rows` more dot rows (0: no paper now), in the middle of whatever is printing then. */
  paperOutAfter(rows: number): void {
    this.#paperRows = Math.max(0, rows);
    if (this.#paperRows === 0) this.#outOfPaper();
  }

  /** Offline for another reason until `setOffline(undefined)`. */
  setOffline(reason: PrinterFaults['offline']): void {
    this.#faults.offline = reason;
    if (reason === undefined) void this.#pump();
  }

  /** The next `count` status answers lose their fixed bits (Infinity: all of them until set to 0). */
  garbleStatus(count = 1): void {
    this.#faults.garbleStatusAnswers = count;
  }

  /** The printer stops answering anything (until `mute(false)`). */
  mute(on = true): void {
    this.#faults.mute = on;
  }

  /** Power and cable gone: the buffer is lost, the port closed. */
  unplug(): Promise<void> {
    return this.#wire.unplug();
  }

  /** Power back on a new port: a printer that starts afresh (settings and buffer empty, the roll as it was). */
  replug(transport: ByteTransport): void {
    this.#wire.replug(transport);
  }

  close(): Promise<void> {
    return this.#wire.unplug();
  }

  // ── the line ─────────────────────────────────────────────────────────

  #powerUp(): void {
    this.#engine = new PrintEngine(this.#options.widthDots);
    this.#parser = new CommandParser();
    this.#scanner = new RealTimeScanner();
  }

  #powerDown(): void {
    this.#queue = [];
    this.#pending = [];
    this.#power.abort();
    this.#power = new AbortController();
  }

  #write(bytes: Uint8Array): void {
    if (this.#faults.mute) return;
    void this.#wire.write(bytes);
  }

  #receive(chunk: Uint8Array): void {
    this.#stats.bytesReceived += chunk.length;
    for (const request of this.#scanner.push(chunk)) this.#realTime(request);
    for (const command of this.#parser.push(chunk)) {
      this.#commandCounts[command.type] = (this.#commandCounts[command.type] ?? 0) + 1;
      if (command.type === 'unknown') this.#stats.unknownCommands++;
      if (command.type !== 'realTime') this.#queue.push(command);
    }
    void this.#pump();
  }

  #realTime(request: RealTimeRequest): void {
    if (request.type === 'clearBuffers') {
      this.#queue = [];
      this.#pending = [];
      this.#parser.reset();
      this.#engine.reset();
      this.#stats.buffersCleared++;
      this.#write(CLEAR_BUFFERS_ANSWER);
      return;
    }
    let byte = encodeStatus(this.#statusBits(request.n));
    // Bit 1 lost on the line: no longer the shape of a status byte.
    if (this.#faults.takeGarble()) byte ^= 0x02;
    this.#stats.statusAnswers++;
    this.#write(Uint8Array.of(byte));
  }

  #statusBits(n: 1 | 2 | 3 | 4): StatusBits {
    const paperOut = this.#paperRows <= 0;
    const offline = this.#faults.offline;
    switch (n) {
      case 1:
        return { query: 1, offline: !this.online, waitingForRecovery: false, feedButtonPressed: offline === 'feedButton', drawerPinHigh: false };
      case 2:
        return {
          query: 2,
          coverOpen: this.#faults.coverOpen,
          feeding: offline === 'feedButton',
          paperEndStop: paperOut,
          error: offline === 'cutterError' || offline === 'unrecoverableError' || offline === 'recoverableError',
        };
      case 3:
        return { query: 3, recoverable: offline === 'recoverableError', cutterError: offline === 'cutterError', unrecoverable: offline === 'unrecoverableError', autoRecoverable: false };
      case 4:
        return { query: 4, nearEnd: this.#nearEnd, paperOut };
    }
  }

  // ── the print engine ────────────────────────────────────────────────

  /** Prints what is queued while the printer is online; stops (keeping the rest) when it is not. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#wire.isPlugged && this.online) {
        const action = this.#pending.shift();
        if (action) {
          await this.#perform(action);
          continue;
        }
        const command = this.#queue.shift();
        if (!command) break;
        this.#pending.push(...this.#engine.execute(command));
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #perform(action: EngineAction): Promise<void> {
    switch (action.type) {
      case 'band': {
        const rows = action.raster.height;
        const fit = Math.min(rows, this.#paperRows);
        if (fit > 0) {
          if (Number.isFinite(this.#options.rowsPerSecond) && !(await sleep((fit / this.#options.rowsPerSecond) * 1000, { signal: this.#power.signal }))) {
            return;
          }
          this.#bands.push(fit === rows ? action.raster : firstRows(action.raster, fit));
          this.#paperRows -= fit;
        }
        if (fit < rows) {
          // The roll ended inside this band: the rest waits in the buffer for new paper (or a clear).
          this.#pending.unshift({ type: 'band', raster: sliceRows(action.raster, fit, rows) });
          this.#outOfPaper();
        }
        return;
      }
      case 'cut':
        // A cut with nothing printed since the last one leaves no receipt.
        if (this.#bands.length > 0) this.#finishReceipt(action.partial ? 'partialCut' : 'fullCut');
        return;
      case 'transmitStatus':
        this.#stats.jobsFinished++;
        this.#write(Uint8Array.of(encodeInOrderPaperStatus({ nearEnd: this.#nearEnd, paperOut: this.#paperRows <= 0 })));
        return;
      case 'unknown':
        return;
    }
  }

  #outOfPaper(): void {
    this.#paperRows = 0;
    if (this.#bands.length > 0) this.#finishReceipt('paperOut');
  }

  #finishReceipt(endedBy: PrintedReceipt['endedBy']): void {
    const raster = stackRasters(this.#options.widthDots, this.#bands);
    this.#bands = [];
    this.#receiptCount += 1;
    const receipt: PrintedReceipt = { number: this.#receiptCount, raster, endedBy };
    this.#receipts.push(receipt);
    while (this.#receipts.length > this.#options.keepReceipts) this.#receipts.shift();
    this.#events.emit('receipt', receipt);
  }
}
