import type { AtmJourneyService, AtmServiceId } from './atm';
import type { NoInput } from './noInput';
import type { ServiceId } from './services';
import type { Language } from './session';

/**
 * The government-office journeys the core runs as state machines. The
 * renderer starts one, sends the person's events, and draws `JourneyView`
 * from the snapshot; it cannot skip a step (the core answers `not_allowed`).
 */

export const journeyServices = [
  'register',
  'activate',
  'signIn',
  'recoverPassword',
  'recoverUsername',
  'updateMobile',
  // Edit user information: signed in (started from the signed-in home; from the menu, sign-in comes first).
  'changePassword',
  'changeEmail',
  'changeMobile',
  'changeAddress',
] as const satisfies readonly ServiceId[];
/** The journeys that need a signed-in person: each runs on top of the sign-in journey's session. */
export const signedInJourneys = ['changePassword', 'changeEmail', 'changeMobile', 'changeAddress'] as const satisfies readonly JourneyService[];
export type SignedInJourney = (typeof signedInJourneys)[number];
export type JourneyService = (typeof journeyServices)[number];
/** Every journey machine the core runs: the government-office ones and the bank-ATM one (./atm.ts). */
export type AnyJourneyService = JourneyService | AtmJourneyService;

/**
 * Every event the renderer may send to a journey, discriminated on `type`. The
 * core checks the bounds (serve/journeys.ts) and then the rules themselves (ID
 * number, mobile, username, password, e-mail, code).
 */
export type JourneyEvent =
  | { type: 'SUBMIT_ID'; idNumber: string }
  /** Read the ID from the card in the slot (opens the shutter and waits for one if the slot is empty). */
  | { type: 'USE_CARD' }
  /**
   * Sign in. `login` left out: the ID number this journey was handed by the
   * one before it ("sign in now" after activation); the core holds it, the
   * renderer never names it.
   */
  | { type: 'SUBMIT_CREDENTIALS'; login?: string; password: string }
  | { type: 'SUBMIT_CODE'; code: string }
  | { type: 'RESEND_CODE' }
  | { type: 'ACCEPT_TERMS' }
  /** Activation: "send the code to the mobile shown". */
  | { type: 'CONFIRM_ACTIVATION' }
  | { type: 'SUBMIT_MOBILE'; mobile: string }
  | { type: 'SUBMIT_SECURITY_ANSWER'; answer: string }
  | { type: 'SUBMIT_USERNAME'; username: string }
  /** A new password and its confirmation (registration and password recovery). */
  | { type: 'SUBMIT_PASSWORD'; password: string; confirmation: string }
  | { type: 'SUBMIT_EMAIL'; email: string; confirmation: string }
  /** Change password (signed in): the password in use now. */
  | { type: 'SUBMIT_CURRENT_PASSWORD'; password: string }
  /** Change address (signed in): the national address as typed (the core checks RULES.md's format). */
  | { type: 'SUBMIT_ADDRESS'; address: AddressInput }
  | { type: 'CHOOSE_LANGUAGE'; language: Language }
  /** Try the failed step again (central unreachable, reader error, no match, card timeout). */
  | { type: 'RETRY' }
  /** Take the non-biometric route (or be told where one is). */
  | { type: 'USE_ALTERNATIVE' }
  | { type: 'BACK' }
  /** Registration done, or sign-in refused for an account not yet active: go on to activation. */
  | { type: 'ACTIVATE_NOW' }
  /** Activation done: go on to sign-in with the ID just activated (the person types only the password). */
  | { type: 'SIGN_IN_NOW' }
  /** Activation done: central sends the account's full username by SMS to its registered mobile (once). */
  | { type: 'SEND_USERNAME' }
  /** Sign-in refused for a locked account: go on to password recovery (which clears the lock). */
  | { type: 'RECOVER_PASSWORD' }
  | { type: 'SIGN_OUT' }
  /** Leave a result screen: the card (if any) is handed back. */
  | { type: 'FINISH' }
  /** ATM: pick an entry of the MOI e-services menu (`atm.menu`). */
  | { type: 'CHOOSE_SERVICE'; service: AtmServiceId }
  /** ATM: print a receipt of the request (`atm.activate.received`). */
  | { type: 'PRINT_RECEIPT' }
  /** ATM: stop here; the card is handed back. Also what `cancelJourney` does at an ATM. */
  | { type: 'CANCEL' };
