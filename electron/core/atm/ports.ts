import type { Result } from '../../../common/result';
import type { AtmFdk } from '../../contract/atm';
import type { Language } from '../../contract/session';
import type { AtmDeviceError, CardFate, NavigationKey, PinBlock, PinBlockFormat, PinEntryOutcome, PinRequest } from '../../../drivers/xfs4iot/atm';

/**
 * What the ATM journey may do with the ATM and the bank, and nothing else:
 * the PIN entry on the EPP (key presses only), the bank's decision on the
 * PIN just entered, the card back or kept, a receipt. The card's PAN is
 * passed in by the journey (it holds it as a secret) and goes only to the
 * EPP and the bank.
 */

/** A bank card as the kiosk keeps it while the person is at the ATM: never logged, never in a view. */
export interface BankCard {
  readonly pan: string;
  /** YYMM, as on track 2. */
  readonly expiry: string;
}

/** What the card reader made of the card that started the session. */
export type BankCardRead = { readonly ok: true; readonly card: BankCard } | { readonly ok: false; readonly code: 'card_unreadable' };

/** The bank's decision on the PIN just entered, or why there is none. */
export type AuthoriseOutcome =
  | { readonly kind: 'approved'; readonly attestation: string }
  | { readonly kind: 'wrongPin'; readonly triesLeft: number }
  | { readonly kind: 'retainCard' }
  | { readonly kind: 'cardNotLinked' }
  | { readonly kind: 'cardExpired' }
  /** The bank could not be asked, or its answer was lost. */
  | { readonly kind: 'bankUnavailable' }
  /** The bank refused the request itself, or answered nonsense. */
  | { readonly kind: 'bankError' }
  /** The EPP could not make the PIN block. */
  | { readonly kind: 'eppError' }
  | { readonly kind: 'pinPadUnavailable' };
export type AuthoriseKind = AuthoriseOutcome['kind'];

/** The receipt the journey asks for: masked values as the screen shows them, and the request's transaction. */
export interface AtmReceiptRequest {
  readonly kind: 'bankActivationRequested';
  /** `******1234`: only the last four digits reach the paper. */
  readonly idNumberMasked: string;
  /** `05X XXX X123`. */
  readonly maskedMobile: string;
  /** The kiosk's transaction id of the request to central (`<kioskId>-<ULID>`). */
  readonly transactionId: string;
}

/** A receipt to print: the request, in the language the person is using (electron/core/receipts draws it). */
export interface AtmReceipt extends AtmReceiptRequest {
  readonly language: Language;
}

/** Why a receipt did not come out: the printer's failure, or a receipt the template refused (a value not masked as it must be). */
export type AtmReceiptError = AtmDeviceError | { readonly type: 'notPrintable' };

export interface AtmSettings {
  readonly pinBlockFormat: PinBlockFormat;
  readonly pinLength: { readonly min: number; readonly max: number };
}

export interface AtmJourneyPorts {
  readonly settings: AtmSettings;
  readPin(request: PinRequest): Promise<Result<PinEntryOutcome, AtmDeviceError>>;
  /** The EPP's block for the PIN just entered, to the bank as it is: its decision. */
  authorise(card: BankCard): Promise<AuthoriseOutcome>;
  /** Card to the exit, then taken — or kept when it is not taken in time. */
  returnCard(request: { signal?: AbortSignal }): Promise<Result<CardFate, AtmDeviceError>>;
  /** The bank said keep it (PIN tries used up). */
  retainCard(): Promise<Result<void, AtmDeviceError>>;
  /** The receipt drawn from its template and printed on the ATM's printer; absent where the ATM has no receipt printer. */
  printReceipt?(receipt: AtmReceipt): Promise<Result<void, AtmReceiptError>>;
}

/**
 * The EPP for a technician (maintenance at the ATM): the PIN typed as key
 * presses only, then handed out as an ISO 9564 format 4 block under the
 * technician PIN key with the technician's card number as the PAN, for
 * central (never the bank) to check.
 */
export interface TechnicianPinPad {
  readPin(request: PinRequest): Promise<Result<PinEntryOutcome, AtmDeviceError>>;
  pinBlock(cardNumber: string): Promise<Result<PinBlock, AtmDeviceError>>;
  /** An FDK that ended the technician's PIN entry, for the screen to act on as on any key beside it (snapshot.atmKey). */
  keyBesideScreen?(key: AtmFdk): void;
}

/** What every ATM receipt carries besides the journey's data, and the paper it goes on. */
export interface AtmReceiptSetting {
  readonly kioskId: string;
  readonly portalName: { readonly ar: string; readonly en: string };
  readonly supportNumber: string;
  /** The ATM receipt printer's width in dots: 576 (80 mm) or 384 (58 mm). */
  readonly widthDots: number;
}

/** The kiosk's side of a card arriving: true when a session took it, false to hand it straight back. */
export type CardArrival = (read: BankCardRead) => boolean;

/**
 * What KioskCore needs of the ATM: the slot open while it can serve, any card
 * out before the next person, and the keys beside the screen (FDKs, Enter,
 * Cancel, Clear) while a screen waits for a choice.
 */
export interface AtmCardDesk {
  setWatching(on: boolean, onCard?: CardArrival): void;
  clearForNextPerson(): Promise<void>;
  setNavigating(on: boolean): void;
  onNavigationKey(listener: (key: NavigationKey) => void): () => void;
  /** Headphones into the ATM's audio jack (true) or out (false): the headset convention for "speak the screen". */
  onHeadset?(listener: (plugged: boolean) => void): () => void;
}
