import { assign, fromCallback, fromPromise, setup } from 'xstate';
import { checkEmail, checkIdNumber, checkUsername, maskUsername, normaliseMobile, normaliseOtp } from '../../../common/rules';
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
import type { JourneyService } from '../../contract/journeys';
import type { AtmReceiptRequest, AuthoriseOutcome, BankCard } from '../atm/ports';
import type { AnyCitizenCall } from '../sync';
import { atmChanges, atmGuards } from './atmSteps';
import { editChanges, editGuards } from './editSteps';
import { emptySecrets, firstName, maskId } from './context';
import type { JourneyContext, JourneySecrets } from './context';
import { loginProblems, passwordProblems } from './fieldChecks';
import { showing, shownRefusal, withoutLastAnswer } from './lastAnswer';
import { machineContext } from './machineTypes';
import type { CaptureInput, CardRead, CardReturn, CentralOutcome, Handoff, JourneyMachineContext, MachineEvent, MachineInput, ReceiptOutcome } from './machineTypes';
import { afterAnswer, answer, centralOutcome, outputOf, problemOf } from './outcomes';

/**
 * What every journey machine is built from: one context, one event set, the
 * actors (central, card slot, reader) as named placeholders the runner
 * provides, and the guards and actions the steps share. Keeping them named
 * keeps the machines readable as a list of steps.
 */

/** Secrets a result may keep for its own ways on (until the journey ends or the session does). */
export type KeptSecret = Extract<keyof JourneySecrets, 'idNumber' | 'challengeId'>;

const notProvided = (): never => {
  throw new Error('journey actor not provided: run machines through the JourneyRunner');
};

/** What a sign-in names: the login typed, or else the ID number this journey was handed (sign in now, after activation). */
function loginOf(context: JourneyMachineContext, event: MachineEvent): string {
  if (event.type !== 'SUBMIT_CREDENTIALS') return '';
  return event.login?.trim() || (context.secret.idNumber ?? '');
}

