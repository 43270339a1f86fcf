import type { Result } from '../../../common/result';
import type { JourneyReceiptKind, ReceiptOffer, ReceiptProblem } from '../../contract/receipts';
import type { PrintFailure } from '../devices/printer/device';
import type { ReceiptPrinterPort } from '../journeys/ports';
import type { Logger } from '../log';
import type { JourneyReceipt } from './journeyReceipts';
import { renderReceipt } from './render';
import type { ReceiptLanguage } from './templates';

/**
 * The receipt offered on a result screen, from "Print receipt" to "take
 * your receipt" (or why not). One receipt per result: the desk remembers the
 * transaction it printed for, and forgets everything when the session ends.
 * A print runs on its own; nothing of a journey waits for it.
 */

export type { ReceiptPrinterPort } from '../journeys/ports';

export type PrintRefusal =
  /** The printer cannot print now (the offer says why). */
  | 'unavailable'
  /** This result's receipt is printing or came out already. */
  | 'alreadyAsked';

export interface ReceiptDeskOptions {
  /** Absent: the kiosk has no printer, and no receipt is ever offered. */
  readonly printer: ReceiptPrinterPort | undefined;
  readonly log: Logger;
  /** Something the offer shows changed (printing began or ended). */
  readonly onChange: () => void;
  readonly render?: typeof renderReceipt;
}

interface Job {
  /** The result's transaction: which result this receipt belongs to. */
  readonly reference: string;
  readonly kind: JourneyReceiptKind;
  state: 'printing' | 'printed' | 'failed';
  problem?: ReceiptProblem;
  partlyPrinted?: boolean;
}

const problemOf: Record<PrintFailure['type'], ReceiptProblem> = {
  paperOut: 'paperOut',
  coverOpen: 'coverOpen',
  printerError: 'printerError',
  unplugged: 'offline',
  noAnswer: 'offline',
  unavailable: 'offline',
  busy: 'busy',
};

export class ReceiptDesk {
  readonly #options: ReceiptDeskOptions;
  #job: Job | null = null;

  constructor(options: ReceiptDeskOptions) {
    this.#options = options;
  }

  /** What the result screen offers for `result` (its receipt and the reference it belongs to); undefined: nothing to offer. */
  offer(receipt: { readonly kind: JourneyReceiptKind; readonly reference: string } | null): ReceiptOffer | undefined {
    const printer = this.#options.printer;
    if (!printer || printer.status === 'noDevice' || !receipt) return undefined;
    const job = this.#job?.reference === receipt.reference ? this.#job : null;
    if (job) {
      if (job.state !== 'failed') return { kind: receipt.kind, state: job.state };
      return {
        kind: receipt.kind,
        state: 'failed',
        ...(job.problem ? { problem: job.problem } : {}),
        partlyPrinted: job.partlyPrinted === true,
        canRetry: printer.status === 'online',
      };
    }
    if (printer.status === 'online') return { kind: receipt.kind, state: 'offered' };
    return { kind: receipt.kind, state: 'unavailable', problem: this.#why(printer) };
  }

  /** Starts printing `receipt` for the result `reference`; the offer follows it through `onChange`. */
  print(receipt: JourneyReceipt, reference: string, language: ReceiptLanguage): Result<void, PrintRefusal> {
    const printer = this.#options.printer;
    if (!printer || printer.status !== 'online') return { ok: false, error: 'unavailable' };
    const asked = this.#job?.reference === reference ? this.#job : null;
    if (asked && asked.state !== 'failed') return { ok: false, error: 'alreadyAsked' };
    const job: Job = { reference, kind: receipt.kind, state: 'printing' };
    this.#job = job;
    this.#options.onChange();
    void this.#run(printer, job, receipt, language);
    return { ok: true, value: undefined };
  }

  /** The session ended: whatever is printing finishes on paper, but nothing of it is shown to the next person. */
  forget(): void {
    if (this.#job === null) return;
    this.#job = null;
    this.#options.onChange();
  }

  async #run(printer: ReceiptPrinterPort, job: Job, receipt: JourneyReceipt, language: ReceiptLanguage): Promise<void> {
    const { log } = this.#options;
    const render = this.#options.render ?? renderReceipt;
    try {
      const rendered = await render(receipt.kind, receipt.input as never, { language, widthDots: printer.widthDots });
      const printed = await printer.print(rendered.raster);
      if (printed.ok) {
        job.state = 'printed';
        log.info({ event: 'receipt.printed', kind: job.kind }, 'receipt printed');
      } else {
        job.state = 'failed';
        job.problem = problemOf[printed.error.type];
        job.partlyPrinted = 'job' in printed.error && printed.error.job === 'cutShort';
        log.warn({ event: 'receipt.failed', kind: job.kind, failure: printed.error.type, job: 'job' in printed.error ? printed.error.job : undefined }, 'receipt not printed');
      }
    } catch (error) {
      // A template that cannot be drawn is a bug; the person is told the printer could not print.
      job.state = 'failed';
      job.problem = 'printerError';
      log.error({ event: 'receipt.renderFailed', kind: job.kind, err: error }, 'receipt could not be drawn');
    }
    if (this.#job === job) this.#options.onChange();
  }

  #why(printer: ReceiptPrinterPort): ReceiptProblem {
    if (printer.status === 'busy') return 'busy';
    if (printer.status === 'offline') return 'offline';
    return printer.condition === 'paperOut' ? 'paperOut' : printer.condition === 'coverOpen' ? 'coverOpen' : 'printerError';
  }
}
