import { createNanoEvents } from 'nanoevents';
import type { Logger } from 'pino';
import type { BackoffPolicy } from '../../../../common/backoff';
import { err, ok, type Result } from '../../../../common/result';
import type { Clock } from '../../../../common/time';
import { type JobFate, type OfflineReason, type PrinterError, type PrinterStatus, type PrinterTimings, ReceiptPrinter } from '../../../../drivers/printer/driver';
import type { Raster } from '../../../../drivers/printer/raster';
import type { ByteTransport } from '../../../../drivers/transport/types';
import { DeviceConnection, type HandshakeFailure } from '../connection';
import { LinkedDevice } from '../linkedDevice';
import { type OpenSerial, openSerialLink } from '../serialPort';
import type { DeviceStatus, StatusReason } from '../types';

/**
 * The receipt printer as the kiosk sees it: a status that follows the paper,
 * the cover and the cable (polled between jobs, never during one), and one
 * typed print call. Printing is never in a journey's way: a printer without
 * paper is a device fault like any other (`hardwareError`), and every failure
 * says what became of the receipt. Nothing here knows an ESC/POS byte.
 */

interface PrinterDeviceConfig {
  readonly path: string;
  readonly baudRate: number;
  readonly noModemLines: boolean;
  /** 576 (80 mm) or 384 (58 mm). */
  readonly widthDots: number;
}

interface PrinterDeviceOptions {
  readonly config: PrinterDeviceConfig | null;
  readonly log: Logger;
  readonly clock: Clock;
  readonly reconnect?: BackoffPolicy;
  readonly openSerial?: OpenSerial;
  /** Between status polls while no job runs (paper put back, cover shut). */
  readonly pollMs?: number;
  readonly timings?: Partial<PrinterTimings>;
}

const DEFAULT_PRINTER_POLL_MS = 1_000;
/** Unanswered status polls in a row before the printer is taken to be gone (one can be a busy moment). */
const MISSED_POLLS_BEFORE_RESET = 3;

/** What keeps the printer from printing now; `ready` when nothing does. */
export type PrinterCondition = 'ready' | 'paperOut' | 'coverOpen' | 'error';

export type PrintFailure =
  /** Not connected (unplugged, not answering, not fitted): nothing was sent. */
  | { readonly type: 'unavailable'; readonly status: DeviceStatus }
  /** Another receipt is printing. */
  | { readonly type: 'busy' }
  | { readonly type: 'paperOut'; readonly job: JobFate }
  | { readonly type: 'coverOpen'; readonly job: JobFate }
  /** A cutter jam, a mechanism or unrecoverable error. */
  | { readonly type: 'printerError'; readonly job: JobFate; readonly reason: OfflineReason }
  /** The cable went during the job. */
  | { readonly type: 'unplugged'; readonly job: JobFate }
  /** No answer, or answers that made no sense: the printer is being reconnected. */
  | { readonly type: 'noAnswer'; readonly job: JobFate };

export interface PrintDone {
  readonly bytesSent: number;
  /** The near-end sensor sees little paper left. */
  readonly paperNearEnd: boolean;
}

interface PrinterCounters {
  /** Receipts the printer said it finished (cut included). */
  readonly receiptsPrinted: number;
  /** Times the paper was found out, between jobs or in the middle of one. */
  readonly paperOutEvents: number;
}

export class PrinterDevice extends LinkedDevice<ByteTransport, ReceiptPrinter, PrinterDeviceOptions> {
  readonly #widthDots: number;
  #condition: PrinterCondition = 'ready';
  #nearEnd = false;
  #counters: { receiptsPrinted: number; paperOutEvents: number } = { receiptsPrinted: 0, paperOutEvents: 0 };
  #poll: unknown;
  #polling = false;
  /** Status polls in a row that got no sensible answer. */
  #missedPolls = 0;
  readonly #events = createNanoEvents<{ counted: (counter: keyof PrinterCounters) => void }>();