export type JourneyEventType = JourneyEvent['type'];

// A record rather than a list, so the compiler insists on every event type exactly once.
const everyEventType: Record<JourneyEventType, true> = {
  SUBMIT_ID: true,
  USE_CARD: true,
  SUBMIT_CREDENTIALS: true,
  SUBMIT_CODE: true,
  RESEND_CODE: true,
  ACCEPT_TERMS: true,
  CONFIRM_ACTIVATION: true,
  SUBMIT_MOBILE: true,
  SUBMIT_SECURITY_ANSWER: true,
  SUBMIT_USERNAME: true,
  SUBMIT_PASSWORD: true,
  SUBMIT_EMAIL: true,
  SUBMIT_CURRENT_PASSWORD: true,
  SUBMIT_ADDRESS: true,
  CHOOSE_LANGUAGE: true,
  RETRY: true,
  USE_ALTERNATIVE: true,
  BACK: true,
  ACTIVATE_NOW: true,
  SIGN_IN_NOW: true,
  SEND_USERNAME: true,
  RECOVER_PASSWORD: true,
  SIGN_OUT: true,
  FINISH: true,
  CHOOSE_SERVICE: true,
  PRINT_RECEIPT: true,
  CANCEL: true,
};
/** Every event type, for the core to ask a step which ones it takes now. */
export const journeyEventTypes = Object.keys(everyEventType) as JourneyEventType[];

/** The journey procedures' inputs (procedures.ts adds them to the kiosk's). */
export interface JourneyProcedureInputs {
  /** Begin a government-office journey inside the session (one at a time). */
  startJourney: { service: JourneyService };
  /** The person's input to the running journey; a step it does not take is refused with `not_allowed`. */
  journeyEvent: JourneyEvent;
  /** Leave the running journey (back to the services); the session goes on. */
  cancelJourney: NoInput;
}

export type FingerprintGuidance = 'placeFinger' | 'holdStill' | 'liftAndPlaceAgain' | 'poorQuality' | 'captured';

/** Form fields a screen can mark; `fieldErrors` carries the rule's own words (tooShort, checkDigit, mismatch, …). */
export type JourneyField =
  | 'idNumber'
  | 'login'
  | 'password'
  | 'confirmation'
  | 'code'
  | 'mobile'
  | 'username'
  | 'email'
  | 'answer'
  | 'currentPassword'
  | AddressField;

/** The national address's parts, as a form has them (RULES.md "National address"). */
export const addressFields = ['buildingNumber', 'street', 'district', 'city', 'postalCode', 'additionalNumber', 'unit'] as const;
export type AddressField = (typeof addressFields)[number];
export interface AddressInput {
  buildingNumber: string;
  street: string;
  district: string;
  city: string;
  postalCode: string;
  additionalNumber: string;
  unit?: string;
}

export interface LocalizedText {
  ar: string;
  en: string;
}

/** What the person is told about their card (the ID card at a kiosk, the bank card at an ATM). */
export type CardState = 'inSlot' | 'presented' | 'taken' | 'retained' | 'failed';

/**
 * What a screen shows, and nothing more: masked values only. Times are epoch
 * ms on the core clock (compare with `KioskSnapshot.now`), converted from
 * central's own clock when the answer arrived.
 */
/** A national address as it may be shown: never the street, building or unit. */
export interface MaskedAddressView {
  city: string;
  district: string;
  /** The postal code's last two digits: `***14`. */
  postalCode: string;
}

