import type { JourneyService } from '../contract';

/**
 * Which screen draws each state of each journey machine. Every state the core
 * can name (`journeyStates(service)` in electron/core/journeys/stateList.ts)
 * has an entry, transient and final ones included, so no step ever falls
 * through to a blank screen; stepMap.test.ts holds the two lists together.
 */
export type StepScreen =
  | 'idEntry'
  | 'cardInsert'
  | 'fingerprint'
  | 'credentials'
  | 'mobileEntry'
  | 'username'
  | 'newPassword'
  | 'email'
  | 'languageChoice'
  | 'terms'
  | 'activationMobile'
  | 'codeEntry'
  | 'securityQuestion'
  | 'busy'
  | 'centralError'
  | 'cardReturn'
  | 'result'
  | 'signedInHome'
  | 'currentPassword'
  | 'address';

type StepScreens = Record<string, StepScreen>;

/** The ID step: typed, or read from the card in the slot. */
const identify = (): StepScreens => ({ id: 'idEntry', readCard: 'cardInsert' });

/** A call to central: working, then (if the answer was lost) the retry screen. */
const call = (name: string): StepScreens => ({ [name]: 'busy', [`${name}.calling`]: 'busy', [`${name}.unavailable`]: 'centralError' });

/** A result: the card handed back first (if one was read), then the outcome. */
const result = (name: string): StepScreens => ({ [name]: 'result', [`${name}.returningCard`]: 'cardReturn', [`${name}.finished`]: 'result' });
/** A result in a journey that never reads a card (sign-in). */
const cardlessResult = (name: string): StepScreens => ({ [name]: 'result', [`${name}.finished`]: 'result' });

const fingerprint = (): StepScreens => ({
  fingerprint: 'fingerprint',
  'fingerprint.capturing': 'fingerprint',
  ...call('fingerprint.verifying'),
  'fingerprint.failed': 'fingerprint',
  'fingerprint.readerError': 'fingerprint',
});

const code = (at = 'code'): StepScreens => ({
  [at]: 'codeEntry',
  [`${at}.entry`]: 'codeEntry',
  ...call(`${at}.checking`),
  ...call(`${at}.resending`),
  [`${at}.needNewCode`]: 'codeEntry',
});

/** Edit user information (signed in): the profile read first, and the ends (neither reads a card). */
const edit = (steps: StepScreens): StepScreens => ({
  ...call('loading'),
  ...steps,
  ...cardlessResult('changed'),
  ...cardlessResult('sessionEnded'),
  ...passing('wiped'),
});

/** Never on screen for long (a transient check, a hand-over, the wipe): the working screen if at all. */
const passing = (...names: string[]): StepScreens => Object.fromEntries(names.map((name) => [name, 'busy' as const]));

export const stepMap: Record<JourneyService, StepScreens> = {
  register: {
    ...identify(),
    mobile: 'mobileEntry',
    username: 'username',
    password: 'newPassword',
    email: 'email',
    language: 'languageChoice',
    terms: 'terms',
    ...call('submitting'),
    ...code(),
    registered: 'result',
    ...result('done'),
    ...passing('handoff', 'wiped'),
  },
  activate: {
    ...identify(),
    ...fingerprint(),
    terms: 'terms',
    mobile: 'activationMobile',
    ...call('starting'),
    ...code(),
    ...result('activated'),
    // The username on its way by SMS: the outcome stays on screen, its button working.
    'activated.sendingUsername': 'result',
    ...result('alreadyActive'),
    ...result('noAccount'),
    ...result('noMobile'),
    ...result('alternative'),
    ...result('referToStaff'),
    ...passing('checkAccount', 'handoff', 'wiped'),
  },
  signIn: {
    credentials: 'credentials',
    ...call('signingIn'),
    ...code(),
    signedIn: 'signedInHome',
    signingOut: 'busy',
    ...cardlessResult('signedOut'),
    locked: 'result',
    notActive: 'result',
    ...cardlessResult('done'),
    ...passing('handoff', 'wiped'),
  },
  recoverPassword: {
    ...identify(),
    ...fingerprint(),
    mobile: 'mobileEntry',
    ...call('lookingUp'),
    question: 'securityQuestion',
    newPassword: 'newPassword',
    ...call('byFingerprint'),
    ...call('byAnswer'),
    ...code(),
    ...result('updated'),
    ...result('noAccount'),
    ...result('noMobile'),
    locked: 'result',
    ...result('done'),
    ...result('referToStaff'),
    ...passing('wiped'),
  },
  recoverUsername: {
    ...identify(),
    ...fingerprint(),
    ...call('recovering'),
    mobile: 'mobileEntry',
    ...call('starting'),
    ...code(),
    ...result('recovered'),
    ...result('noAccount'),
    ...result('referToStaff'),
    ...passing('wiped'),
  },
  updateMobile: {
    ...identify(),
    ...fingerprint(),
    newMobile: 'mobileEntry',
    ...call('starting'),
    ...code(),
    ...result('changed'),
    ...result('noAccount'),
    ...result('alternative'),
    ...result('referToStaff'),
    ...passing('checkAccount', 'wiped'),
  },
  changePassword: edit({ current: 'currentPassword', newPassword: 'newPassword', ...call('starting'), ...code(), ...cardlessResult('locked') }),
  changeEmail: edit({ email: 'email', ...call('starting'), ...code() }),
  changeMobile: edit({ newMobile: 'mobileEntry', ...call('starting'), currentCode: 'codeEntry', ...code('currentCode.code'), newCode: 'codeEntry', ...code('newCode.code') }),
  changeAddress: edit({ address: 'address', ...call('saving') }),
};

/** The screen for a view's step (`activate.code.entry`), or null for a state this renderer does not know. */
export function stepScreenOf(step: string): StepScreen | null {
  const dot = step.indexOf('.');
  const service = step.slice(0, dot) as JourneyService;
  return stepMap[service]?.[step.slice(dot + 1)] ?? null;
}
