import type { JourneyService, JourneyViewData } from '../../contract/journeys';
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
}

export interface JourneyError {
  code: string;
  retryable: boolean;
}

export interface JourneyContext {
  service: JourneyService;
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
  service: JourneyService;
  sessionId: string;
  /** Handed over from another journey (register → activate): the ID step is done. */
  idNumber?: string;
  cardUsed?: boolean;
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
  };
}

export function initialContext(input: JourneyInput): JourneyContext {
  return {
    service: input.service,
    sessionId: input.sessionId,
    cardUsed: input.cardUsed ?? false,
    route: 'fingerprint',
    secret: { ...emptySecrets(), idNumber: input.idNumber ?? null },
    shown: input.idNumber ? { idNumberMasked: maskId(input.idNumber), idSource: input.cardUsed ? 'card' : 'typed' } : {},
    error: null,
  };
}

/** Everything of the person gone: what a journey's context looks like after the session ends. */
export function wipedContext(service: JourneyService): JourneyContext {
  return { service, sessionId: '', cardUsed: false, route: 'fingerprint', secret: emptySecrets(), shown: {}, error: null };
}

export function maskId(digits: string): string {
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

export function firstName(full: string): string {
  return full.trim().split(/\s+/)[0] ?? full;
}
