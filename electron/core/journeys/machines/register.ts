import { journeyMachine } from '../journeyMachine';
import { callStep, codeState, identifyStates, need, problem, request, resultState } from '../steps';

const root = '#register';

/**
 * RULES.md "Register": ID/iqama, mobile, username, password + confirmation,
 * e-mail + confirmation, preferred language, accept terms → SMS code →
 * account created (`registered`); then activation by fingerprint is offered
 * at once, with the ID already known. Each field is checked by the kiosk
 * with the shared rules; central's refusal sends the person back to the
 * field it names.
 */
export const registerMachine = journeyMachine('register', 'id', {
  ...identifyStates(root, 'mobile'),
  mobile: {
    on: {
      SUBMIT_MOBILE: [{ guard: 'validMobile', target: 'username', actions: ['clearError', 'storeMobile'] }, { actions: 'mobileErrors' }],
      BACK: { target: 'id', actions: 'clearError' },
    },
  },
  username: {
    on: {
      SUBMIT_USERNAME: [{ guard: 'validUsername', target: 'password', actions: ['clearError', 'storeUsername'] }, { actions: 'usernameErrors' }],
      BACK: { target: 'mobile', actions: 'clearError' },
    },
  },
  password: {
    on: {
      SUBMIT_PASSWORD: [{ guard: 'validPassword', target: 'email', actions: ['clearError', 'storePassword'] }, { actions: 'passwordErrors' }],
      BACK: { target: 'username', actions: ['clearError', 'dropPasswords'] },
    },
  },
  email: {
    on: {
      SUBMIT_EMAIL: [{ guard: 'validEmail', target: 'language', actions: ['clearError', 'storeEmail'] }, { actions: 'emailErrors' }],
      BACK: { target: 'password', actions: 'clearError' },
    },
  },
  language: {
    on: {
      CHOOSE_LANGUAGE: { target: 'terms', actions: ['clearError', 'storeLanguage'] },
      BACK: { target: 'email', actions: 'clearError' },
    },
  },
  terms: {
    on: {
      ACCEPT_TERMS: { target: 'submitting', actions: ['clearError', 'acceptTerms'] },
      BACK: { target: 'language', actions: 'clearError' },
    },
  },
  submitting: callStep({
    input: request('startRegistration', (c) => ({
      body: {
        idNumber: need(c.secret.idNumber, 'an ID number'),
        mobile: need(c.secret.mobile, 'a mobile'),
        username: need(c.secret.username, 'a username'),
        password: need(c.secret.password, 'a password'),
        passwordConfirmation: need(c.secret.confirmation, 'a confirmation'),
        email: need(c.secret.email, 'an e-mail'),
        emailConfirmation: need(c.secret.emailConfirmation, 'an e-mail confirmation'),
        language: c.shown.language ?? 'ar',
        termsAccepted: c.shown.termsAccepted === true,
      },
    })),
    answers: [
      { guard: 'succeeded', target: `${root}.code`, actions: ['storeChallenge'] },
      { guard: problem('id_number_invalid', 'person_not_found', 'id_expired', 'account_exists'), target: `${root}.id`, actions: ['noteProblem'] },
      { guard: problem('mobile_invalid', 'mobile_in_use'), target: `${root}.mobile`, actions: ['noteProblem'] },
      { guard: problem('username_invalid', 'username_taken'), target: `${root}.username`, actions: ['noteProblem'] },
      { guard: problem('password_invalid', 'password_mismatch'), target: `${root}.password`, actions: ['noteProblem'] },
      { guard: problem('email_invalid', 'email_mismatch'), target: `${root}.email`, actions: ['noteProblem'] },
    ],
    otherwise: { target: `${root}.terms` },
    back: `${root}.terms`,
  }),
  code: codeState(root, 'registration', { target: `${root}.registered`, actions: ['storeAccountSummary'] }, [
    // Someone took the mobile or the username while the code was on its way.
    { guard: problem('mobile_in_use'), target: `${root}.mobile` },
    { guard: problem('username_taken'), target: `${root}.username` },
    { guard: problem('account_exists'), target: `${root}.id` },
  ]),
  registered: {
    entry: 'dropPasswords',
    on: {
      ACTIVATE_NOW: { target: 'handoff', actions: { type: 'prepareHandoff', params: { service: 'activate' } } },
      FINISH: 'done',
    },
  },
  done: resultState(),
  handoff: { type: 'final' },
});
