import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { z } from 'zod';
import type { Result } from '../../../common/result';
import { DEFAULT_RULES, checkEmail, checkIdNumber, checkPassword, checkUsername, maskUsername, normaliseMobile, normaliseOtp } from '../../../common/rules';
import type { RulesConfig } from '../../../common/rules';
import type { JourneyEvent, JourneyField, JourneyService, JourneyViewData } from '../../contract/journeys';
import type { FingerprintDeviceError, PersonGuidance, SignedCapturePackage } from '../devices';
import {
  accountSummarySchema,
  citizenSessionSchema,
  codeSentSchema,
  mobileChangedSchema,
  passwordUpdatedSchema,
  securityQuestionSchema,
  usernameRecoveredSchema,
  verificationSchema,
} from '../../../common/wire/citizen';
import { answerSchema } from '../sync';
import type { AnyCitizenCall, CitizenCallError, CitizenRoute } from '../sync';
import { emptySecrets, firstName, initialContext, maskId } from './context';
import type { JourneyContext, JourneyInput } from './context';

/**
 * What every journey machine is built from: one context, one event set, the
 * actors (central, card slot, reader) as named placeholders the runner
 * provides, and the guards and actions the steps share. Keeping them named
 * keeps the machines readable as a list of steps.
 */

/** A renderer's event (validated by the contract's schema before it gets here). */
export type UserEvent = JourneyEvent;
export type InternalEvent =
  | { type: 'capture.guidance'; guidance: PersonGuidance }
  | { type: 'capture.captured'; capture: SignedCapturePackage }
  | { type: 'capture.failed'; failure: FingerprintDeviceError['type'] }
  | { type: 'journey.wipe' }
  | { type: 'journey.resume' };
export type MachineEvent = UserEvent | InternalEvent;

/**
 * A central answer, with the core clock at arrival. Central's times come as
 * durations from its answer (`expiresInSeconds`, `lockedForSeconds`, …), so
 * an instant on the core clock is `clock.core + seconds * 1000`: the kiosk's
 * wall clock (which may be minutes or hours off central's) never enters.
 */
export interface CentralOutcome {
  route: CitizenRoute;
  result: Result<unknown, CitizenCallError>;
  clock: { core: number };
}

export type CardReadError = 'card_timeout' | 'card_not_identity' | 'card_unreadable' | 'card_reader_unavailable';
export type CardRead = { ok: true; idNumber: string } | { ok: false; code: CardReadError };
export type CardReturn = 'taken' | 'retained' | 'failed';

export interface CaptureInput {
  idNumber: string;
  sessionId: string;
}

export interface MachineInput extends JourneyInput {
  rules?: RulesConfig;
}

export interface JourneyMachineContext extends JourneyContext {
  rules: RulesConfig;
  /** Set just before a hand-over to another journey; the runner reads it from the output. */
  next: JourneyService | null;
  /** The SMS code was voided or expired: only a new one helps. */
  codeVoid: boolean;
}

export interface Handoff {
  service: JourneyService;
  idNumber?: string;
  cardUsed: boolean;
}

const notProvided = (): never => {
  throw new Error('journey actor not provided: run machines through the JourneyRunner');
};

// ───── reading actor outcomes (done events are not in the machine's event union) ─────

function outputOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'output' in event ? event.output : undefined;
}

function isCentralOutcome(value: unknown): value is CentralOutcome {
  return typeof value === 'object' && value !== null && 'result' in value && 'clock' in value;
}

export function centralOutcome(event: unknown): CentralOutcome {
  const output = outputOf(event);
  if (!isCentralOutcome(output)) throw new Error('not a central outcome');
  return output;
}

/**
 * A successful call's answer, already parsed by callCitizen with its route's
 * schema: naming the schema here types it, and the check that it is that
 * route's schema keeps an action from reading another route's answer.
 */
