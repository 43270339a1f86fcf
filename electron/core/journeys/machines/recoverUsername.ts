import { journeyMachine } from '../journeyMachine';
import { callStep, codeState, identifyByFingerprint, need, problem, registeredMobileStates, request, resultState } from '../steps';

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
  ...registeredMobileStates(root, { state: 'starting', route: 'startSmsUsernameRecovery', found: { target: `${root}.code`, actions: ['storeChallenge'] } }),
  code: codeState(root, 'usernameRecovery', { target: `${root}.recovered`, actions: ['storeUsernameRecovered'] }),
  recovered: resultState(),
  noAccount: resultState(),
  referToStaff: resultState({ endsSession: true }),
});
