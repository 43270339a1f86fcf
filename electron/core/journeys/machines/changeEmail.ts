import { editMachine, sessionGone } from '../editStates';
import { callStep, checked, codeState, need, signedRequest } from '../steps';

const root = '#changeEmail';

/**
 * RULES.md "Change e-mail while signed in": the new address typed twice,
 * then the SMS code to the registered mobile → the e-mail is changed, and
 * central says so by SMS.
 */
export const changeEmailMachine = editMachine('changeEmail', 'email', {
  email: {
    on: { SUBMIT_EMAIL: checked('starting', 'validEmail', 'storeEmail', 'emailErrors', 'showNewEmail') },
  },
  starting: callStep({
    input: signedRequest('changeEmail', (c) => ({ body: { email: need(c.secret.email, 'an e-mail'), emailConfirmation: need(c.secret.emailConfirmation, 'a confirmation') } })),
    answers: [{ guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge'] }, sessionGone(root)],
    otherwise: { target: `${root}.email` },
    back: `${root}.email`,
  }),
  code: codeState(root, 'emailChange', { target: `${root}.changed` }),
});