function answer<S extends z.ZodType>(event: unknown, schema: S): z.output<S> {
  const { route, result } = centralOutcome(event);
  if (!result.ok) throw new Error('answer read from a failed call');
  if ((answerSchema(route) as z.ZodType) !== schema) throw new Error(`${route} does not answer with that schema`);
  return result.value as z.output<S>;
}

function problemOf(event: unknown): Extract<CitizenCallError, { type: 'problem' }> | null {
  const { result } = centralOutcome(event);
  return !result.ok && result.error.type === 'problem' ? result.error : null;
}

/** `seconds` after the answer arrived, on the core clock. */
function afterAnswer(seconds: number, clock: CentralOutcome['clock']): number {
  return clock.core + seconds * 1000;
}

/** Which field a central rule refusal belongs to, so the screen marks it. */
const fieldOfProblem: Record<string, JourneyField> = {
  id_number_invalid: 'idNumber',
  mobile_invalid: 'mobile',
  mobile_in_use: 'mobile',
  mobile_unchanged: 'mobile',
  username_invalid: 'username',
  username_taken: 'username',
  password_invalid: 'password',
  password_mismatch: 'confirmation',
  email_invalid: 'email',
  email_mismatch: 'email',
  security_answer_wrong: 'answer',
  credentials_invalid: 'password',
  otp_wrong: 'code',
};

/** Central said no, but the person can try again here (the same step, or a new code), possibly after `retryAt`. */
const retryableProblems = new Set(['otp_wrong', 'otp_voided', 'otp_expired', 'otp_send_limit', 'fingerprint_no_match', 'capture_quality_low', 'otp_resend_too_soon', 'credentials_invalid', 'security_answer_wrong', 'service_unavailable', 'rate_limited']);

const SIGNED_IN_SERVICES = ['changeEmail', 'changePassword', 'changeAddress', 'visaStatus', 'trafficViolations', 'documentValidity'];

/** Values that describe the last answer; cleared whenever the person acts again. */
function withoutLastAnswer(shown: JourneyViewData): JourneyViewData {
  const { fieldErrors: _f, attemptsRemaining: _a, retryAfterSeconds: _r, retryAt: _t, lockedUntil: _l, guidance: _g, ...rest } = shown;
  return rest;
}

