import { journeyMachine } from '../journeyMachine';
import { callStep, checked, codeState, need, problem, request, resultState } from '../steps';

const root = '#signIn';

/**
 * RULES.md "Sign in": username or ID + password → SMS code (the "temporary
 * password") → the person's services → sign out. A locked account is told
 * how long and offered password recovery (which lifts the lock); an account
 * not yet active is offered activation.
 */
export const signInMachine = journeyMachine('signIn', 'credentials', {
  credentials: {
    on: {
      SUBMIT_CREDENTIALS: checked('signingIn', 'validCredentials', 'storeCredentials', 'credentialErrors'),
    },
  },
  signingIn: callStep({
    input: request('signIn', (c) => ({ body: { login: need(c.secret.login, 'a login'), password: need(c.secret.password, 'a password') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge', 'dropPasswords'] },
      { guard: problem('account_locked'), target: `${root}.locked`, actions: ['noteProblem', 'dropPasswords', 'loginAsIdNumber'] },
      { guard: problem('account_not_active'), target: `${root}.notActive`, actions: ['noteProblem', 'dropPasswords', 'loginAsIdNumber'] },
    ],
    otherwise: { target: `${root}.credentials`, actions: ['dropPasswords'] },
    back: `${root}.credentials`,
  }),
  code: codeState(root, 'signIn', { target: `${root}.signedIn`, actions: ['storeSession'] }, [{ guard: problem('account_locked'), target: `${root}.locked` }]),
  signedIn: {
    entry: 'dropSecrets',
    on: { SIGN_OUT: 'signingOut', 'journey.passwordChanged': { actions: 'passwordChanged' } },
  },
  // Best effort: the person is leaving, and central ends an unused session on its own (citizen session lifetime).
  signingOut: {
    entry: 'freshKey',
    tags: ['busy'],
    invoke: {
      src: 'callCentral',
      input: ({ context }) => ({
        route: 'signOut',
        idempotencyKey: need(context.secret.pendingKey, 'an idempotency key'),
        sessionToken: need(context.secret.sessionToken, 'a citizen session'),
      }),
      onDone: 'signedOut',
      onError: 'signedOut',
    },
  },
  signedOut: resultState({ entry: ['dropSession'], readsCard: false }),
  locked: {
    on: {
      RECOVER_PASSWORD: { target: 'handoff', actions: { type: 'prepareHandoff', params: { service: 'recoverPassword' } } },
      FINISH: 'done',
    },
  },
  notActive: {
    on: {
      ACTIVATE_NOW: { target: 'handoff', actions: { type: 'prepareHandoff', params: { service: 'activate' } } },
      FINISH: 'done',
    },
  },
  done: resultState({ readsCard: false }),
  handoff: { type: 'final' },
});
