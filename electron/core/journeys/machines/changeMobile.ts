import { editMachine, sessionGone } from '../editStates';
import { callStep, checked, codeState, need, problem, signedRequest } from '../steps';

const root = '#changeMobile';

/**
 * RULES.md "Change mobile while signed in": the new number, then a code to
 * the registered mobile (it is the person's), then a code to the new number
 * (it is theirs too) → the number moves to the account. Someone who lost
 * the registered number uses updateMobile (fingerprint) instead.
 */
export const changeMobileMachine = editMachine('changeMobile', 'newMobile', {
  newMobile: {
    on: { SUBMIT_MOBILE: checked('starting', 'validMobile', 'storeMobile', 'mobileErrors') },
  },
  starting: callStep({
    input: signedRequest('changeMobileSignedIn', (c) => ({ body: { newMobile: need(c.secret.mobile, 'a mobile') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.currentCode`, actions: ['storeChallenge'] },
      { guard: problem('mobile_unchanged', 'mobile_invalid'), target: `${root}.newMobile`, actions: ['noteProblem'] },
      sessionGone(root),
    ],
    otherwise: { target: `${root}.newMobile` },
    back: `${root}.newMobile`,
  }),
  // The code to the registered mobile; when it is right, central sends one to the new number.
  currentCode: {
    initial: 'code',
    states: { code: codeState(`${root}.currentCode`, 'mobileChangeCurrent', { target: `${root}.newCode`, actions: ['storeChallenge'] }) },
  },
  newCode: {
    initial: 'code',
    states: { code: codeState(`${root}.newCode`, 'mobileChangeNew', { target: `${root}.changed`, actions: ['storeMobileChanged'] }) },
  },
});
