import { editMachine, sessionGone } from '../editStates';
import { back, callStep, checked, codeState, need, problem, resultState, signedRequest, taken, withNewPassword } from '../steps';

const root = '#changePassword';

/**
 * RULES.md "Change password while signed in": the current password, then a
 * new one with its confirmation (the live checklist; not the current one),
 * then the SMS code to the registered mobile → "password updated
 * successfully" (central's words) and central's SMS. A wrong current password
 * asks for it again, and the fifth locks the account (`locked`: until when,
 * and how to lift it); a bank temporary password is cleared by the change.
 */
export const changePasswordMachine = editMachine('changePassword', 'current', {
  current: { on: { SUBMIT_CURRENT_PASSWORD: taken('newPassword', 'storeCurrentPassword') } },
  newPassword: {
    on: { SUBMIT_PASSWORD: checked('starting', 'validChangedPassword', 'storePassword', 'changedPasswordErrors'), BACK: back('current', 'dropAllPasswords') },
  },
  starting: callStep({
    input: signedRequest('changePassword', (c) => withNewPassword(c, { currentPassword: need(c.secret.currentPassword, 'the current password') })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropAllPasswords'] },
      { guard: problem('password_current_wrong'), target: `${root}.current`, actions: ['noteProblem', 'dropAllPasswords'] },
      // The fifth wrong current password locks the account, as at sign-in: no more guesses here.
      { guard: problem('account_locked'), target: `${root}.locked`, actions: ['noteProblem', 'dropAllPasswords'] },
      sessionGone(root),
    ],
    otherwise: { target: `${root}.newPassword`, actions: ['dropPasswords'] },
    back: `${root}.newPassword`,
  }),
  code: codeState(root, 'passwordChange', { target: `${root}.changed`, actions: ['storePasswordUpdated'] }),
  // Until when, and what to do (recover the password by fingerprint, which lifts the lock; or wait): as sign-in's lock says.
  locked: resultState({ readsCard: false }),
});
