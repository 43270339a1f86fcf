import { bankActivationAcceptedSchema, bankActivationPreviewSchema } from '../../../common/wire/citizen';
import type { AtmServiceId } from '../../contract/atm';
import type { JourneyViewData } from '../../contract/journeys';
import type { AuthoriseKind, AuthoriseOutcome } from '../atm/ports';
import type { JourneyContext } from './context';
import { withoutLastAnswer } from './lastAnswer';
import type { CardReturn, JourneyMachineContext, MachineEvent, ReceiptOutcome } from './machineTypes';
import { answer, outputOf } from './outcomes';

/**
 * The ATM journey's guards and context changes, as plain functions that
 * setup.ts names (so the machine reads as a list of steps, like the others).
 * What they put in `shown` is view-safe: a PIN is a count of key presses,
 * the card its last four digits.
 */

interface Args {
  context: JourneyMachineContext;
  event: MachineEvent;
}
type Change = Partial<Pick<JourneyContext, 'secret' | 'shown' | 'error' | 'cardUsed'>>;

const authorised = (event: unknown): AuthoriseOutcome => outputOf(event) as AuthoriseOutcome;

/** The error each refusal or failure of the PIN check shows (the card's fate follows from the step). */
const AUTHORISE_ERRORS: Readonly<Record<Exclude<AuthoriseKind, 'approved'>, string>> = {
  wrongPin: 'pin_wrong',
  retainCard: 'pin_tries_exhausted',
  cardNotLinked: 'card_not_linked',
  cardExpired: 'card_expired',
  bankUnavailable: 'bank_unavailable',
  bankError: 'bank_error',
  eppError: 'epp_error',
  pinPadUnavailable: 'pin_pad_unavailable',
};

export const atmGuards = {
  bankCardRead: ({ context }: Args) => context.secret.bankCard !== null,
  authorisedAs: ({ event }: Args, params: { kinds: readonly AuthoriseKind[] }) => params.kinds.includes(authorised(event).kind),
  chose: ({ event }: Args, params: { service: AtmServiceId }) => event.type === 'CHOOSE_SERVICE' && event.service === params.service,
  pinEntryTimedOut: ({ event }: Args) => event.type === 'pin.failed' && event.failure === 'timeout',
  noMobileShown: ({ context }: Args) => context.shown.maskedMobile === undefined,
  /** The card would not move: the reader jammed (or failed) with it inside. */
  cardStuck: ({ event }: Args) => outputOf(event) !== 'taken' && outputOf(event) !== 'retained',
};

export const atmChanges = {
  /** A fresh PIN entry: no key pressed yet. */
  pinStart: ({ context }: Args): Change => ({ shown: { ...context.shown, pinDigits: 0 } }),
  pinProgress: ({ context, event }: Args): Change => (event.type === 'pin.progress' ? { shown: { ...context.shown, pinDigits: event.digits } } : {}),
  storeAttestation: ({ context, event }: Args): Change => {
    const outcome = authorised(event);
    if (outcome.kind !== 'approved') return {};
    const { pinDigits: _p, ...shown } = withoutLastAnswer(context.shown);
    return { secret: { ...context.secret, attestation: outcome.attestation }, shown, error: null };
  },
  /** The bank's refusal or a failure to ask it, as the screen explains it; a wrong PIN says how many tries are left. */
  noteAuthorise: ({ context, event }: Args): Change => {
    const outcome = authorised(event);
    if (outcome.kind === 'approved') return {};
    const { pinDigits: _p, ...rest } = withoutLastAnswer(context.shown);
    const shown: JourneyViewData = outcome.kind === 'wrongPin' ? { ...rest, attemptsRemaining: outcome.triesLeft } : rest;
    return { shown, error: { code: AUTHORISE_ERRORS[outcome.kind], retryable: outcome.kind === 'wrongPin' } };
  },
  /** A new attestation is needed (the old one expired or was used): the PIN again. */
  dropAttestation: ({ context }: Args): Change => ({ secret: { ...context.secret, attestation: null } }),
  storeBankPreview: ({ context, event }: Args): Change => {
    const preview = answer(event, bankActivationPreviewSchema);
    const { maskedMobile: _m, ...rest } = withoutLastAnswer(context.shown);
    return {
      shown: { ...rest, idNumberMasked: preview.idNumberMasked, accountState: preview.accountState, ...(preview.maskedMobile ? { maskedMobile: preview.maskedMobile } : {}) },
      error: null,
    };
  },
  storeBankAccepted: ({ context, event }: Args): Change => {
    const accepted = answer(event, bankActivationAcceptedSchema);
    return {
      secret: { ...context.secret, attestation: null },
      shown: {
        ...withoutLastAnswer(context.shown),
        accountState: accepted.accountState,
        message: accepted.message,
        ...(accepted.maskedMobile ? { maskedMobile: accepted.maskedMobile } : {}),
      },
      error: null,
    };
  },
  /** Central's refusal says the state (already active, no account): the status in words. */
  setAccountState: ({ context }: Args, params: { state: NonNullable<JourneyViewData['accountState']> }): Change => ({
    shown: { ...withoutLastAnswer(context.shown), accountState: params.state },
    error: null,
  }),
  storeReceipt: ({ context, event }: Args): Change => ({ shown: { ...context.shown, receipt: outputOf(event) as ReceiptOutcome } }),
  /** The bank said keep it: kept (or, if the reader failed, stuck inside — a technician's job). */
  storeCardKept: ({ context, event }: Args): Change => {
    const kept = outputOf(event);
    return { cardUsed: false, shown: { ...context.shown, card: kept === 'retained' ? 'retained' : ('failed' satisfies CardReturn) } };
  },
};
