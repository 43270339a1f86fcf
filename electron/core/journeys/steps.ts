import { not } from 'xstate';
import type { ProblemCode } from '../../../common/wire/problem';
import type { AtmServiceId } from '../../contract/atm';
import type { JourneyService, JourneyViewData } from '../../contract/journeys';
import type { AuthoriseKind } from '../atm/ports';
import type { AnyCitizenCall, CitizenCall, CitizenRoute, RouteInput } from '../sync';
import { captureBody, confirmCode } from './centralCalls';
import type { CodePurpose } from './centralCalls';
import type { JourneyMachineContext } from './machineTypes';
import type { JourneyStateConfig, JourneyStates, KeptSecret } from './setup';

/**
 * Steps several journeys share, as state-config fragments: a call to central
 * that can be retried with the same key, the ID step (typed or card), the
 * fingerprint step, the SMS-code step and a result screen that hands the
 * card back. Targets are absolute (`#<journey>.<state>`), so a fragment can
 * sit anywhere in a machine.
 */

type One<T> = T extends readonly (infer U)[] ? U : T;
type AnyTransition = Exclude<One<NonNullable<JourneyStateConfig['always']>>, string | undefined>;
/** Guards and actions by name only: a named one fits a transition on any event (an inline function would not). */
export type Guard =
  | Extract<NonNullable<AnyTransition['guard']>, string>
  | { type: 'problemIs'; params: { codes: readonly string[] } }
  | { type: 'accountStateIs'; params: { states: readonly string[] } }
  | { type: 'authorisedAs'; params: { kinds: readonly AuthoriseKind[] } }
  | { type: 'chose'; params: { service: AtmServiceId } };
export type Action =
  | Extract<One<NonNullable<AnyTransition['actions']>>, string>
  | { type: 'setError'; params: { code: string; retryable: boolean } }
  | { type: 'setRoute'; params: { route: 'fingerprint' | 'alternative' } }
  | { type: 'showAlternative'; params: { where: 'atm' | 'staff' } }
  | { type: 'prepareHandoff'; params: { service: JourneyService } }
  | { type: 'setAccountState'; params: { state: NonNullable<JourneyViewData['accountState']> } }
  | { type: 'dropSecretsExcept'; params: { keep: readonly KeptSecret[] } };
export interface Transition {
  target: string;
  guard?: Guard;
  actions?: Action[];
}

/** Central refused with one of these codes (checked against central's list as the machine is compiled). */
export const problem = (...codes: ProblemCode[]) => ({ type: 'problemIs' as const, params: { codes } });

/**
 * What the person typed, checked by the kiosk with the shared rules before it
 * is kept: valid, `store` keeps it (an error shown before is cleared, `also`
 * runs) and the journey moves to `next`; not, the step stays and `errors`
 * says why.
 */
export function checked(next: string, guard: Guard, store: Action, errors: Action, ...also: Action[]): [Transition, { actions: Action }] {
  return [{ guard, target: next, actions: ['clearError', store, ...also] }, { actions: errors }];
}

/** What the person chose or accepted, which needs no check: `store` keeps it and the journey moves to `next`. */
export function taken(next: string, store: Action): Transition {
  return { target: next, actions: ['clearError', store] };
}

/** Back to the step before (`target`), the error cleared and `also` done (typed passwords dropped, say). */
export function back(target: string, ...also: Action[]): Transition {
  return { target, actions: ['clearError', ...also] };
}

export function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`journey step reached without ${what}`);
  return value;
}

/** A call's body that sets a new password: what proves it is the person (`proof`), then the new password and its confirmation as typed. */
export function withNewPassword<P extends object>(c: JourneyMachineContext, proof: P): { body: P & { newPassword: string; newPasswordConfirmation: string } } {
  return { body: { ...proof, newPassword: need(c.secret.password, 'a password'), newPasswordConfirmation: need(c.secret.confirmation, 'a confirmation') } };
}

