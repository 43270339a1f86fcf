import type { JourneyMachineContext } from '../machineTypes';
import { journeyMachine } from '../journeyMachine';
import type { JourneyStateConfig } from '../setup';
import { back, callStep, need, problem, request, taken } from '../steps';
import type { Action, Transition } from '../steps';

const root = '#atm';

/**
 * RULES.md "Activate at an ATM" (issue 12): the card goes in (the session
 * starts with it) → PIN on the EPP → the bank checks it and vouches for the
 * holder's ID → MOI e-services menu → activate: terms → the ID and mobile
 * central has, masked → confirm → pending_bank, "an SMS will follow" →
 * receipt if wanted → card back. Or the menu's status: the account's state
 * in words. Every refusal and failure is its own step, and each one ends
 * with the card back — or kept, when the bank says so or nobody takes it.
 * CANCEL (the EPP's Cancel key, or the screen's) works wherever the person
 * waits, and hands the card back.
 */

const toCancelled = { target: `${root}.cancelled`, actions: ['clearError' as const] };
const cancel = { CANCEL: toCancelled };
const error = (code: string, retryable = false): Action => ({ type: 'setError', params: { code, retryable } });

/** The PIN on the EPP: the screen sees how many keys were pressed, Clear empties it, Enter sends it, Cancel hands the card back. */
function pinEntry(): JourneyStateConfig {
  return {
    entry: 'pinStart',
    invoke: { src: 'readPin' },
    on: {
      'pin.progress': { actions: 'pinProgress' },
      'pin.entered': { target: `${root}.authorising`, actions: 'clearError' },
      'pin.cancelled': toCancelled,
      'pin.failed': [
        { guard: 'pinEntryTimedOut', target: `${root}.cancelled`, actions: error('pin_timeout') },
        { target: `${root}.deviceError`, actions: error('pin_pad_unavailable') },
      ],
      ...cancel,
    },
  };
}

/** A call to central with the bank's attestation; where its answer is lost, the person may try again or take the card back. */
function attestationCall(route: 'previewBankActivation' | 'requestBankActivation', answers: Transition[]): JourneyStateConfig {
  const step = callStep({
    input: request(route, (c: JourneyMachineContext) => ({ body: { attestation: need(c.secret.attestation, 'a bank attestation') } })),
    answers,
    otherwise: { target: `${root}.refused` },
  });
  const unavailable = step.states?.['unavailable'];
  return { ...step, states: { ...step.states, unavailable: { ...unavailable, on: { ...(unavailable?.on as object), ...cancel } } } };
}

/** Central no longer takes the attestation (expired, or spent): the bank is asked again, with the PIN again. */
const askBankAgain: Transition = {
  guard: problem('bank_attestation_expired', 'bank_attestation_replayed'),
  target: `${root}.pin.entry`,
  actions: ['dropAttestation', error('verification_expired', true)],
};
const refusals: Transition[] = [
  askBankAgain,
  { guard: problem('account_already_active'), target: `${root}.alreadyActive`, actions: ['noteProblem'] },
  { guard: problem('account_not_found', 'person_not_found'), target: `${root}.noAccount`, actions: ['noteProblem'] },
  { guard: problem('bank_attestation_invalid'), target: `${root}.notLinked`, actions: ['noteProblem'] },
];

/** How a card leaves at the end: handed back, or kept in the retain bin. */
const LEAVING = {
  // Taken, or kept when nobody takes it in time (`data.card`).
  returningCard: { entry: ['presentCard' as const], src: 'returnCard' as const, store: 'storeCardReturn' as const },
  // The bank said keep the card (its PIN tries are used up): into the retain bin, and the person is told.
  retaining: { entry: [], src: 'retainBankCard' as const, store: 'storeCardKept' as const },
};

/** A result on screen, with the card leaving first; a card that jams on its way is its own step (`cardJammed`). */
function cardLeaves(step: keyof typeof LEAVING): JourneyStateConfig {
  const { entry, src, store } = LEAVING[step];
  const left = [
    { guard: 'cardStuck' as const, target: `${root}.cardJammed`, actions: [store, error('card_jammed')] },
    { target: 'finished', actions: store },
  ];
  return {
    entry: ['dropSecrets'],
    initial: step,
    states: {
      [step]: { entry, tags: ['busy'], invoke: { src, onDone: left, onError: left } },
      finished: { tags: ['finished'] },
    },
  };
}
const cardBack = (): JourneyStateConfig => cardLeaves('returningCard');

const authorisedAs = (...kinds: ('approved' | 'wrongPin' | 'retainCard' | 'cardNotLinked' | 'cardExpired' | 'bankUnavailable' | 'bankError')[]) => ({
  type: 'authorisedAs' as const,
  params: { kinds },
});