export const journeySetup = setup({
  types: {
    context: {} as JourneyMachineContext,
    events: {} as MachineEvent,
    input: {} as MachineInput,
    output: {} as Handoff | null,
    tags: {} as 'busy' | 'finished' | 'endsSession',
  },
  actors: {
    callCentral: fromPromise<CentralOutcome, AnyCitizenCall>(notProvided),
    readCard: fromPromise<CardRead, void>(notProvided),
    captureFinger: fromCallback<MachineEvent, CaptureInput>(notProvided),
    returnCard: fromPromise<CardReturn, void>(notProvided),
  },
  delays: {
    /** Until the SMS code expires (on the core clock). */
    codeExpiry: ({ context }) => Math.max(0, (context.shown.code?.expiresAt ?? 0) - Date.now()),
    /** A capture the reader never ends is given up after this. */
    captureBackstop: 25_000,
  },
  guards: {
    succeeded: ({ event }) => centralOutcome(event).result.ok,
    centralDown: ({ event }) => {
      const { result } = centralOutcome(event);
      return !result.ok && result.error.type !== 'problem';
    },
    problemIs: ({ event }, params: { codes: readonly string[] }) => {
      const problem = problemOf(event);
      return problem !== null && params.codes.includes(problem.code);
    },
    cardRead: ({ event }) => (outputOf(event) as CardRead | undefined)?.ok === true,
    cardUsed: ({ context }) => context.cardUsed,
    codeVoid: ({ context }) => context.codeVoid,
    onFingerprintRoute: ({ context }) => context.route === 'fingerprint',
    accountStateIs: ({ context }, params: { states: readonly string[] }) => params.states.includes(context.shown.accountState ?? 'none'),
    hasIdNumber: ({ context }) => context.secret.idNumber !== null,
    validIdNumber: ({ context, event }) => event.type === 'SUBMIT_ID' && checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck }).ok,
    validMobile: ({ event }) => event.type === 'SUBMIT_MOBILE' && normaliseMobile(event.mobile).ok,
    validCode: ({ context, event }) => event.type === 'SUBMIT_CODE' && normaliseOtp(event.code, context.rules.otpLength) !== undefined,
    validCredentials: ({ context, event }) => event.type === 'SUBMIT_CREDENTIALS' && loginProblems(event.login, context.rules).length === 0,
    validPassword: ({ context, event }) => event.type === 'SUBMIT_PASSWORD' && passwordProblems(event.password, event.confirmation, context.secret.username ?? '', context.rules) === null,
    validUsername: ({ context, event }) => event.type === 'SUBMIT_USERNAME' && checkUsername(event.username, context.rules.username).ok,
    validEmail: ({ event }) => event.type === 'SUBMIT_EMAIL' && checkEmail(event.email).ok && event.email.trim() === event.confirmation.trim(),
    captureWasAborted: ({ event }) => event.type === 'capture.failed' && event.failure === 'aborted',
    readerLost: ({ event }) =>
      event.type === 'capture.failed' && ['unavailable', 'disconnected', 'noAnswer', 'deviceError', 'busy'].includes(event.failure),
  },
  actions: {
    clearError: assign(({ context }) => ({ error: null, shown: withoutLastAnswer(context.shown) })),
    /**
     * A new Idempotency-Key (the kiosk's transaction id) as a call step is
     * entered; its RETRY stays inside the step and keeps the key. The runner
     * provides the real one (ports.newTransactionId).
     */
    freshKey: assign(({ context }) => ({ secret: { ...context.secret, pendingKey: `unprovided-${Math.random().toString(36).slice(2)}` } })),
    setRoute: assign((_, params: { route: JourneyContext['route'] }) => ({ route: params.route })),
    setError: assign((_, params: { code: string; retryable: boolean }) => ({ error: { code: params.code, retryable: params.retryable } })),

    storeIdNumber: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_ID') return {};
      const id = checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck });
      if (!id.ok) return {};
      return {
        cardUsed: false,
        secret: { ...context.secret, idNumber: id.value.digits },
        shown: { ...withoutLastAnswer(context.shown), idNumberMasked: maskId(id.value.digits), idSource: 'typed' as const },
        error: null,
      };
    }),
    idNumberErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_ID') return {};
      const id = checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck });
      return { shown: { ...withoutLastAnswer(context.shown), fieldErrors: { idNumber: id.ok ? [] : [...id.violations] } }, error: null };
    }),
    storeCardId: assign(({ context, event }) => {
      const read = outputOf(event) as CardRead;
      if (!read.ok) return {};
      return {
        cardUsed: true,
        secret: { ...context.secret, idNumber: read.idNumber },
        shown: { ...withoutLastAnswer(context.shown), idNumberMasked: maskId(read.idNumber), idSource: 'card' as const, card: 'inSlot' as const },
        error: null,
      };
    }),
    noteCardProblem: assign(({ event }) => {
      const read = outputOf(event) as CardRead;
      return read.ok ? {} : { error: { code: read.code, retryable: true } };
    }),

    storeGuidance: assign(({ context, event }) => (event.type === 'capture.guidance' ? { shown: { ...context.shown, guidance: event.guidance } } : {})),
    storeCapture: assign(({ context, event }) =>
      event.type === 'capture.captured' ? { secret: { ...context.secret, capture: event.capture } } : {},
    ),
    noteCaptureFailure: assign(({ event }) => {
      if (event.type !== 'capture.failed') return {};
      const code = event.failure === 'timeout' ? 'capture_timeout' : event.failure === 'poorQuality' ? 'capture_poor_quality' : 'reader_unavailable';
      return { error: { code, retryable: true } };
    }),
    noteCaptureTimeout: assign({ error: { code: 'capture_timeout', retryable: true } }),
    dropCapture: assign(({ context }) => ({ secret: { ...context.secret, capture: null }, shown: { ...context.shown, guidance: undefined } })),
    storeVerification: assign(({ context, event }) => {
      const verified = answer(event, verificationSchema);
      return {
        secret: { ...context.secret, verificationToken: verified.verificationToken },
        shown: {
          ...withoutLastAnswer(context.shown),
          firstName: { ar: firstName(verified.holder.nameAr), en: firstName(verified.holder.nameEn) },
          accountState: verified.accountState,
          ...(verified.maskedMobile ? { maskedMobile: verified.maskedMobile } : {}),
        },
        error: null,
      };
    }),
    dropVerification: assign(({ context }) => ({ secret: { ...context.secret, verificationToken: null } })),

    /** Any refusal from central: its code, and whatever it says about attempts, locks and fields. */
    noteProblem: assign(({ context, event }) => {
      const outcome = centralOutcome(event);
      const { result } = outcome;
      if (result.ok) return {};
      if (result.error.type !== 'problem') return { error: { code: 'central_unavailable', retryable: true } };
      const { code, problem } = result.error;
      const shown: JourneyViewData = { ...withoutLastAnswer(context.shown) };
      if (problem.attemptsRemaining !== undefined) shown.attemptsRemaining = problem.attemptsRemaining;
      if (problem.retryAfterSeconds !== undefined) {
        shown.retryAfterSeconds = problem.retryAfterSeconds;
        shown.retryAt = afterAnswer(problem.retryAfterSeconds, outcome.clock);
      }
      if (problem.lockedForSeconds !== undefined) shown.lockedUntil = afterAnswer(problem.lockedForSeconds, outcome.clock);
      // An expired code is past its resend wait too (it lives 300 s, the wait is 60 s): a new one may be asked for at once.
      if (code === 'otp_expired' && shown.code) shown.code = { ...shown.code, resendAvailableAt: outcome.clock.core };
      const field = fieldOfProblem[code];
      if (field) shown.fieldErrors = { [field]: problem.violations ?? [code] };
      return { shown, error: { code, retryable: retryableProblems.has(code) } };
    }),
    noteUnavailable: assign({ error: { code: 'central_unavailable', retryable: true } }),

    storeChallenge: assign(({ context, event }) => {
      const sent = answer(event, codeSentSchema);
      const { clock } = centralOutcome(event);
      return {
        codeVoid: false,
        secret: { ...context.secret, challengeId: sent.challengeId, code: null },
        shown: {
          ...withoutLastAnswer(context.shown),
          code: {
            sentTo: sent.codeSentTo,
            length: sent.codeLength,
            expiresAt: afterAnswer(sent.expiresInSeconds, clock),
            resendAvailableAt: afterAnswer(sent.resendAfterSeconds, clock),
          },
        },
        error: null,
      };
    }),
    storeCode: assign(({ context, event }) =>
      event.type === 'SUBMIT_CODE' ? { secret: { ...context.secret, code: normaliseOtp(event.code, context.rules.otpLength) ?? null } } : {},
    ),
    codeFormatError: assign(({ context }) => ({ shown: { ...withoutLastAnswer(context.shown), fieldErrors: { code: ['format'] } }, error: null })),
    markCodeVoid: assign({ codeVoid: true }),
    dropCode: assign(({ context }) => ({ secret: { ...context.secret, code: null } })),
    /** The core clock reached the code's expiry (the `codeExpiry` delay): that instant is now, and a new code may be asked for at once. */
    noteCodeExpired: assign(({ context }) => {
      const shown = withoutLastAnswer(context.shown);
      const { code } = shown;
      return {
        error: { code: 'otp_expired', retryable: true },
        shown: code ? { ...shown, code: { ...code, resendAvailableAt: Math.min(code.resendAvailableAt, code.expiresAt) } } : shown,
      };
    }),

    storeCredentials: assign(({ context, event }) =>
      event.type === 'SUBMIT_CREDENTIALS' ? { secret: { ...context.secret, login: event.login.trim(), password: event.password } } : {},
    ),
    credentialErrors: assign(({ context, event }) =>
      event.type === 'SUBMIT_CREDENTIALS' ? { shown: { ...withoutLastAnswer(context.shown), fieldErrors: { login: loginProblems(event.login, context.rules) } }, error: null } : {},
    ),
    dropPasswords: assign(({ context }) => ({ secret: { ...context.secret, password: null, confirmation: null } })),
    dropAnswer: assign(({ context }) => ({ secret: { ...context.secret, answer: null } })),
    storePassword: assign(({ context, event }) =>
      event.type === 'SUBMIT_PASSWORD' ? { secret: { ...context.secret, password: event.password, confirmation: event.confirmation } } : {},
    ),
    passwordErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_PASSWORD') return {};
      const problems = passwordProblems(event.password, event.confirmation, context.secret.username ?? '', context.rules);
      return { shown: { ...withoutLastAnswer(context.shown), fieldErrors: problems ?? {} }, error: null };
    }),
    storeMobile: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_MOBILE') return {};
      const mobile = normaliseMobile(event.mobile);
      return mobile.ok ? { secret: { ...context.secret, mobile: mobile.value } } : {};
    }),
    mobileErrors: assign(({ context }) => ({ shown: { ...withoutLastAnswer(context.shown), fieldErrors: { mobile: ['notSaudiMobile'] } }, error: null })),
    storeAnswer: assign(({ context, event }) => (event.type === 'SUBMIT_SECURITY_ANSWER' ? { secret: { ...context.secret, answer: event.answer } } : {})),
    storeUsername: assign(({ context, event }) =>
      event.type === 'SUBMIT_USERNAME' ? { secret: { ...context.secret, username: event.username }, shown: { ...withoutLastAnswer(context.shown), maskedUsername: maskUsername(event.username) } } : {},
    ),
    usernameErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_USERNAME') return {};
      const check = checkUsername(event.username, context.rules.username);
      return { shown: { ...withoutLastAnswer(context.shown), fieldErrors: { username: check.ok ? [] : [...check.violations] } }, error: null };
    }),
    storeEmail: assign(({ context, event }) =>
      event.type === 'SUBMIT_EMAIL' ? { secret: { ...context.secret, email: event.email.trim(), emailConfirmation: event.confirmation.trim() } } : {},
    ),
    emailErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_EMAIL') return {};
      const check = checkEmail(event.email);
      const words: string[] = check.ok ? [] : [...check.violations];
      if (event.email.trim() !== event.confirmation.trim()) words.push('mismatch');
      return { shown: { ...withoutLastAnswer(context.shown), fieldErrors: { email: words } }, error: null };
    }),
    storeLanguage: assign(({ context, event }) => (event.type === 'CHOOSE_LANGUAGE' ? { shown: { ...context.shown, language: event.language } } : {})),
    acceptTerms: assign(({ context }) => ({ shown: { ...context.shown, termsAccepted: true } })),

    storeAccountSummary: assign(({ context, event }) => {
      const summary = answer(event, accountSummarySchema);
      return {
        shown: {
          ...withoutLastAnswer(context.shown),
          accountState: summary.accountState,
          maskedUsername: maskUsername(summary.username),
          ...(summary.maskedMobile ? { maskedMobile: summary.maskedMobile } : {}),
        },
        error: null,
      };
    }),
    storeSession: assign(({ context, event }) => {
      const session = answer(event, citizenSessionSchema);
      return {
        secret: { ...context.secret, sessionToken: session.sessionToken },
        shown: {
          ...withoutLastAnswer(context.shown),
          firstName: { ar: firstName(session.nameAr), en: firstName(session.nameEn) },
          fullName: { ar: session.nameAr, en: session.nameEn },
          mustChangePassword: session.mustChangePassword,
          // A temporary (bank) password opens only the password change.
          services: session.mustChangePassword ? ['changePassword'] : [...SIGNED_IN_SERVICES],
        },
        error: null,
      };
    }),
    storeQuestion: assign(({ context, event }) => ({ shown: { ...withoutLastAnswer(context.shown), securityQuestion: answer(event, securityQuestionSchema).question }, error: null })),
    storeUsernameRecovered: assign(({ context, event }) => {
      const recovered = answer(event, usernameRecoveredSchema);
      return { shown: { ...withoutLastAnswer(context.shown), maskedUsername: recovered.maskedUsername, ...(recovered.sentTo ? { maskedMobile: recovered.sentTo } : {}) }, error: null };
    }),
    storeMobileChanged: assign(({ context, event }) => ({ shown: { ...withoutLastAnswer(context.shown), maskedMobile: answer(event, mobileChangedSchema).maskedMobile }, error: null })),
    storePasswordUpdated: assign(({ context, event }) => ({ shown: { ...withoutLastAnswer(context.shown), message: answer(event, passwordUpdatedSchema).message }, error: null })),

    presentCard: assign(({ context }) => (context.cardUsed ? { shown: { ...context.shown, card: 'presented' as const } } : {})),
    showAlternative: assign(({ context }, params: { where: 'atm' | 'staff' }) => ({ shown: { ...context.shown, alternative: params.where } })),
    /** Signed in with the ID number as login: a hand-over to recovery or activation carries it. */
    loginAsIdNumber: assign(({ context }) => {
      const id = checkIdNumber(context.secret.login ?? '', { luhn: context.rules.idNumberLuhnCheck });
      return id.ok ? { secret: { ...context.secret, idNumber: id.value.digits } } : {};
    }),
    storeCardReturn: assign(({ context, event }) => ({ cardUsed: false, shown: { ...context.shown, card: outputOf(event) as CardReturn } })),
    /** A result is on screen: nothing typed or proved is needed any more (a signed-in session keeps its token). */
    dropSecrets: assign(({ context }) => ({ secret: { ...emptySecrets(), sessionToken: context.secret.sessionToken } })),
    dropSession: assign(({ context }) => ({ secret: { ...context.secret, sessionToken: null }, shown: { ...context.shown, services: [] } })),
    prepareHandoff: assign((_, params: { service: JourneyService }) => ({ next: params.service })),
    wipe: assign(({ context }) => ({ ...initialContext({ service: context.service, sessionId: '' }), rules: context.rules, next: null, codeVoid: false })),
  },
});

