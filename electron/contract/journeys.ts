import { z } from 'zod';
import type { ServiceId } from './services';

/**
 * The government-office journeys the core runs as state machines. The
 * renderer starts one, sends the person's events, and draws `JourneyView`
 * from the snapshot; it cannot skip a step (the core answers `not_allowed`).
 */

export const journeyServices = ['register', 'activate', 'signIn', 'recoverPassword', 'recoverUsername', 'updateMobile'] as const satisfies readonly ServiceId[];
export const JourneyService = z.enum(journeyServices);
export type JourneyService = z.infer<typeof JourneyService>;

// Bounds only: the rules themselves (ID number, mobile, username, password, e-mail, code) are checked by the core.
const secret = z.string().min(1).max(128);
const none = <T extends string>(type: T) => z.object({ type: z.literal(type) }).strict();

/** Every event the renderer may send to a journey, discriminated on `type`. */
export const journeyEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SUBMIT_ID'), idNumber: z.string().min(1).max(20) }).strict(),
  /** Read the ID from the card in the slot (opens the shutter and waits for one if the slot is empty). */
  none('USE_CARD'),
  z.object({ type: z.literal('SUBMIT_CREDENTIALS'), login: z.string().min(1).max(64), password: secret }).strict(),
  z.object({ type: z.literal('SUBMIT_CODE'), code: z.string().min(1).max(12) }).strict(),
  none('RESEND_CODE'),
  none('ACCEPT_TERMS'),
  /** Activation: "send the code to the mobile shown". */
  none('CONFIRM_ACTIVATION'),
  z.object({ type: z.literal('SUBMIT_MOBILE'), mobile: z.string().min(1).max(24) }).strict(),
  z.object({ type: z.literal('SUBMIT_SECURITY_ANSWER'), answer: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal('SUBMIT_USERNAME'), username: z.string().min(1).max(64) }).strict(),
  /** A new password and its confirmation (registration and password recovery). */
  z.object({ type: z.literal('SUBMIT_PASSWORD'), password: secret, confirmation: secret }).strict(),
  z.object({ type: z.literal('SUBMIT_EMAIL'), email: z.string().min(1).max(254), confirmation: z.string().min(1).max(254) }).strict(),
  z.object({ type: z.literal('CHOOSE_LANGUAGE'), language: z.enum(['ar', 'en']) }).strict(),
  /** Try the failed step again (central unreachable, reader error, no match, card timeout). */
  none('RETRY'),
  /** Take the non-biometric route (or be told where one is). */
  none('USE_ALTERNATIVE'),
  none('BACK'),
  /** Registration done, or sign-in refused for an account not yet active: go on to activation. */
  none('ACTIVATE_NOW'),
  /** Sign-in refused for a locked account: go on to password recovery (which clears the lock). */
  none('RECOVER_PASSWORD'),
  none('SIGN_OUT'),
  /** Leave a result screen: the card (if any) is handed back. */
  none('FINISH'),
]);
export type JourneyEvent = z.infer<typeof journeyEventSchema>;
export type JourneyEventType = JourneyEvent['type'];
export const journeyEventTypes = journeyEventSchema.options.map((o) => o.shape.type.value) as JourneyEventType[];

/** Procedure inputs (KioskCore adds them to `procedureInputs`). */
export const journeyProcedureInputs = {
  startJourney: z.object({ service: JourneyService }).strict(),
  journeyEvent: journeyEventSchema,
  cancelJourney: z.object({}).strict(),
} as const;

export type FingerprintGuidance = 'placeFinger' | 'holdStill' | 'liftAndPlaceAgain' | 'poorQuality' | 'captured';

/** Form fields a screen can mark; `fieldErrors` carries the rule's own words (tooShort, checkDigit, mismatch, …). */
export type JourneyField = 'idNumber' | 'login' | 'password' | 'confirmation' | 'code' | 'mobile' | 'username' | 'email' | 'answer';

export interface LocalizedText {
  ar: string;
  en: string;
}

/** What the person is told about their ID card. */
export type CardState = 'inSlot' | 'presented' | 'taken' | 'retained' | 'failed';

/**
 * What a screen shows, and nothing more: masked values only. Times are epoch
 * ms on the core clock (compare with `KioskSnapshot.now`), converted from
 * central's own clock when the answer arrived.
 */
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
  attemptsRemaining?: number;
  lockedUntil?: number;
  /** As central said it, when the answer arrived; `retryAt` is the same moment on the core clock. */
  retryAfterSeconds?: number;
  retryAt?: number;
  code?: { sentTo: string; length: number; expiresAt: number; resendAvailableAt: number };
  guidance?: FingerprintGuidance;
  fieldErrors?: Partial<Record<JourneyField, string[]>>;
  securityQuestion?: LocalizedText;
  language?: 'ar' | 'en';
  termsAccepted?: boolean;
  /** Signed in: the services open to this person. */
  services?: string[];
  mustChangePassword?: boolean;
  /** A result's text as central words it (e.g. "password updated successfully"). */
  message?: LocalizedText;
  /** Where the person can go when this kiosk cannot finish the journey by fingerprint. */
  alternative?: 'atm' | 'staff';
  card?: CardState;
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
  | (string & {});

export interface JourneyView {
  service: JourneyService;
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
