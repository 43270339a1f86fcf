import type { JourneyService } from '../contract';

/**
 * Which screen draws each state of each journey machine. Every state the core
 * can name (`journeyStates(service)` in electron/core/journeys/stateList.ts)
 * has an entry, transient and final ones included, so no step ever falls
 * through to a blank screen; stepMap.test.ts holds the two lists together.
 */
export const STEP_SCREENS = [
  'idEntry',
  'cardInsert',
  'fingerprint',
  'credentials',
  'mobileEntry',
  'username',
  'newPassword',
  'email',
  'languageChoice',
  'terms',
  'activationMobile',
  'codeEntry',
  'securityQuestion',
  'busy',
  'centralError',
  'cardReturn',
  'result',
  'signedInHome',
  'currentPassword',
  'address',
] as const;
export type StepScreen = (typeof STEP_SCREENS)[number];

type StepScreens = Record<string, StepScreen>;

/** The ID step: typed, or read from the card in the slot. */
const identify = (): StepScreens => ({ id: 'idEntry', readCard: 'cardInsert' });

/** The screens of each of `names`, by what `screens` gives for one. */
const each =
  (screens: (name: string) => StepScreens) =>
  (...names: string[]): StepScreens =>
    Object.assign({}, ...names.map(screens));

/** Calls to central: working, then (if the answer was lost) the retry screen. */
const call = each((name) => ({ [name]: 'busy', [`${name}.calling`]: 'busy', [`${name}.unavailable`]: 'centralError' }));

/** Results: the card handed back first (if one was read), then the outcome. */
const result = each((name) => ({ [name]: 'result', [`${name}.returningCard`]: 'cardReturn', [`${name}.finished`]: 'result' }));
/** Results in a journey that never reads a card (sign-in). */
const cardlessResult = each((name) => ({ [name]: 'result', [`${name}.finished`]: 'result' }));
/** An outcome with no step after it (no card to hand back, nothing to finish): the result screen. */
const outcome = each((name) => ({ [name]: 'result' }));

const fingerprint = (): StepScreens => ({
  fingerprint: 'fingerprint',
  'fingerprint.capturing': 'fingerprint',
  ...call('fingerprint.verifying'),
  'fingerprint.failed': 'fingerprint',
  'fingerprint.readerError': 'fingerprint',
});

/** The ID, then the fingerprint (the machines' identifyByFingerprint, electron/core/journeys/steps.ts). */
const identifyByFingerprint = (): StepScreens => ({ ...identify(), ...fingerprint() });

const code = (at = 'code'): StepScreens => ({
  [at]: 'codeEntry',
  [`${at}.entry`]: 'codeEntry',
  ...call(`${at}.checking`, `${at}.resending`),
  [`${at}.needNewCode`]: 'codeEntry',
});

/** Edit user information (signed in): the profile read first, and the ends (neither reads a card). */
const edit = (steps: StepScreens): StepScreens => ({
  ...call('loading'),
  ...steps,
  ...cardlessResult('changed', 'sessionEnded'),
  ...passing('wiped'),
});

/** Never on screen for long (a transient check, a hand-over, the wipe): the working screen if at all. */
const passing = each((name) => ({ [name]: 'busy' }));

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
    ...outcome('registered'),
    ...result('done'),
    ...passing('handoff', 'wiped'),
  },
  activate: {
    ...identifyByFingerprint(),
    terms: 'terms',
    mobile: 'activationMobile',
    ...call('starting'),
    ...code(),
    ...result('activated'),
    // The username on its way by SMS: the outcome stays on screen, its button working.
    'activated.sendingUsername': 'result',
    ...result('alreadyActive', 'noAccount', 'noMobile', 'alternative', 'referToStaff'),
    ...passing('checkAccount', 'handoff', 'wiped'),
  },
  signIn: {
    credentials: 'credentials',
    ...call('signingIn'),
    ...code(),
    signedIn: 'signedInHome',
    signingOut: 'busy',
    ...cardlessResult('signedOut'),
    ...outcome('locked', 'notActive'),
    ...cardlessResult('done'),
    ...passing('handoff', 'wiped'),
  },
  recoverPassword: {
    ...identifyByFingerprint(),
    mobile: 'mobileEntry',
    ...call('lookingUp'),
    question: 'securityQuestion',
    newPassword: 'newPassword',
    ...call('byFingerprint', 'byAnswer'),
    ...code(),
    ...result('updated', 'noAccount', 'noMobile'),
    ...outcome('locked'),
    ...result('done', 'referToStaff'),
    ...passing('wiped'),
  },
  recoverUsername: {
    ...identifyByFingerprint(),
    ...call('recovering'),
    mobile: 'mobileEntry',
    ...call('starting'),
    ...code(),
    ...result('recovered', 'noAccount', 'referToStaff'),
    ...passing('wiped'),
  },
  updateMobile: {
    ...identifyByFingerprint(),
    newMobile: 'mobileEntry',
    ...call('starting'),
    ...code(),
    ...result('changed', 'noAccount', 'alternative', 'referToStaff'),
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