export type JourneyMachineConfig = Parameters<typeof journeySetup.createMachine>[0];
export type JourneyStateConfig = NonNullable<JourneyMachineConfig['states']>[string];
export type JourneyStates = Record<string, JourneyStateConfig>;

export function machineContext(input: MachineInput): JourneyMachineContext {
  return { ...initialContext(input), rules: input.rules ?? DEFAULT_RULES, next: null, codeVoid: false };
}

/** The hand-over a finished journey asks for (read by the runner from the machine's output). */
export function handoffOf(context: JourneyMachineContext): Handoff | null {
  if (!context.next) return null;
  return { service: context.next, cardUsed: context.cardUsed, ...(context.secret.idNumber ? { idNumber: context.secret.idNumber } : {}) };
}

/** The sign-in field takes a username or an ID number (RULES.md). */
export function loginProblems(login: string, rules: RulesConfig): string[] {
  const text = login.trim();
  if (/^[0-9\u0660-\u0669\u06f0-\u06f9\s]+$/.test(text)) {
    const id = checkIdNumber(text, { luhn: rules.idNumberLuhnCheck });
    return id.ok ? [] : [...id.violations];
  }
  const username = checkUsername(text, rules.username);
  return username.ok ? [] : [...username.violations];
}

function passwordProblems(password: string, confirmation: string, username: string, rules: RulesConfig): Partial<Record<JourneyField, string[]>> | null {
  const check = checkPassword(password, username, rules.password);
  const errors: Partial<Record<JourneyField, string[]>> = {};
  if (!check.ok) errors.password = [...check.violations];
  if (password !== confirmation) errors.confirmation = ['mismatch'];
  return Object.keys(errors).length === 0 ? null : errors;
}
