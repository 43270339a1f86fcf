import type { Result } from '../../../common/result';
import type { CitizenCallError } from '../sync/citizenCalls';
import { type ReceiptOffer, type ReceiptProblem, type ResultReceiptKind, type SmsReceiptKind, smsReceiptKinds } from '../../contract/receipts';
import type { PrintFailure } from '../devices/printer/device';
import type { ReceiptPrinterPort } from '../journeys/ports';
import type { Logger } from '../log';
import type { PrintableReceipt } from './journeyReceipts';
import { renderReceipt } from './render';
import type { ReceiptLanguage } from './templates';

/**
 * The receipt offered on a result screen, from "Print receipt" to "take
 * your receipt" (or why not). One receipt per result: the desk remembers the
 * transaction it printed for, and forgets everything when the session ends.
 * A print runs on its own; nothing of a journey waits for it.
 */

export type { ReceiptPrinterPort } from '../journeys/ports';

/** Central's receipt by SMS (POST /v1/citizens/receipts/sms): the result's receipt kind and its transaction, in the person's language. */
export type ReceiptSmsPort = (request: { kind: SmsReceiptKind; reference: string; language: ReceiptLanguage }) => Promise<Result<{ sentTo: string }, CitizenCallError>>;

type PrintRefusal =
  /** The printer cannot print now (the offer says why). */
  | 'unavailable'
  /** This result's receipt is printing or came out already. */
  | 'alreadyAsked';

interface ReceiptDeskOptions {
  /** Absent: the kiosk has no printer, and no receipt is ever offered. */
  readonly printer: ReceiptPrinterPort | undefined;
  readonly log: Logger;
  /** Something the offer shows changed (printing began or ended). */
  readonly onChange: () => void;
  readonly render?: typeof renderReceipt;
  /** Central's receipt by SMS, offered when the printer cannot print; absent: no SMS is offered. */
  readonly sms?: ReceiptSmsPort;
}

interface SmsJob {
  readonly reference: string;
  state: 'sending' | 'sent' | 'failed';
  sentTo?: string;
}

interface Job {
  /** The result's transaction: which result this receipt belongs to. */
  readonly reference: string;
  readonly kind: ResultReceiptKind;
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

/** A receipt central can send by SMS (an inquiry's or an edit's cannot be). */
export const isSmsKind = (kind: ResultReceiptKind): kind is SmsReceiptKind => (smsReceiptKinds as readonly string[]).includes(kind);

export class ReceiptDesk {
  readonly #options: ReceiptDeskOptions;
  #job: Job | null = null;
  #sms: SmsJob | null = null;

  constructor(options: ReceiptDeskOptions) {
    this.#options = options;
  }

  /** What the result screen offers for `result` (its receipt and the reference it belongs to); undefined: nothing to offer. */
  offer(receipt: { readonly kind: ResultReceiptKind; readonly reference: string } | null): ReceiptOffer | undefined {
    const printer = this.#options.printer;
    if (!printer || printer.status === 'noDevice' || !receipt) return undefined;
    const job = this.#job?.reference === receipt.reference ? this.#job : null;
    if (job) {
      if (job.state !== 'failed') return { kind: receipt.kind, state: job.state };
      const canRetry = printer.status === 'online';
      return {
        kind: receipt.kind,
        state: 'failed',
        ...(job.problem ? { problem: job.problem } : {}),
        partlyPrinted: job.partlyPrinted === true,
        canRetry,
        ...(canRetry ? {} : this.#smsOffer(receipt)),
      };
    }
    if (printer.status === 'online') return { kind: receipt.kind, state: 'offered' };
    return { kind: receipt.kind, state: 'unavailable', problem: this.#why(printer), ...this.#smsOffer(receipt) };
  }

  /**
   * Sends the receipt of the result `reference` by SMS, through central, to
   * the account's own mobile. Only while the offer has it (the printer
   * cannot print) and it has not gone already (a failed one may be asked
   * again); the offer follows it through `onChange`.
   */
  sendSms(kind: SmsReceiptKind, reference: string, language: ReceiptLanguage): Result<void, PrintRefusal> {
    const sms = this.#options.sms;
    const state = this.offer({ kind, reference })?.sms?.state;
    if (!sms || (state !== 'offered' && state !== 'failed')) {
      return { ok: false, error: this.#sms?.reference === reference ? 'alreadyAsked' : 'unavailable' };
    }
    const job: SmsJob = { reference, state: 'sending' };
    this.#sms = job;
    this.#options.onChange();
    const asked = sms({ kind, reference, language }).catch((error: unknown): Result<{ sentTo: string }, CitizenCallError> => ({ ok: false, error: { type: 'centralUnavailable', detail: String(error) } }));
    void asked.then((sent) => {
      if (sent.ok) {
        job.state = 'sent';
        job.sentTo = sent.value.sentTo;
        this.#options.log.info({ event: 'receipt.smsSent', kind }, 'receipt sent by SMS');
      } else {
        job.state = 'failed';
        this.#options.log.warn({ event: 'receipt.smsFailed', kind, failure: sent.error.type, ...(sent.error.type === 'problem' ? { code: sent.error.code } : {}) }, 'receipt not sent by SMS');
      }
      if (this.#sms === job) this.#options.onChange();
    });
    return { ok: true, value: undefined };
  }

  /** Starts printing `receipt` for the result `reference`; the offer follows it through `onChange`. */
  print(receipt: PrintableReceipt, reference: string, language: ReceiptLanguage): Result<void, PrintRefusal> {
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
    if (this.#job === null && this.#sms === null) return;
    this.#job = null;
    this.#sms = null;
    this.#options.onChange();
  }

  /** The SMS part of an offer the printer cannot print: offered, or how the SMS for this result went (only for a kind central sends). */
  #smsOffer({ kind, reference }: { readonly kind: ResultReceiptKind; readonly reference: string }): Pick<ReceiptOffer, 'sms'> {
    if (!this.#options.sms || !isSmsKind(kind)) return {};
    const job = this.#sms?.reference === reference ? this.#sms : null;
    if (!job) return { sms: { state: 'offered' } };
    return { sms: { state: job.state, ...(job.sentTo ? { sentTo: job.sentTo } : {}) } };
  }

  async #run(printer: ReceiptPrinterPort, job: Job, receipt: PrintableReceipt, language: ReceiptLanguage): Promise<void> {
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