const SIGNED_IN_SERVICES = ['changeEmail', 'changePassword', 'changeMobile', 'changeAddress', 'visaStatus', 'trafficViolations', 'documentValidity'];

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
    // ATM: the EPP's PIN entry (pin.progress / pin.entered / pin.cancelled / pin.failed), the bank's check, the card kept, a receipt.
    readPin: fromCallback<MachineEvent, void>(notProvided),
    authorise: fromPromise<AuthoriseOutcome, { card: BankCard }>(notProvided),
    retainBankCard: fromPromise<CardReturn, void>(notProvided),
    printReceipt: fromPromise<ReceiptOutcome, AtmReceiptRequest>(notProvided),
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
    usernameNotSent: ({ context }) => context.shown.usernameSentTo === undefined,
    validIdNumber: ({ context, event }) => event.type === 'SUBMIT_ID' && checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck }).ok,
    validMobile: ({ event }) => event.type === 'SUBMIT_MOBILE' && normaliseMobile(event.mobile).ok,
    validCode: ({ context, event }) => event.type === 'SUBMIT_CODE' && normaliseOtp(event.code, context.rules.otpLength) !== undefined,
    validCredentials: ({ context, event }) => event.type === 'SUBMIT_CREDENTIALS' && loginProblems(loginOf(context, event), context.rules).length === 0,
    validPassword: ({ context, event }) => event.type === 'SUBMIT_PASSWORD' && passwordProblems(event.password, event.confirmation, context.secret.username ?? '', context.rules) === null,
    validUsername: ({ context, event }) => event.type === 'SUBMIT_USERNAME' && checkUsername(event.username, context.rules.username).ok,
    validEmail: ({ event }) => event.type === 'SUBMIT_EMAIL' && checkEmail(event.email).ok && event.email.trim() === event.confirmation.trim(),
    captureWasAborted: ({ event }) => event.type === 'capture.failed' && event.failure === 'aborted',
    readerLost: ({ event }) =>
      event.type === 'capture.failed' && ['unavailable', 'disconnected', 'noAnswer', 'deviceError', 'busy'].includes(event.failure),
    ...atmGuards,
    ...editGuards,
  },
  actions: {
    clearError: assign(({ context }) => ({ error: null, shown: withoutLastAnswer(context.shown) })),
    /**
     * A new Idempotency-Key (the kiosk's transaction id) as a call step is
     * entered; its RETRY stays inside the step and keeps the key. The runner
     * provides the real one (ports.newTransactionId).
     */
    freshKey: assign(({ context }) => ({ secret: { ...context.secret, pendingKey: `unprovided-${Math.random().toString(36).slice(2)}` } })),
    /** Entering a result: the call that brought the journey here is the transaction its receipt names (a way on's own calls are not). */
    noteReference: assign(({ context }) => ({ reference: context.secret.pendingKey })),
    setRoute: assign((_, params: { route: JourneyContext['route'] }) => ({ route: params.route })),
    setError: assign((_, params: { code: string; retryable: boolean }) => ({ error: { code: params.code, retryable: params.retryable } })),

    storeIdNumber: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_ID') return {};
      const id = checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck });
      if (!id.ok) return {};
      return {
        cardUsed: false,
        secret: { ...context.secret, idNumber: id.value.digits },
        ...showing(context.shown, { idNumberMasked: maskId(id.value.digits), idSource: 'typed' }),
      };
    }),
    idNumberErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_ID') return {};
      const id = checkIdNumber(event.idNumber, { luhn: context.rules.idNumberLuhnCheck });
      return showing(context.shown, { fieldErrors: { idNumber: id.ok ? [] : [...id.violations] } });
    }),
    storeCardId: assign(({ context, event }) => {
      const read = outputOf(event) as CardRead;
      if (!read.ok) return {};
      return {
        cardUsed: true,
        secret: { ...context.secret, idNumber: read.idNumber },
        ...showing(context.shown, { idNumberMasked: maskId(read.idNumber), idSource: 'card', card: 'inSlot' }),
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
      // A finger left on the glass all along is no attempt either: nothing was captured, nothing goes to central.
      const timedOut = event.failure === 'timeout' || event.failure === 'glassNotClear';
      const code = timedOut ? 'capture_timeout' : event.failure === 'poorQuality' ? 'capture_poor_quality' : 'reader_unavailable';
      return { error: { code, retryable: true } };
    }),
    noteCaptureTimeout: assign({ error: { code: 'capture_timeout', retryable: true } }),
    dropCapture: assign(({ context }) => ({ secret: { ...context.secret, capture: null }, shown: { ...context.shown, guidance: undefined } })),
    storeVerification: assign(({ context, event }) => {
      const verified = answer(event, verificationSchema);
      return {
        secret: { ...context.secret, verificationToken: verified.verificationToken },
        ...showing(context.shown, {
          firstName: { ar: firstName(verified.holder.nameAr), en: firstName(verified.holder.nameEn) },
          accountState: verified.accountState,
          ...(verified.maskedMobile ? { maskedMobile: verified.maskedMobile } : {}),
        }),
      };
    }),
    dropVerification: assign(({ context }) => ({ secret: { ...context.secret, verificationToken: null } })),

    /** Any refusal from central: its code, and whatever it says about attempts, locks and fields. */
    noteProblem: assign(({ context, event }) => shownRefusal(context.shown, centralOutcome(event))),
    noteUnavailable: assign({ error: { code: 'central_unavailable', retryable: true } }),

    storeChallenge: assign(({ context, event }) => {
      const sent = answer(event, codeSentSchema);
      const { clock } = centralOutcome(event);
      return {
        codeVoid: false,
        secret: { ...context.secret, challengeId: sent.challengeId, code: null },
        ...showing(context.shown, {
          code: {
            sentTo: sent.codeSentTo,
            length: sent.codeLength,
            expiresAt: afterAnswer(sent.expiresInSeconds, clock),
            resendAvailableAt: afterAnswer(sent.resendAfterSeconds, clock),
          },
        }),
      };
    }),
    storeCode: assign(({ context, event }) =>
      event.type === 'SUBMIT_CODE' ? { secret: { ...context.secret, code: normaliseOtp(event.code, context.rules.otpLength) ?? null } } : {},
    ),
    codeFormatError: assign(({ context }) => showing(context.shown, { fieldErrors: { code: ['format'] } })),
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
      event.type === 'SUBMIT_CREDENTIALS' ? { secret: { ...context.secret, login: loginOf(context, event), password: event.password } } : {},
    ),
    credentialErrors: assign(({ context, event }) =>
      event.type === 'SUBMIT_CREDENTIALS' ? showing(context.shown, { fieldErrors: { login: loginProblems(loginOf(context, event), context.rules) } }) : {},
    ),
    dropPasswords: assign(({ context }) => ({ secret: { ...context.secret, password: null, confirmation: null } })),
    dropAnswer: assign(({ context }) => ({ secret: { ...context.secret, answer: null } })),
    storePassword: assign(({ context, event }) =>
      event.type === 'SUBMIT_PASSWORD' ? { secret: { ...context.secret, password: event.password, confirmation: event.confirmation } } : {},
    ),
    passwordErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_PASSWORD') return {};
      const problems = passwordProblems(event.password, event.confirmation, context.secret.username ?? '', context.rules);
      return showing(context.shown, { fieldErrors: problems ?? {} });
    }),
    storeMobile: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_MOBILE') return {};
      const mobile = normaliseMobile(event.mobile);
      return mobile.ok ? { secret: { ...context.secret, mobile: mobile.value } } : {};
    }),
    mobileErrors: assign(({ context }) => showing(context.shown, { fieldErrors: { mobile: ['notSaudiMobile'] } })),
    storeAnswer: assign(({ context, event }) => (event.type === 'SUBMIT_SECURITY_ANSWER' ? { secret: { ...context.secret, answer: event.answer } } : {})),
    storeUsername: assign(({ context, event }) =>
      event.type === 'SUBMIT_USERNAME' ? { secret: { ...context.secret, username: event.username }, shown: { ...withoutLastAnswer(context.shown), maskedUsername: maskUsername(event.username) } } : {},
    ),
    usernameErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_USERNAME') return {};
      const check = checkUsername(event.username, context.rules.username);
      return showing(context.shown, { fieldErrors: { username: check.ok ? [] : [...check.violations] } });
    }),
    storeEmail: assign(({ context, event }) =>
      event.type === 'SUBMIT_EMAIL' ? { secret: { ...context.secret, email: event.email.trim(), emailConfirmation: event.confirmation.trim() } } : {},
    ),
    emailErrors: assign(({ context, event }) => {
      if (event.type !== 'SUBMIT_EMAIL') return {};
      const check = checkEmail(event.email);
      const words: string[] = check.ok ? [] : [...check.violations];
      if (event.email.trim() !== event.confirmation.trim()) words.push('mismatch');
      return showing(context.shown, { fieldErrors: { email: words } });
    }),
    storeLanguage: assign(({ context, event }) => (event.type === 'CHOOSE_LANGUAGE' ? { shown: { ...context.shown, language: event.language } } : {})),
    acceptTerms: assign(({ context }) => ({ shown: { ...context.shown, termsAccepted: true } })),

    storeAccountSummary: assign(({ context, event }) => {
      const summary = answer(event, accountSummarySchema);
      return showing(context.shown, {
        accountState: summary.accountState,
        maskedUsername: maskUsername(summary.username),
        ...(summary.maskedMobile ? { maskedMobile: summary.maskedMobile } : {}),
      });
    }),
    storeSession: assign(({ context, event }) => {
      const session = answer(event, citizenSessionSchema);
      return {
        secret: { ...context.secret, sessionToken: session.sessionToken },
        ...showing(context.shown, {
          firstName: { ar: firstName(session.nameAr), en: firstName(session.nameEn) },
          fullName: { ar: session.nameAr, en: session.nameEn },
          // Kept for the session (RULES' mask) so an inquiry's receipt can print the ID line, whatever the login was; wiped with the session.
          ...(session.idNumberMasked ? { idNumberMasked: session.idNumberMasked } : {}),
          mustChangePassword: session.mustChangePassword,
          // A temporary (bank) password opens only the password change.
          services: session.mustChangePassword ? ['changePassword'] : [...SIGNED_IN_SERVICES],
        }),
      };
    }),
    storeQuestion: assign(({ context, event }) => showing(context.shown, { securityQuestion: answer(event, securityQuestionSchema).question })),
    storeUsernameRecovered: assign(({ context, event }) => {
      const recovered = answer(event, usernameRecoveredSchema);
      return showing(context.shown, { maskedUsername: recovered.maskedUsername, ...(recovered.sentTo ? { maskedMobile: recovered.sentTo } : {}) });
    }),
    storeUsernameSent: assign(({ context, event }) => {
      const sent = answer(event, usernameRecoveredSchema);
      return showing(context.shown, { ...(sent.sentTo ? { usernameSentTo: sent.sentTo } : {}) });
    }),
    storeMobileChanged: assign(({ context, event }) => showing(context.shown, { maskedMobile: answer(event, mobileChangedSchema).maskedMobile })),
    storePasswordUpdated: assign(({ context, event }) => showing(context.shown, { message: answer(event, passwordUpdatedSchema).message })),

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
    /** The same, but keeping what a result's own ways on still need (activation: the ID to sign in with, the challenge that binds the username SMS). */
    dropSecretsExcept: assign(({ context }, params: { keep: readonly KeptSecret[] }) => ({
      secret: { ...emptySecrets(), sessionToken: context.secret.sessionToken, ...Object.fromEntries(params.keep.map((name) => [name, context.secret[name]])) },
    })),
    /** Back from a password change: a temporary password is no more, every service opens. */
    passwordChanged: assign(({ context }) => ({ shown: { ...context.shown, mustChangePassword: false, services: [...SIGNED_IN_SERVICES] } })),
    dropSession: assign(({ context }) => ({ secret: { ...context.secret, sessionToken: null }, shown: { ...context.shown, services: [] } })),
    prepareHandoff: assign((_, params: { service: JourneyService }) => ({ next: params.service })),
    wipe: assign(({ context }) => machineContext({ service: context.service, sessionId: '', rules: context.rules })),

    pinStart: assign(atmChanges.pinStart),
    pinProgress: assign(atmChanges.pinProgress),
    storeAttestation: assign(atmChanges.storeAttestation),
    noteAuthorise: assign(atmChanges.noteAuthorise),
    dropAttestation: assign(atmChanges.dropAttestation),
    storeBankPreview: assign(atmChanges.storeBankPreview),
    storeBankAccepted: assign(atmChanges.storeBankAccepted),
    setAccountState: assign(atmChanges.setAccountState),
    storeReceipt: assign(atmChanges.storeReceipt),
    storeCardKept: assign(atmChanges.storeCardKept),

    storeProfile: assign(editChanges.storeProfile),
    showNewEmail: assign(editChanges.showNewEmail),
    storeCurrentPassword: assign(editChanges.storeCurrentPassword),
    changedPasswordErrors: assign(editChanges.changedPasswordErrors),
    dropAllPasswords: assign(editChanges.dropAllPasswords),
    storeAddress: assign(editChanges.storeAddress),
    addressErrors: assign(editChanges.addressErrors),
    dropAddress: assign(editChanges.dropAddress),
  },
});

export type JourneyMachineConfig = Parameters<typeof journeySetup.createMachine>[0];
export type JourneyStateConfig = NonNullable<JourneyMachineConfig['states']>[string];
export type JourneyStates = Record<string, JourneyStateConfig>;