  constructor(options: PrinterDeviceOptions) {
    super('printer', options);
    this.#widthDots = options.config?.widthDots ?? 576;
    const config = options.config;
    if (!config) return;
    this.connection = new DeviceConnection<ByteTransport, ReceiptPrinter>(
      {
        open: () => openSerialLink({ path: config.path, baudRate: config.baudRate, noModemLines: config.noModemLines }, options.openSerial),
        handshake: (transport) => this.#handshake(transport, config),
        release: (printer) => printer.dispose(),
      },
      {
        clock: options.clock,
        log: this.log,
        ...(options.reconnect ? { reconnect: options.reconnect } : {}),
        onChange: (change) => {
          if (change.kind === 'connected') {
            this.#missedPolls = 0;
            this.#showCondition('connected');
            this.#schedulePoll();
          } else {
            this.#stopPolling();
            this.reportConnection(change);
          }
        },
      },
    );
  }

  /** The printable width receipts are drawn at. */
  get widthDots(): number {
    return this.#widthDots;
  }

  /** What the printer said last about its paper, cover and mechanism. */
  get condition(): PrinterCondition {
    return this.#condition;
  }

  get paperNearEnd(): boolean {
    return this.#nearEnd;
  }

  get counters(): PrinterCounters {
    return { ...this.#counters };
  }

  /** Told once per counted event (a receipt printed, the paper found out), as it is counted: the store keeps the life counts. */
  onCount(listener: (counter: keyof PrinterCounters) => void): () => void {
    // One listener's throw is logged and leaves the count, and the other listeners, as they are.
    return this.#events.on('counted', (counter) => {
      try {
        listener(counter);
      } catch (error) {
        this.log.error({ event: 'printer.counterListenerFailed', counter, err: error }, 'a counter listener threw');
      }
    });
  }

  /**
   * One receipt, then the cut. Resolves once the printer says it is done, or
   * with what kept it from printing and what became of the receipt
   * (`notStarted`: no paper used; `cutShort`: part of it is out, uncut, and
   * the rest was cleared; `unknown`). A receipt is never aborted half way.
   */
  print(raster: Raster): Promise<Result<PrintDone, PrintFailure>> {
    if (raster.width > this.#widthDots) throw new RangeError(`a ${raster.width}-dot raster is wider than the ${this.#widthDots}-dot paper`);
    const printer = this.connection?.driver;
    if (!printer) return Promise.resolve(err({ type: 'unavailable', status: this.status }));
    const run = this.operation.run(undefined, () => this.#print(printer, raster));
    return run ?? Promise.resolve(err({ type: 'busy' }));
  }

  override async stop(): Promise<void> {
    this.#stopPolling();
    await super.stop();
  }

  async #handshake(transport: ByteTransport, config: PrinterDeviceConfig): Promise<Result<ReceiptPrinter, HandshakeFailure>> {
    const printer = new ReceiptPrinter(transport, {
      widthDots: config.widthDots,
      baudRate: config.baudRate,
      ...(this.options.timings ? { timings: this.options.timings } : {}),
    });
    // A printer that answers its status is there, whatever it says about its paper.
    const status = await printer.status();
    if (status.ok) {
      this.#note(status.value);
      return ok(printer);
    }
    printer.dispose();
    return err(status.error.type === 'unplugged' ? 'unplugged' : 'noAnswer');
  }

  async #print(printer: ReceiptPrinter, raster: Raster): Promise<Result<PrintDone, PrintFailure>> {
    this.reporter.set('busy', 'operationStarted');
    let failure: PrintFailure | undefined;
    try {
      const printed = await printer.printRaster(raster);
      if (printed.ok) {
        this.#count('receiptsPrinted');
        this.#note(printed.value.status);
        this.log.info({ event: 'printer.printed', bytes: printed.value.bytesSent, paperNearEnd: this.#nearEnd }, 'receipt printed');
        return ok({ bytesSent: printed.value.bytesSent, paperNearEnd: this.#nearEnd });
      }
      failure = this.#failure(printed.error);
      // The driver's own words too (how long it waited, a garbled byte): "noAnswer" is four different silences.
      this.log.warn({ event: 'printer.failed', failure: failure.type, job: 'job' in failure ? failure.job : undefined, driver: printed.error }, 'receipt not printed');
      return err(failure);
    } finally {
      if (this.connection?.driver === printer) {
        if (failure?.type === 'unplugged') this.connection.reset('unplugged');
        else if (failure?.type === 'noAnswer') this.connection.reset('noAnswer');
        else this.#showCondition('operationEnded', true);
      }
    }
  }

  #failure(error: PrinterError): PrintFailure {
    switch (error.type) {
      case 'paperOut':
        this.#setCondition('paperOut');
        return { type: 'paperOut', job: error.job };
      case 'coverOpen':
        this.#setCondition('coverOpen');
        return { type: 'coverOpen', job: error.job };
      case 'offline':
        this.#setCondition('error');
        return { type: 'printerError', job: error.job, reason: error.reason };
      case 'unplugged':
        return { type: 'unplugged', job: error.job };
      case 'garbledStatus':
      case 'timeout':
        return { type: 'noAnswer', job: error.job };
    }
  }

  #count(counter: keyof PrinterCounters): void {
    this.#counters[counter] += 1;
    this.#events.emit('counted', counter);
  }

  /** The printer's own words about itself, as a condition. */
  #note(status: PrinterStatus): void {
    this.#nearEnd = status.paperNearEnd;
    if (status.coverOpen) this.#setCondition('coverOpen');
    else if (status.paperOut) this.#setCondition('paperOut');
    else if (!status.online) this.#setCondition('error');
    else this.#setCondition('ready');
  }

  #setCondition(condition: PrinterCondition): void {
    if (condition === this.#condition) return;
    if (condition === 'paperOut') this.#count('paperOutEvents');
    this.log.info({ event: 'printer.condition', condition, previous: this.#condition }, 'printer condition changed');
    this.#condition = condition;
  }

  /** Connected: online when it would print, a hardware error (paper, cover, mechanism) when it would not. */
  #showCondition(reason: StatusReason, jobEnding = false): void {
    // While a job runs the printer is busy; its end says what it is after.
    if (this.operation.isRunning && !jobEnding) return;
    const why: Record<PrinterCondition, StatusReason> = { ready: reason, paperOut: 'paperOut', coverOpen: 'coverOpen', error: 'deviceFault' };
    this.reporter.set(this.#condition === 'ready' ? 'online' : 'hardwareError', why[this.#condition]);
  }

  #schedulePoll(): void {
    if (this.#poll !== undefined || !this.connection?.driver) return;
    this.#poll = this.options.clock.setTimeout(() => {
      this.#poll = undefined;
      void this.#pollOnce();
    }, this.options.pollMs ?? DEFAULT_PRINTER_POLL_MS);
  }

  #stopPolling(): void {
    if (this.#poll !== undefined) this.options.clock.clearTimeout(this.#poll);
    this.#poll = undefined;
  }

  /** Between jobs only: the driver's lock keeps a status request out of a job's bytes, and a job's own end says it all. */
  async #pollOnce(): Promise<void> {
    const printer = this.connection?.driver;
    if (!printer || this.#polling) return;
    if (this.operation.isRunning) {
      this.#schedulePoll();
      return;
    }
    this.#polling = true;
    try {
      const status = await printer.status();
      if (this.connection?.driver !== printer) return;
      if (status.ok) {
        this.#missedPolls = 0;
        this.#note(status.value);
        this.#showCondition('connected');
      } else if (status.error.type === 'unplugged') {
        this.connection.reset('unplugged');
        return;
      } else if (++this.#missedPolls >= MISSED_POLLS_BEFORE_RESET) {
        this.#missedPolls = 0;
        this.connection.reset('noAnswer');
        return;
      }
    } finally {
      this.#polling = false;
    }
    this.#schedulePoll();
  }
}