export const atmMachine = journeyMachine('atm', 'card', {
  // The card is in; the runner says so as the journey starts (`card.inserted`), and a readable one goes on to the PIN.
  card: { tags: ['busy'], on: { 'card.inserted': [{ guard: 'bankCardRead', target: 'pin' }, { target: 'unreadableCard' }] } },
  pin: { initial: 'entry', states: { entry: pinEntry(), wrong: pinEntry() } },
  authorising: {
    tags: ['busy'],
    invoke: {
      src: 'authorise',
      input: ({ context }) => ({ card: need(context.secret.bankCard, 'a bank card') }),
      onDone: [
        { guard: authorisedAs('approved'), target: 'menu', actions: 'storeAttestation' },
        { guard: authorisedAs('wrongPin'), target: 'pin.wrong', actions: 'noteAuthorise' },
        { guard: authorisedAs('retainCard'), target: 'retained', actions: 'noteAuthorise' },
        { guard: authorisedAs('cardNotLinked'), target: 'notLinked', actions: 'noteAuthorise' },
        { guard: authorisedAs('cardExpired'), target: 'cardExpired', actions: 'noteAuthorise' },
        { guard: authorisedAs('bankUnavailable', 'bankError'), target: 'bankUnavailable', actions: 'noteAuthorise' },
        // The EPP gave no PIN block.
        { target: 'deviceError', actions: 'noteAuthorise' },
      ],
      onError: { target: 'deviceError', actions: error('epp_error') },
    },
  },
  menu: {
    on: {
      CHOOSE_SERVICE: [
        { guard: { type: 'chose', params: { service: 'atmActivate' } }, target: 'activate', actions: 'clearError' },
        { guard: { type: 'chose', params: { service: 'atmStatus' } }, target: 'status', actions: 'clearError' },
      ],
      ...cancel,
    },
  },
  activate: {
    initial: 'terms',
    states: {
      terms: {
        on: { ACCEPT_TERMS: taken('preview', 'acceptTerms'), BACK: back(`${root}.menu`), ...cancel },
      },
      preview: attestationCall('previewBankActivation', [{ guard: 'succeeded', target: `${root}.activate.check`, actions: ['storeBankPreview'] }, ...refusals]),
      check: {
        always: [
          { guard: { type: 'accountStateIs', params: { states: ['pending_bank'] } }, target: `${root}.alreadyRequested` },
          // The SMS goes to the mobile on the account: without one, it is replaced at a kiosk first.
          { guard: 'noMobileShown', target: `${root}.noMobile`, actions: error('mobile_invalid') },
          { target: 'confirm' },
        ],
      },
      confirm: {
        on: { CONFIRM_ACTIVATION: { target: 'requesting', actions: 'clearError' }, BACK: back('terms'), ...cancel },
      },
      requesting: attestationCall('requestBankActivation', [{ guard: 'succeeded', target: `${root}.activate.received`, actions: ['storeBankAccepted'] }, ...refusals]),
      // The request's transaction is the receipt's reference.
      received: {
        entry: 'noteReference',
        on: { PRINT_RECEIPT: { target: 'printing' }, FINISH: { target: `${root}.done` }, CANCEL: { target: `${root}.done` } },
      },
      printing: {
        tags: ['busy'],
        invoke: {
          src: 'printReceipt',
          input: ({ context }) => ({
            kind: 'bankActivationRequested' as const,
            idNumberMasked: need(context.shown.idNumberMasked, 'the masked ID'),
            maskedMobile: need(context.shown.maskedMobile, 'the masked mobile'),
            transactionId: need(context.reference, 'the request’s transaction'),
          }),
          onDone: { target: `${root}.done`, actions: 'storeReceipt' },
          onError: { target: `${root}.done`, actions: 'storeReceipt' },
        },
      },
    },
  },
  status: {
    initial: 'checking',
    states: {
      checking: attestationCall('previewBankActivation', [
        { guard: 'succeeded', target: `${root}.status.shown`, actions: ['storeBankPreview'] },
        { guard: problem('account_already_active'), target: `${root}.status.shown`, actions: [{ type: 'setAccountState', params: { state: 'active' } }] },
        { guard: problem('account_not_found', 'person_not_found'), target: `${root}.status.shown`, actions: [{ type: 'setAccountState', params: { state: 'none' } }] },
        askBankAgain,
        { guard: problem('bank_attestation_invalid'), target: `${root}.notLinked`, actions: ['noteProblem'] },
      ]),
      shown: {
        on: { BACK: back(`${root}.menu`), FINISH: { target: `${root}.done` }, CANCEL: { target: `${root}.done` } },
      },
    },
  },
  // The person is done: the card goes back (kept if not taken in time: `data.card`).
  done: cardBack(),
  cancelled: cardBack(),
  retained: cardLeaves('retaining'),
  unreadableCard: cardBack(),
  cardExpired: cardBack(),
  notLinked: cardBack(),
  noAccount: cardBack(),
  alreadyActive: cardBack(),
  alreadyRequested: cardBack(),
  noMobile: cardBack(),
  bankUnavailable: cardBack(),
  // The EPP failed or went away: the card comes back.
  deviceError: cardBack(),
  // Central refused in a way the ATM has no words of its own for (`error.code` is central's).
  refused: cardBack(),
  // The card would not move (to the exit or the bin): it stays inside, for the bank's technician.
  cardJammed: { entry: ['dropSecrets'], tags: ['finished'] },
});