/** Builds a call to a citizen route from the context (body and parameters typed by the route), with the key of the action under way. */
export function request<K extends CitizenRoute>(route: K, input: (c: JourneyMachineContext) => RouteInput<K>) {
  return ({ context }: { context: JourneyMachineContext }): CitizenCall<K> => ({
    route,
    idempotencyKey: need(context.secret.pendingKey, 'an idempotency key'),
    ...input(context),
  });
}

/** The same, for the signed-in person: the call carries the session (edit user information). */
export function signedRequest<K extends CitizenRoute>(route: K, input: (c: JourneyMachineContext) => RouteInput<K>) {
  return ({ context }: { context: JourneyMachineContext }): CitizenCall<K> => ({
    route,
    idempotencyKey: need(context.secret.pendingKey, 'an idempotency key'),
    sessionToken: need(context.secret.sessionToken, 'a signed-in session'),
    ...input(context),
  });
}

/**
 * A call to central, with a fresh Idempotency-Key minted on entry. `calling` is busy; a lost answer (central unreachable
 * after the client's own retries) lands in `unavailable`, whose RETRY sends
 * the same body with the same Idempotency-Key, so an action central did
 * apply is answered, not applied again. Refusals go where `answers` says;
 * anything else to `otherwise` with the problem noted.
 */
export function callStep(options: {
  input: (args: { context: JourneyMachineContext }) => AnyCitizenCall;
  answers: Transition[];
  otherwise: Transition;
  back?: string;
}): JourneyStateConfig {
  return {
    entry: 'freshKey',
    initial: 'calling',
    states: {
      calling: {
        tags: ['busy'],
        invoke: {
          src: 'callCentral',
          input: options.input,
          onDone: [
            { guard: 'centralDown', target: 'unavailable', actions: 'noteUnavailable' },
            ...options.answers,
            { ...options.otherwise, actions: ['noteProblem', ...(options.otherwise.actions ?? [])] },
          ],
          onError: { target: 'unavailable', actions: 'noteUnavailable' },
        },
      },
      unavailable: {
        on: {
          RETRY: { target: 'calling', actions: 'clearError' },
          ...(options.back ? { BACK: back(options.back) } : {}),
        },
      },
    },
  };
}

/**
 * A result on screen. Secrets are dropped on entry (but those its own ways
 * on need: `keeps`); a card read for this journey is handed back (`card`:
 * presented → taken | retained | failed). `endsSession` marks the referral
 * to staff: the runner ends the session once the card is dealt with.
 * `readsCard: false` (a journey that never reads one) leaves out the card
 * step. `wayOn` adds what the outcome offers once the card is dealt with:
 * events taken in `finished`, and states of its own beside it.
 */
export function resultState(
  options: {
    endsSession?: boolean;
    entry?: Action[];
    on?: JourneyStateConfig['on'];
    readsCard?: boolean;
    keeps?: readonly KeptSecret[];
    wayOn?: { on: NonNullable<JourneyStateConfig['on']>; states?: JourneyStates };
  } = {},
): JourneyStateConfig {
  const finished: JourneyStateConfig = { tags: options.endsSession ? ['finished', 'endsSession'] : ['finished'], ...(options.wayOn ? { on: options.wayOn.on } : {}) };
  const drop: Action = options.keeps ? { type: 'dropSecretsExcept', params: { keep: options.keeps } } : 'dropSecrets';
  const own = options.wayOn?.states ?? {};
  // A journey that never reads a card (sign-in) has no card to give back: no state that could never be shown.
  if (options.readsCard === false) {
    return { entry: ['noteReference', drop, ...(options.entry ?? [])], initial: 'finished', ...(options.on ? { on: options.on } : {}), states: { finished, ...own } };
  }
  return {
    entry: ['noteReference', drop, ...(options.entry ?? [])],
    initial: 'returningCard',
    ...(options.on ? { on: options.on } : {}),
    states: {
      returningCard: {
        always: { guard: not('cardUsed'), target: 'finished' },
        entry: 'presentCard',
        tags: ['busy'],
        invoke: {
          src: 'returnCard',
          onDone: { target: 'finished', actions: 'storeCardReturn' },
          onError: { target: 'finished', actions: 'storeCardReturn' },
        },
      },
      finished,
      ...own,
    },
  };
}

