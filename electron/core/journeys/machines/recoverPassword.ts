import { and } from 'xstate';
import { journeyMachine } from '../journeyMachine';
import { back, callStep, codeState, identifyByFingerprint, need, problem, registeredMobileStates, request, resultState, taken, withNewPassword } from '../steps';

const root = '#recoverPassword';

/**
 * RULES.md "Recover password", both ways. Kiosk way: ID + fingerprint + new
 * password + SMS code. Without a fingerprint: ID + registered mobile +
 * security question + new password + SMS code. Central takes the new
 * password with the start of either and applies it when the code is right,
 * so the password is asked before the code. Ends on "password updated
 * successfully" (central's own text).
 */
export const recoverPasswordMachine = journeyMachine('recoverPassword', 'id', {
  ...identifyByFingerprint(root, {
    verified: `${root}.newPassword`,
    alternative: { target: `${root}.mobile`, actions: [{ type: 'setRoute', params: { route: 'alternative' } }] },
  }),

  // ───── without a fingerprint ─────
  ...registeredMobileStates(root, { state: 'lookingUp', route: 'getSecurityQuestion', found: { target: `${root}.question`, actions: ['storeQuestion'] } }),
  question: { on: { SUBMIT_SECURITY_ANSWER: taken('newPassword', 'storeAnswer'), BACK: back('mobile') } },

  // ───── both ways ─────
  newPassword: {
    // The fingerprint told us there is no account: no new password is asked of a person who has none.
    always: {
      guard: and(['onFingerprintRoute', { type: 'accountStateIs', params: { states: ['none'] } }]),
      target: 'noAccount',
      actions: [{ type: 'setError', params: { code: 'account_not_found', retryable: false } }],
    },
    on: {
      SUBMIT_PASSWORD: [
        { guard: and(['validPassword', 'onFingerprintRoute']), target: 'byFingerprint', actions: ['clearError', 'storePassword'] },
        { guard: 'validPassword', target: 'byAnswer', actions: ['clearError', 'storePassword'] },
        { actions: 'passwordErrors' },
      ],
    },
  },
  byFingerprint: callStep({
    input: request('startFingerprintPasswordReset', (c) => withNewPassword(c, { verificationToken: need(c.secret.verificationToken, 'a verification') })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropPasswords', 'dropVerification'] },
      { guard: problem('verification_token_invalid', 'verification_method_insufficient'), target: `${root}.fingerprint`, actions: ['dropPasswords', 'dropVerification', { type: 'setError', params: { code: 'verification_expired', retryable: true } }] },
      { guard: problem('account_not_found'), target: `${root}.noAccount`, actions: ['noteProblem'] },
      { guard: problem('mobile_invalid'), target: `${root}.noMobile`, actions: ['noteProblem'] },
    ],
    otherwise: { target: `${root}.newPassword`, actions: ['dropPasswords'] },
  }),
  byAnswer: callStep({
    input: request('startSecurityQuestionPasswordReset', (c) =>
      withNewPassword(c, { idNumber: need(c.secret.idNumber, 'an ID number'), mobile: need(c.secret.mobile, 'a mobile'), answer: need(c.secret.answer, 'an answer') }),
    ),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropPasswords'] },
      { guard: problem('security_answer_wrong'), target: `${root}.question`, actions: ['noteProblem', 'dropPasswords'] },
      { guard: problem('account_locked'), target: `${root}.locked`, actions: ['noteProblem', 'dropPasswords', 'dropAnswer'] },
      { guard: problem('identity_mismatch', 'mobile_invalid'), target: `${root}.mobile`, actions: ['noteProblem', 'dropPasswords'] },
    ],
    otherwise: { target: `${root}.newPassword`, actions: ['dropPasswords'] },
  }),
  code: codeState(root, 'passwordReset', { target: `${root}.updated`, actions: ['storePasswordUpdated'] }),
  updated: resultState(),
  noAccount: resultState(),
  noMobile: resultState(),
  // Locked (wrong answers or wrong passwords): the lock's end is shown, and recovery by fingerprint — which lifts
  // it — is one touch away, with the ID already known; or the person leaves it there.
  locked: {
    on: {
      RECOVER_PASSWORD: { target: 'fingerprint', actions: ['clearError', { type: 'setRoute', params: { route: 'fingerprint' } }] },
      FINISH: 'done',
    },
  },
  done: resultState(),
  referToStaff: resultState({ endsSession: true }),
});
