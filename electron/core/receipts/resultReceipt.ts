import type { Clock } from '../../../common/time';
import { KioskError } from '../../contract';
import type { ReceiptOffer, ResultReceiptKind } from '../../contract';
import type { ServiceResult } from '../catalogue/serviceDesk';
import type { KioskConfig } from '../config/schema';
import type { JourneyPorts } from '../journeys/ports';
import type { JourneyRunner } from '../journeys/runner';
import type { Logger } from '../log';
import { isSmsKind, ReceiptDesk } from './desk';
import { type PrintableReceipt, type ReceiptSetting, journeyReceipt } from './journeyReceipts';
import { serviceReceipt } from './serviceReceipts';
import type { ReceiptLanguage } from './templates';

interface ResultReceiptOptions {
  /** The printer, and central for the SMS receipt; without them no receipt is offered. */
  readonly ports: JourneyPorts | undefined;
  readonly journeys: JourneyRunner | null;
  /** The inquiry or form result on screen, if any (it is drawn over the signed-in journey, so it comes first). */
  readonly serviceResult?: () => ServiceResult | null;
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
  #offered: { key: string; offer: { kind: ResultReceiptKind; reference: string } | null } | undefined;

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
    const key = this.#onScreen();
    if (key !== this.#offered?.key) {
      const current = key ? this.#current() : null;
      this.#offered = key ? { key, offer: current && { kind: current.receipt.kind, reference: current.reference } } : undefined;
    }
    const offer = this.#desk.offer(this.#offered?.offer ?? null);
    return offer ? { receipt: offer } : {};
  }

  /** Prints, or sends by SMS, the receipt of the result on screen: only the kind the screen offers, in the person's language. */
  give(kind: ResultReceiptKind, how: 'print' | 'sms', language: ReceiptLanguage): void {
    const current = this.#current();
    if (!current || current.receipt.kind !== kind) throw new KioskError('not_allowed', `the screen shows no ${kind} receipt`);
    const started =
      how === 'print'
        ? this.#desk.print(current.receipt, current.reference, language)
        : isSmsKind(kind)
          ? this.#desk.sendSms(kind, current.reference, language)
          : ({ ok: false, error: 'unavailable' } as const);
    if (!started.ok) {
      throw started.error === 'unavailable' ? new KioskError('unavailable', 'this receipt cannot be given that way now') : new KioskError('not_allowed', 'this receipt was asked for already');
    }
  }

  /** The session ended: nothing of what the receipt said stays. */
  forget(): void {
    this.#desk.forget();
  }

  /** Which result is on screen (its step or service, and its transaction), or null. */
  #onScreen(): string | null {
    const service = this.#options.serviceResult?.();
    if (service) return `service ${service.entry.id} ${service.reference}`;
    const result = this.#options.journeys?.result();
    return result?.reference ? `${result.step} ${result.reference}` : null;
  }

  #current(): { receipt: PrintableReceipt; reference: string } | null {
    const { kioskId, branding } = this.#options.config();
    const setting: ReceiptSetting = { kioskId, at: new Date(this.#options.clock.now()), portalName: branding.portalName, supportNumber: branding.supportNumber };
    const service = this.#options.serviceResult?.();
    if (service) {
      // The signed-in person's ID, as the journey under the inquiry shows it (its last four digits).
      const idNumberLast4 = this.#options.journeys?.view()?.data.idNumberMasked?.slice(-4);
      const receipt = serviceReceipt(service, { ...setting, ...(idNumberLast4 && /^[0-9]{4}$/.test(idNumberLast4) ? { idNumberLast4 } : {}) });
      return receipt && { receipt, reference: service.reference };
    }
    const result = this.#options.journeys?.result();
    if (!result?.reference) return null;
    const receipt = journeyReceipt(result, setting);
    return receipt && { receipt, reference: result.reference };
  }
}