/** ID/iqama number typed, or read from the card in the slot. */
export function identifyStates(root: string, next: string): JourneyStates {
  return {
    id: {
      on: {
        // Handed over from another journey with the ID known (register → activate, locked sign-in → recovery).
        'journey.resume': { guard: 'hasIdNumber', target: next },
        SUBMIT_ID: checked(next, 'validIdNumber', 'storeIdNumber', 'idNumberErrors'),
        USE_CARD: { target: 'readCard', actions: 'clearError' },
      },
    },
    readCard: {
      invoke: {
        src: 'readCard',
        onDone: [
          { guard: 'cardRead', target: next, actions: 'storeCardId' },
          { target: `${root}.id`, actions: 'noteCardProblem' },
        ],
        onError: { target: `${root}.id`, actions: { type: 'setError', params: { code: 'card_reader_unavailable', retryable: true } } },
      },
      on: { BACK: back('id') },
    },
  };
}

/**
 * Place a finger (live guidance), then central's 1:1 match. Every failure
 * offers RETRY and, where RULES.md has one, the route without a fingerprint;
 * a third failed match in the session goes to `referToStaff`.
 */
function fingerprintState(root: string, options: { verified: string; alternative: Transition | null; back: string }): JourneyStateConfig {
  const alternativeActions: Action[] = ['clearError', 'dropCapture', ...(options.alternative?.actions ?? [])];
  const alternative = options.alternative ? { USE_ALTERNATIVE: { target: options.alternative.target, actions: alternativeActions } } : {};
  const backToId = { BACK: back(options.back, 'dropCapture') };
  return {
    initial: 'capturing',
    states: {
      capturing: {
        invoke: {
          src: 'captureFinger',
          input: ({ context }) => ({ idNumber: need(context.secret.idNumber, 'an ID number'), sessionId: context.sessionId }),
        },
        after: { captureBackstop: { target: 'failed', actions: 'noteCaptureTimeout' } },
        on: {
          'capture.guidance': { actions: 'storeGuidance' },
          'capture.captured': { target: 'verifying', actions: ['clearError', 'storeCapture'] },
          'capture.failed': [
            { guard: 'captureWasAborted', target: 'failed' },
            { guard: 'readerLost', target: 'readerError', actions: ['dropCapture', 'noteCaptureFailure'] },
            { target: 'failed', actions: ['dropCapture', 'noteCaptureFailure'] },
          ],
          ...alternative,
          ...backToId,
        },
      },
      verifying: callStep({
        input: request('verifyFingerprint', (c) => ({
          body: {
            idNumber: need(c.secret.idNumber, 'an ID number'),
            sessionId: c.sessionId,
            capture: captureBody(need(c.secret.capture, 'a capture')),
          },
        })),
        answers: [
          { guard: 'succeeded', target: options.verified, actions: ['storeVerification', 'dropCapture'] },
          { guard: problem('fingerprint_attempts_exhausted'), target: `${root}.referToStaff`, actions: ['noteProblem', 'dropCapture'] },
          { guard: problem('id_number_invalid'), target: `${root}.id`, actions: ['noteProblem', 'dropCapture'] },
        ],
        otherwise: { target: `${root}.fingerprint.failed`, actions: ['dropCapture'] },
      }),
      failed: { on: { RETRY: { target: 'capturing', actions: 'clearError' }, ...alternative, ...backToId } },
      readerError: { on: { RETRY: { target: 'capturing', actions: 'clearError' }, ...alternative, ...backToId } },
    },
  };
}

/**
 * The opening four journeys share: the ID (typed or from the card), then the
 * fingerprint; BACK from the reader returns to the ID.
 */
export function identifyByFingerprint(root: string, options: { verified: string; alternative: Transition | null }): JourneyStates {
  return {
    ...identifyStates(root, 'fingerprint'),
    fingerprint: fingerprintState(root, { ...options, back: `${root}.id` }),
  };
}

