import type { JourneyView } from '../contract';
import type { IconName } from '../components/icons';
import { ownerOf } from './stepLocale';

type OutcomeTone = 'success' | 'info' | 'warning' | 'error';
/** What an outcome screen shows besides its words: the masked username or mobile, the lock's countdown, the support numbers. */
type OutcomeDetail = 'username' | 'mobile' | 'lock' | 'support' | 'atm';

interface Outcome {
  tone: OutcomeTone;
  icon: IconName;
  details: readonly OutcomeDetail[];
}

const success = (icon: IconName, ...details: OutcomeDetail[]): Outcome => ({ tone: 'success', icon, details });
const problem = (icon: IconName, ...details: OutcomeDetail[]): Outcome => ({ tone: 'warning', icon, details });
const staff: Outcome = { tone: 'error', icon: 'staff', details: ['support'] };
const thanks: Outcome = { tone: 'info', icon: 'check', details: [] };

/**
 * Every result a journey can end on (`<service>.<state>`), and how it looks.
 * Words are in the locale files under `journey.outcomes.<service>.<state>`.
 */
const outcomes: Record<string, Outcome> = {
  'register.registered': success('userCheck', 'username'),
  'register.done': thanks,
  'activate.activated': success('userCheck', 'username'),
  'activate.alreadyActive': problem('info'),
  'activate.noAccount': problem('userPlus', 'support'),
  'activate.noMobile': problem('phone', 'support'),
  'activate.alternative': { tone: 'info', icon: 'key', details: ['atm', 'support'] },
  'activate.referToStaff': staff,
  'signIn.signedOut': thanks,
  'signIn.locked': problem('lock', 'lock', 'support'),
  'signIn.notActive': problem('userCheck'),
  'signIn.done': thanks,
  'recoverPassword.updated': success('password'),
  'recoverPassword.noAccount': problem('userPlus', 'support'),
  'recoverPassword.noMobile': problem('phone', 'support'),
  'recoverPassword.locked': problem('lock', 'lock', 'support'),
  'recoverPassword.done': thanks,
  'recoverPassword.referToStaff': staff,
  'recoverUsername.recovered': success('user', 'username', 'mobile'),
  'recoverUsername.noAccount': problem('userPlus', 'support'),
  'recoverUsername.referToStaff': staff,
  'updateMobile.changed': success('phone', 'mobile'),
  'updateMobile.noAccount': problem('userPlus', 'support'),
  'updateMobile.alternative': { tone: 'info', icon: 'staff', details: ['support'] },
  'updateMobile.referToStaff': staff,
  // Edit user information (signed in): words under `edits.outcomes.<service>.<state>` (or `svcrest.outcomes.…`).
  'changePassword.changed': success('password'),
  'changePassword.sessionEnded': problem('lock'),
  'changePassword.locked': problem('lock', 'lock', 'support'),
  'changeEmail.changed': success('mail'),
  'changeEmail.sessionEnded': problem('lock'),
  'changeMobile.changed': success('phone', 'mobile'),
  'changeMobile.sessionEnded': problem('lock'),
  'changeAddress.changed': success('mapPin'),
  'changeAddress.sessionEnded': problem('lock'),
};

const unknownOutcome: Outcome = { tone: 'info', icon: 'info', details: ['support'] };

/** Which outcome a result screen shows (`<service>.<result state>`, the key of its words too) and how it looks. */
export function outcomeOf(view: Pick<JourneyView, 'service' | 'step'>): { key: string; outcome: Outcome } {
  const key = `${view.service}.${ownerOf(view.step)}`;
  return { key, outcome: outcomes[key] ?? unknownOutcome };
}
