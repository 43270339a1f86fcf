import { journeyMachine } from '../journeyMachine';
import { back, callStep, checked, codeState, identifyStates, need, problem, request, resultState, taken } from '../steps';

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
  mobile: { on: { SUBMIT_MOBILE: checked('username', 'validMobile', 'storeMobile', 'mobileErrors'), BACK: back('id') } },
  username: { on: { SUBMIT_USERNAME: checked('password', 'validUsername', 'storeUsername', 'usernameErrors'), BACK: back('mobile') } },
  password: { on: { SUBMIT_PASSWORD: checked('email', 'validPassword', 'storePassword', 'passwordErrors'), BACK: back('username', 'dropPasswords') } },
  email: { on: { SUBMIT_EMAIL: checked('language', 'validEmail', 'storeEmail', 'emailErrors'), BACK: back('password') } },
  language: { on: { CHOOSE_LANGUAGE: taken('terms', 'storeLanguage'), BACK: back('email') } },
  terms: { on: { ACCEPT_TERMS: taken('submitting', 'acceptTerms'), BACK: back('language') } },
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
