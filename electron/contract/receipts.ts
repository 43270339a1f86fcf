/**
 * Receipts on a government kiosk's result screens (issue 15). The renderer
 * is untrusted: it only names WHICH receipt of the result on screen it wants
 * (the kind the snapshot offers); what is printed the core builds from the
 * journey's own data, masked. Printing is never a step of a journey: a
 * person who ignores the offer finishes exactly as without a printer.
 */

/** The receipts central can also send by SMS when the printer cannot print (common/wire/receipts RESULT_RECEIPT_KINDS, kept equal by a spec). */
export const smsReceiptKinds = ['accountActivated', 'passwordRecovered', 'usernameRecovered', 'mobileChanged', 'emailChanged', 'addressChanged', 'formSubmitted'] as const;
export type SmsReceiptKind = (typeof smsReceiptKinds)[number];

/**
 * The result screens that have a receipt, by the receipt's kind: the
 * journeys' results, the e-mail and address changes, and every inquiry and
 * form of the catalogue whose entry has a receipt (one kind each: what goes
 * on paper is what the result screen showed).
 */
export const resultReceiptKinds = [...smsReceiptKinds, 'inquiryResult'] as const;
export type ResultReceiptKind = (typeof resultReceiptKinds)[number];

/** Why no receipt came (or can come) out: the printer's own state, in words a person can be told. */
export type ReceiptProblem = 'paperOut' | 'coverOpen' | 'printerError' | 'offline' | 'busy';

/** The receipt the result on screen has, when the kiosk has a printer (`snapshot.receipt`). */
export interface ReceiptOffer {
  kind: ResultReceiptKind;
  /**
   * `offered`: "Print receipt" / "No thanks"; `unavailable`: the printer
   * cannot print now (why in `problem`) and the result stands as it is;
   * `printing`; `printed`: take it from the printer; `failed`: it could not
   * be printed (why in `problem`).
   */
  state: 'offered' | 'unavailable' | 'printing' | 'printed' | 'failed';
  problem?: ReceiptProblem;
  /** Failed: part of the receipt came out before the printer stopped; that piece is not a receipt. */
  partlyPrinted?: boolean;
  /** Failed, and the printer can print again: the person may try once more. */
  canRetry?: boolean;
  /**
   * The printer cannot print it (unavailable, or failed with no retry): a
   * receipt of an SMS kind (`smsReceiptKinds`) may go by SMS instead, to the mobile central has for the account
   * (never one typed here). `offered`: "Send by SMS"; `sending`; `sent`
   * (to `sentTo`, masked); `failed`: it could not be sent.
   */
  sms?: { state: 'offered' | 'sending' | 'sent' | 'failed'; sentTo?: string };
}

export interface ReceiptProcedureInputs {
  /** Print the receipt of the result on screen; refused (`not_allowed`) unless the snapshot offers that kind. */
  printReceipt: { receipt: ResultReceiptKind };
  /** Send the receipt of the result on screen by SMS; refused (`not_allowed`) unless the snapshot offers it (`receipt.sms`). */
  sendReceiptSms: { receipt: SmsReceiptKind };
}
