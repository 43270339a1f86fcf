import { cityInBothLanguages } from '../../../common/rules';
import { receiptReference } from '../../../common/wire/receipts';
import type { ResultReceiptKind } from '../../contract/receipts';
import type { JourneyResult } from '../journeys/runner';
import { type ReceiptInput, receiptSchemas } from './kinds';

/** How a transaction id is shown on a receipt (and in its SMS). */
export { receiptReference };

/**
 * Which result screens have a receipt, and the receipt's content built from
 * the journey's own data: the masked values its screen shows and the
 * transaction that completed it. Nothing the renderer says goes on paper.
 */

/** The receipts a journey's result has (an inquiry's or a form's: serviceReceipts.ts). */
export type JourneyReceiptKind = Exclude<ResultReceiptKind, 'inquiryResult' | 'formSubmitted'>;

/** `<service>.<result state>` → the receipt that result has. */
export const RESULT_RECEIPTS: Readonly<Record<string, JourneyReceiptKind>> = {
  'activate.activated': 'accountActivated',
  'recoverPassword.updated': 'passwordRecovered',
  'recoverUsername.recovered': 'usernameRecovered',
  'updateMobile.changed': 'mobileChanged',
  // Edit user information (signed in): the same receipts as the recoveries' results.
  'changePassword.changed': 'passwordRecovered',
  'changeMobile.changed': 'mobileChanged',
  'changeEmail.changed': 'emailChanged',
  'changeAddress.changed': 'addressChanged',
};

/** The receipt kind a result step has (`activate.activated.finished` → accountActivated), if any. */
export function receiptKindFor(step: string): JourneyReceiptKind | null {
  for (const [result, kind] of Object.entries(RESULT_RECEIPTS)) {
    if (step === result || step.startsWith(`${result}.`)) return kind;
  }
  return null;
}

/** What every receipt carries besides the journey's data: the kiosk, the moment, the portal's name and support line. */
export interface ReceiptSetting {
  readonly kioskId: string;
  readonly at: Date;
  readonly portalName: { readonly ar: string; readonly en: string };
  readonly supportNumber: string;
}

/** A receipt of a result screen and what goes on it. */
export type PrintableReceipt = { [K in ResultReceiptKind]: { readonly kind: K; readonly input: ReceiptInput<K> } }[ResultReceiptKind];
export type JourneyReceipt = Extract<PrintableReceipt, { kind: JourneyReceiptKind }>;

/** What every result's receipt carries: the kiosk, the moment, the portal and its support line, and the transaction as a person is shown it. */
export function receiptCommon(setting: ReceiptSetting, transactionId: string) {
  return {
    kioskId: setting.kioskId,
    reference: receiptReference(transactionId),
    at: setting.at,
    portalName: { ar: setting.portalName.ar, en: setting.portalName.en },
    supportNumber: setting.supportNumber,
  };
}

/**
 * The receipt of the result on screen, or null when it has none (not a
 * result with a receipt, or a value that is not in the masked shape a
 * receipt accepts: then no receipt is offered rather than a wrong one).
 */
export function journeyReceipt(result: JourneyResult, setting: ReceiptSetting): JourneyReceipt | null {
  const kind = receiptKindFor(result.step);
  if (!kind || !result.reference) return null;
  const { shown } = result;
  const idNumberLast4 = shown.idNumberMasked?.slice(-4);
  if (!idNumberLast4) return null;
  const common = { ...receiptCommon(setting, result.reference), idNumberLast4 };
  const candidate = ((): JourneyReceipt => {
    switch (kind) {
      case 'accountActivated':
        return { kind, input: { ...common, maskedMobile: shown.maskedMobile ?? null } };
      case 'passwordRecovered':
        return { kind, input: common };
      case 'usernameRecovered':
        return { kind, input: { ...common, maskedUsername: shown.maskedUsername ?? '', sentTo: shown.maskedMobile ?? null } };
      case 'mobileChanged':
        return { kind, input: { ...common, maskedMobile: shown.maskedMobile ?? '' } };
      case 'emailChanged':
        return { kind, input: { ...common, maskedEmail: shown.newEmail ?? '' } };
      case 'addressChanged':
        return { kind, input: { ...common, city: cityInBothLanguages(shown.newAddress?.city ?? ''), district: shown.newAddress?.district ?? '', postalCode: shown.newAddress?.postalCode ?? '' } };
    }
  })();
  return receiptSchemas[candidate.kind].safeParse(candidate.input).success ? candidate : null;
}
