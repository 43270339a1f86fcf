import { journeyMachine } from '../journeyMachine';
import { back, callStep, codeState, identifyThenCheckAccount, need, problem, request, resultState, taken } from '../steps';

const root = '#activate';

/**
 * RULES.md "Activate at a kiosk": ID (card or typed) → fingerprint → accept
 * terms → the mobile registered to that ID (masked) → SMS code → active.
 * Without a fingerprint the kiosk cannot activate; the person is told the
 * ATM route (bank card + PIN).
 */
export const activateMachine = journeyMachine('activate', 'id', {
  ...identifyThenCheckAccount(root, [
    { guard: { type: 'accountStateIs', params: { states: ['active', 'locked'] } }, target: 'alreadyActive', actions: { type: 'setError', params: { code: 'account_already_active', retryable: false } } },
    // The code goes to the mobile on the account: without one, the person replaces it first (updateMobile).
    { guard: ({ context }) => context.shown.maskedMobile === undefined, target: 'noMobile', actions: { type: 'setError', params: { code: 'mobile_invalid', retryable: false } } },
    { target: 'terms' },
  ]),
  terms: { on: { ACCEPT_TERMS: taken('mobile', 'acceptTerms') } },
  mobile: { on: { CONFIRM_ACTIVATION: { target: 'starting', actions: ['clearError'] }, BACK: back('terms') } },
  starting: callStep({
    input: request('startActivation', (c) => ({ body: { verificationToken: need(c.secret.verificationToken, 'a verification'), termsAccepted: c.shown.termsAccepted === true } })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropVerification'] },
      { guard: problem('verification_token_invalid', 'verification_method_insufficient'), target: `${root}.fingerprint`, actions: ['dropVerification', { type: 'setError', params: { code: 'verification_expired', retryable: true } }] },
      { guard: problem('account_already_active'), target: `${root}.alreadyActive`, actions: ['noteProblem'] },
      { guard: problem('account_not_found'), target: `${root}.noAccount`, actions: ['noteProblem'] },
      { guard: problem('mobile_invalid'), target: `${root}.noMobile`, actions: ['noteProblem'] },
    ],
    otherwise: { target: `${root}.mobile` },
  }),
  code: codeState(root, 'activation', { target: `${root}.activated`, actions: ['storeAccountSummary'] }, [
    { guard: problem('account_already_active'), target: `${root}.alreadyActive` },
  ]),
  /**
   * Active. The username is shown masked, so the result offers the ways on
   * (issue 11): sign in now with the ID just activated (the person types
   * only the password), or the full username by SMS to the account's own
   * mobile. Both act on this journey's account alone: the ID and the
   * confirmed challenge stay in the core, the renderer names neither.
   */
  activated: resultState({
    keeps: ['idNumber', 'challengeId'],
    wayOn: {
      on: {
        SIGN_IN_NOW: { target: `${root}.handoff`, actions: { type: 'prepareHandoff', params: { service: 'signIn' } } },
        SEND_USERNAME: { guard: 'usernameNotSent', target: 'sendingUsername', actions: 'clearError' },
      },
      states: {
        // Not a callStep: a lost answer leaves the person on the result with the error (a new press is a new try), not on a retry screen.
        sendingUsername: {
          entry: 'freshKey',
          tags: ['busy'],
          invoke: {
            src: 'callCentral',
            input: request('sendActivatedUsername', (c) => ({ params: { challengeId: need(c.secret.challengeId, 'the confirmed activation') } })),
            onDone: [
              { guard: 'centralDown', target: 'finished', actions: 'noteUnavailable' },
              { guard: 'succeeded', target: 'finished', actions: 'storeUsernameSent' },
              { target: 'finished', actions: 'noteProblem' },
            ],
            onError: { target: 'finished', actions: 'noteUnavailable' },
          },
        },
      },
    },
  }),
  handoff: { type: 'final' },
  alreadyActive: resultState(),
  noAccount: resultState(),
  noMobile: resultState(),
  alternative: resultState({ entry: [{ type: 'showAlternative', params: { where: 'atm' } }] }),
  referToStaff: resultState({ endsSession: true }),
});