/**
 * Without a fingerprint (recover password, recover username): the mobile
 * registered to the ID, then a call with the two in `state`, whose success
 * goes where `found` says; a refused ID goes back to the ID, any other
 * refusal to the mobile. BACK from the mobile returns to the fingerprint.
 */
export function registeredMobileStates(root: string, call: { state: string; route: 'getSecurityQuestion' | 'startSmsUsernameRecovery'; found: Transition }): JourneyStates {
  return {
    mobile: {
      on: {
        SUBMIT_MOBILE: checked(call.state, 'validMobile', 'storeMobile', 'mobileErrors'),
        BACK: back('fingerprint', { type: 'setRoute', params: { route: 'fingerprint' } }),
      },
    },
    [call.state]: callStep({
      input: request(call.route, (c) => ({ body: { idNumber: need(c.secret.idNumber, 'an ID number'), mobile: need(c.secret.mobile, 'a mobile') } })),
      answers: [{ ...call.found, guard: 'succeeded' }, { guard: problem('id_number_invalid'), target: `${root}.id` }],
      otherwise: { target: `${root}.mobile` },
      back: `${root}.mobile`,
    }),
  };
}

/** A check of the account central showed after the match, in the order given. */
type AccountCheck = AnyTransition;

/**
 * ID and fingerprint, then `checkAccount`: no account (`none`) ends at
 * `noAccount`, and the journey's own checks follow; without a fingerprint the
 * person is sent to `alternative` (the route the journey names there).
 */
export function identifyThenCheckAccount(root: string, checks: AccountCheck[]): JourneyStates {
  return {
    ...identifyByFingerprint(root, { verified: `${root}.checkAccount`, alternative: { target: `${root}.alternative` } }),
    checkAccount: {
      always: [{ guard: { type: 'accountStateIs', params: { states: ['none'] } }, target: 'noAccount', actions: { type: 'setError', params: { code: 'account_not_found', retryable: false } } }, ...checks],
    },
  };
}

/**
 * The SMS code: enter it, or ask for a new one. Three wrong entries void the
 * code (central's count); an expired one is noticed on the core clock as
 * well as by central. Both leave only RESEND_CODE.
 */
export function codeState(root: string, purpose: CodePurpose, confirmed: Transition, extra: Transition[] = []): JourneyStateConfig {
  const here = `${root}.code`;
  return {
    initial: 'entry',
    states: {
      entry: {
        after: { codeExpiry: { target: 'needNewCode', actions: 'noteCodeExpired' } },
        on: {
          SUBMIT_CODE: checked('checking', 'validCode', 'storeCode', 'codeFormatError'),
          RESEND_CODE: { target: 'resending', actions: ['clearError'] },
        },
      },
      checking: callStep({
        input: ({ context }) =>
          confirmCode(
            purpose,
            need(context.secret.challengeId, 'a challenge'),
            need(context.secret.code, 'a code'),
            need(context.secret.pendingKey, 'an idempotency key'),
            context.secret.sessionToken,
          ),
        answers: [
          { ...confirmed, guard: 'succeeded', actions: [...(confirmed.actions ?? []), 'dropCode'] },
          { guard: problem('otp_voided', 'otp_expired', 'challenge_not_found'), target: `${here}.needNewCode`, actions: ['noteProblem', 'dropCode'] },
          ...extra.map((t) => ({ ...t, actions: ['noteProblem' as const, 'dropCode' as const, ...(t.actions ?? [])] })),
        ],
        otherwise: { target: `${here}.entry`, actions: ['dropCode'] },
      }),
      resending: callStep({
        input: request('resendCode', (c) => ({ params: { challengeId: need(c.secret.challengeId, 'a challenge') } })),
        answers: [
          { guard: 'succeeded', target: `${here}.entry`, actions: ['storeChallenge'] },
          { guard: 'codeVoid', target: `${here}.needNewCode`, actions: ['noteProblem'] },
        ],
        otherwise: { target: `${here}.entry` },
      }),
      needNewCode: {
        entry: ['dropCode', 'markCodeVoid'],
        on: { RESEND_CODE: { target: 'resending', actions: ['clearError'] } },
      },
    },
  };
}

