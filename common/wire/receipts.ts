import { z } from 'zod';
import titles from './receiptTitles.json' with { type: 'json' };

/**
 * A result's receipt by SMS, when the kiosk's printer cannot print it. The
 * kiosk names only which receipt (its kind) and the transaction that
 * completed the result (its reference: the Idempotency-Key of the call that
 * completed it at this kiosk). Central knows whose result that was, and
 * sends to that account's own mobile: never to a number the kiosk supplies.
 */

/** The results that offer a receipt by SMS (electron/contract/receipts.ts smsReceiptKinds, kept equal by a spec). */
export const RESULT_RECEIPT_KINDS = ['accountActivated', 'passwordRecovered', 'usernameRecovered', 'mobileChanged', 'emailChanged', 'addressChanged', 'formSubmitted'] as const;
export type ResultReceiptKind = (typeof RESULT_RECEIPT_KINDS)[number];

/** A result receipt's title (receiptTitles.json), the same words on paper (the kiosk's templates) and in its SMS (central's). */
export const RESULT_RECEIPT_TITLES: Readonly<Record<ResultReceiptKind, { readonly ar: string; readonly en: string }>> = titles;

export const receiptSmsSchema = z
  .object({
    kind: z.enum(RESULT_RECEIPT_KINDS).describe('The receipt the result screen offered.'),
    reference: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{8,128}$/)
      .describe('The Idempotency-Key of the call that completed the result at this kiosk (its transaction id).'),
  })
  .strict()
  .meta({ id: 'ReceiptSms' });

export const receiptSmsSentSchema = z
  .object({ sentTo: z.string().describe('The masked mobile the receipt went to (05X XXX X123).') })
  .meta({ id: 'ReceiptSmsSent' });

/**
 * The reference a person is shown for a transaction id: a kiosk transaction
 * id is `<kioskId>-<ULID>`, and the ULID is unique on its own (the kiosk has
 * its own line), so the reference is the ULID; an id of another shape is
 * shown as it is. The printed receipt and its SMS show the same one.
 */
export function receiptReference(transactionId: string): string {
  return /-([0-9A-HJKMNP-TV-Z]{26})$/.exec(transactionId)?.[1] ?? transactionId;
}
