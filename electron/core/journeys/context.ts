import type { AddressInput, AnyJourneyService, JourneyViewData } from '../../contract/journeys';
import type { BankCard, BankCardRead } from '../atm/ports';
import type { SignedCapturePackage } from '../devices';

/**
 * A journey's memory, in two halves. `secret` holds what the person typed or
 * proved (ID number, passwords, the code, tokens, the capture): it goes to
 * central and never into a view. `shown` holds only masked, view-safe values;
 * the view is built from it alone. Both are emptied when the journey ends.
 */
export interface JourneySecrets {
  idNumber: string | null;
  verificationToken: string | null;
  capture: SignedCapturePackage | null;
  login: string | null;
  password: string | null;
  confirmation: string | null;
  code: string | null;
  /** E.164 after the kiosk's check. */
  mobile: string | null;
  answer: string | null;
  username: string | null;
  email: string | null;
  emailConfirmation: string | null;
  challengeId: string | null;
  sessionToken: string | null;
  /** The Idempotency-Key of the action under way: a retry after a lost answer sends it again. */
  pendingKey: string | null;
  /** ATM: the bank card in the reader (its PAN goes to the EPP and the bank, nowhere else). */
  bankCard: BankCard | null;
  /** ATM: the bank's signed attestation that the card holder is national ID N, for central as it is. */
  attestation: string | null;
  /** Edit user information: the password in use now (change password), the new address as checked (change address). */
  currentPassword: string | null;
  address: AddressInput | null;
}

export interface JourneyError {
  code: string;
  retryable: boolean;
}

export interface JourneyContext {
  service: AnyJourneyService;
  /** The customer session: central counts failed fingerprint matches per session. */
  sessionId: string;
  /** The ID came from the card in the slot: it goes back at the end. */
  cardUsed: boolean;
  /** Which way this journey proves the person: fingerprint, or the route without it. */
  route: 'fingerprint' | 'alternative';
  secret: JourneySecrets;
  shown: JourneyViewData;
  error: JourneyError | null;
}

export interface JourneyInput {
  service: AnyJourneyService;
  sessionId: string;
  /** Handed over from another journey (register → activate): the ID step is done. */
  idNumber?: string;
  cardUsed?: boolean;
  /** ATM: the card whose insertion started the session, as the reader read it. */
  bankCard?: BankCardRead;
  /** ATM: how many digits a PIN may have (the bank's setting). */
  pinLength?: { min: number; max: number };
  /** Edit user information: the signed-in session it runs in (the sign-in journey's). */
  sessionToken?: string;
}

export function emptySecrets(): JourneySecrets {
  return {
    idNumber: null,
    verificationToken: null,
    capture: null,
    login: null,
    password: null,
    confirmation: null,
    code: null,
    mobile: null,
    answer: null,
    username: null,
    email: null,
    emailConfirmation: null,
    challengeId: null,
    sessionToken: null,
    pendingKey: null,
    bankCard: null,
    attestation: null,
    currentPassword: null,
    address: null,
  };
}

export function initialContext(input: JourneyInput): JourneyContext {
  if (input.bankCard) return bankCardContext(input, input.bankCard);
  return {
    service: input.service,
    sessionId: input.sessionId,
    cardUsed: input.cardUsed ?? false,
    route: 'fingerprint',
    secret: { ...emptySecrets(), idNumber: input.idNumber ?? null, sessionToken: input.sessionToken ?? null },
    shown: input.idNumber ? { idNumberMasked: maskId(input.idNumber), idSource: input.cardUsed ? 'card' : 'typed' } : {},
    error: null,
  };
}

/** ATM: the card is in the reader (readable or not) and goes back at the end; a screen sees its last four digits at most. */
function bankCardContext(input: JourneyInput, read: BankCardRead): JourneyContext {
  return {
    service: input.service,
    sessionId: input.sessionId,
    cardUsed: true,
    route: 'fingerprint',
    secret: { ...emptySecrets(), bankCard: read.ok ? { pan: read.card.pan, expiry: read.card.expiry } : null },
    shown: {
      card: 'inSlot',
      ...(read.ok ? { cardLast4: read.card.pan.slice(-4) } : {}),
      ...(input.pinLength ? { pinLength: { ...input.pinLength } } : {}),
    },
    error: read.ok ? null : { code: read.code, retryable: false },
  };
}

export function maskId(digits: string): string {
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

export function firstName(full: string): string {
  return full.trim().split(/\s+/)[0] ?? full;
}