export interface JourneyViewData {
  /** `******1234` */
  idNumberMasked?: string;
  idSource?: 'typed' | 'card';
  /** The person's first name, after a fingerprint match or sign-in. */
  firstName?: LocalizedText;
  /** Signed in: the full name as the registry has it. */
  fullName?: LocalizedText;
  accountState?: 'none' | 'registered' | 'pending_bank' | 'active' | 'locked';
  /** `05X XXX X123` */
  maskedMobile?: string;
  /** `Fa******2` */
  maskedUsername?: string;
  /** After activation: the full username went by SMS to this masked mobile (`05X XXX X123`). */
  usernameSentTo?: string;
  attemptsRemaining?: number;
  lockedUntil?: number;
  /** As central said it, when the answer arrived; `retryAt` is the same moment on the core clock. */
  retryAfterSeconds?: number;
  retryAt?: number;
  code?: { sentTo: string; length: number; expiresAt: number; resendAvailableAt: number };
  guidance?: FingerprintGuidance;
  fieldErrors?: Partial<Record<JourneyField, string[]>>;
  securityQuestion?: LocalizedText;
  language?: Language;
  termsAccepted?: boolean;
  /** Signed in: the services open to this person. */
  services?: string[];
  mustChangePassword?: boolean;
  /** Edit user information: the e-mail and national address on record, masked (`ab******@example.com`; city, district, `***14`). */
  currentEmail?: string;
  currentAddress?: MaskedAddressView;
  /** Change e-mail / address: the new one, masked as above (the code step, the result and its receipt). */
  newEmail?: string;
  newAddress?: MaskedAddressView;
  /** A result's text as central words it (e.g. "password updated successfully"). */
  message?: LocalizedText;
  /** Where the person can go when this kiosk cannot finish the journey by fingerprint. */
  alternative?: 'atm' | 'staff';
  card?: CardState;
  /** ATM: the bank card's last four digits (never more of its number). */
  cardLast4?: string;
  /** ATM: how many digits the EPP holds now (one dot each on screen; which digits, the kiosk never knows). */
  pinDigits?: number;
  /** ATM: how many digits a PIN may have. */
  pinLength?: { min: number; max: number };
  /** ATM: the receipt asked for was printed, failed, or there is no printer to print it. */
  receipt?: 'printed' | 'failed' | 'unavailable';
}

/** Stable error words a screen explains: central's problem codes, plus the kiosk's own. */
export type JourneyErrorCode =
  | 'central_unavailable'
  | 'reader_unavailable'
  | 'capture_timeout'
  | 'capture_poor_quality'
  | 'card_timeout'
  | 'card_not_identity'
  | 'card_unreadable'
  | 'card_reader_unavailable'
  | 'verification_expired'
  // ATM mode: each with the card's fate in `data.card` once it is known.
  | 'pin_wrong'
  | 'pin_tries_exhausted'
  | 'pin_timeout'
  | 'pin_pad_unavailable'
  | 'epp_error'
  | 'card_expired'
  | 'card_not_linked'
  | 'card_jammed'
  | 'bank_unavailable'
  | 'bank_error'
  | (string & {});

export interface JourneyView<S extends AnyJourneyService = JourneyService> {
  service: S;
  /** `<service>.<state path>`, e.g. `activate.fingerprint.capturing`: one stable string per machine state. */
  step: string;
  data: JourneyViewData;
  /** The kiosk is working (central, a device): input is not accepted. */
  busy: boolean;
  error: { code: JourneyErrorCode; retryable: boolean } | null;
  canGoBack: boolean;
  /** The event types this step accepts now; anything else is refused with `not_allowed`. */
  accepts: JourneyEventType[];
  /** The journey has ended (a result screen); `startJourney` may begin another. */
  finished: boolean;
}

/** The bank-ATM journey's view (`snapshot.atmJourney`): steps `atm.<state path>`. */
export type AtmJourneyView = JourneyView<AtmJourneyService>;
