import { journeyMachine } from '../journeyMachine';
import { callStep, codeState, identifyByFingerprint, need, problem, request, resultState } from '../steps';

const root = '#recoverUsername';

/**
 * RULES.md "Recover username": ID + fingerprint, or ID + registered mobile +
 * SMS code → the username shown masked, and sent in full by SMS.
 */
export const recoverUsernameMachine = journeyMachine('recoverUsername', 'id', {
  ...identifyByFingerprint(root, {
    verified: `${root}.recovering`,
    alternative: { target: `${root}.mobile`, actions: [{ type: 'setRoute', params: { route: 'alternative' } }] },
  }),
  recovering: callStep({
    input: request('recoverUsernameByFingerprint', (c) => ({ body: { verificationToken: need(c.secret.verificationToken, 'a verification') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.recovered`, actions: ['storeUsernameRecovered'] },
      { guard: problem('verification_token_invalid', 'verification_method_insufficient'), target: `${root}.fingerprint`, actions: ['dropVerification', { type: 'setError', params: { code: 'verification_expired', retryable: true } }] },
    ],
    otherwise: { target: `${root}.noAccount` },
  }),
  mobile: {
    on: {
      SUBMIT_MOBILE: [{ guard: 'validMobile', target: 'starting', actions: ['clearError', 'storeMobile'] }, { actions: 'mobileErrors' }],
      BACK: { target: 'fingerprint', actions: ['clearError', { type: 'setRoute', params: { route: 'fingerprint' } }] },
    },
  },
  starting: callStep({
    input: request('startSmsUsernameRecovery', (c) => ({ body: { idNumber: need(c.secret.idNumber, 'an ID number'), mobile: need(c.secret.mobile, 'a mobile') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge'] },
      { guard: problem('id_number_invalid'), target: `${root}.id` },
    ],
    otherwise: { target: `${root}.mobile` },
    back: `${root}.mobile`,
  }),
  code: codeState(root, 'usernameRecovery', { target: `${root}.recovered`, actions: ['storeUsernameRecovered'] }),
  recovered: resultState(),
  noAccount: resultState(),
  referToStaff: resultState({ endsSession: true }),
});
