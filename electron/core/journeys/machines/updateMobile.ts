import { journeyMachine } from '../journeyMachine';
import { callStep, checked, codeState, identifyThenCheckAccount, need, problem, request, resultState } from '../steps';

const root = '#updateMobile';

/**
 * RULES.md "Update lost mobile at a kiosk": ID → fingerprint → new mobile →
 * SMS code to the new number → done. A number moved here leaves any other
 * account (central's rule). There is no route without a fingerprint on a
 * kiosk: the person is sent to staff.
 */
export const updateMobileMachine = journeyMachine('updateMobile', 'id', {
  ...identifyThenCheckAccount(root, [{ target: 'newMobile' }]),
  newMobile: {
    on: { SUBMIT_MOBILE: checked('starting', 'validMobile', 'storeMobile', 'mobileErrors') },
  },
  starting: callStep({
    input: request('startMobileChange', (c) => ({ body: { verificationToken: need(c.secret.verificationToken, 'a verification'), newMobile: need(c.secret.mobile, 'a mobile') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropVerification'] },
      { guard: problem('verification_token_invalid', 'verification_method_insufficient'), target: `${root}.fingerprint`, actions: ['dropVerification', { type: 'setError', params: { code: 'verification_expired', retryable: true } }] },
      { guard: problem('account_not_found'), target: `${root}.noAccount`, actions: ['noteProblem'] },
    ],
    otherwise: { target: `${root}.newMobile` },
    back: `${root}.newMobile`,
  }),
  code: codeState(root, 'mobileChange', { target: `${root}.changed`, actions: ['storeMobileChanged'] }),
  changed: resultState(),
  noAccount: resultState(),
  alternative: resultState({ entry: [{ type: 'showAlternative', params: { where: 'staff' } }] }),
  referToStaff: resultState({ endsSession: true }),
});
