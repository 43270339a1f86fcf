import type { Clock } from '../../../common/time';
import { KioskError } from '../../contract';
import type { JourneyReceiptKind, ReceiptOffer } from '../../contract';
import type { KioskConfig } from '../config/schema';
import type { JourneyPorts } from '../journeys/ports';
import type { JourneyRunner } from '../journeys/runner';
import type { Logger } from '../log';
import { ReceiptDesk } from './desk';
import { type JourneyReceipt, journeyReceipt } from './journeyReceipts';
import type { ReceiptLanguage } from './templates';

export interface ResultReceiptOptions {
  /** The printer, and central for the SMS receipt; without them no receipt is offered. */
  readonly ports: JourneyPorts | undefined;
  readonly journeys: JourneyRunner | null;
  readonly clock: Clock;
  /** The live configuration: the kiosk's id and branding go on the paper. */
  readonly config: () => KioskConfig;
  readonly log: Logger;
  /** What the offer shows changed (printing began or ended, an SMS went). */
  readonly onChange: () => void;
}

/**
 * The receipt of the result on screen: which one it offers, and printing or
 * sending it, built from the journey's own data (never the renderer's).
 */
export class ResultReceipt {
  readonly #options: ResultReceiptOptions;
  readonly #desk: ReceiptDesk;
  /** The result on screen (its step and transaction) and the receipt it offers, if any. */
  #offered: { key: string; offer: { kind: JourneyReceiptKind; reference: string } | null } | undefined;

  constructor(options: ResultReceiptOptions) {
    this.#options = options;
    const { ports } = options;
    this.#desk = new ReceiptDesk({
      printer: ports?.printer,
      log: options.log,
      onChange: options.onChange,
      // No paper: central sends the receipt to the account's own mobile, named by the result's transaction.
      ...(ports && {
        sms: ({ kind, reference, language }) => ports.callCitizen({ route: 'sendReceiptSms', idempotencyKey: ports.newTransactionId(), language, body: { kind, reference } }),
      }),
    });
  }

  /** Which receipt the result on screen offers: built and checked once per result, not at every snapshot. */
  offer(): { receipt?: ReceiptOffer } {
    const result = this.#options.journeys?.result();
    const key = result?.reference ? `${result.step} ${result.reference}` : null;
    if (key !== this.#offered?.key) {
      const current = key ? this.#current() : null;
      this.#offered = key ? { key, offer: current && { kind: current.receipt.kind, reference: current.reference } } : undefined;
    }
    const offer = this.#desk.offer(this.#offered?.offer ?? null);
    return offer ? { receipt: offer } : {};
  }

  /** Prints, or sends by SMS, the receipt of the result on screen: only the kind the screen offers, in the person's language. */
  give(kind: JourneyReceiptKind, how: 'print' | 'sms', language: ReceiptLanguage): void {
    const current = this.#current();
    if (!current || current.receipt.kind !== kind) throw new KioskError('not_allowed', `the screen shows no ${kind} receipt`);
    const started = how === 'print' ? this.#desk.print(current.receipt, current.reference, language) : this.#desk.sendSms(kind, current.reference, language);
    if (!started.ok) {
      throw started.error === 'unavailable' ? new KioskError('unavailable', 'this receipt cannot be given that way now') : new KioskError('not_allowed', 'this receipt was asked for already');
    }
  }

  /** The session ended: nothing of what the receipt said stays. */
  forget(): void {
    this.#desk.forget();
  }

  #current(): { receipt: JourneyReceipt; reference: string } | null {
    const result = this.#options.journeys?.result();
    if (!result?.reference) return null;
    const { kioskId, branding } = this.#options.config();
    const receipt = journeyReceipt(result, { kioskId, at: new Date(this.#options.clock.now()), portalName: branding.portalName, supportNumber: branding.supportNumber });
    return receipt && { receipt, reference: result.reference };
  }
}
