import { journeyMachine } from './journeyMachine';
import type { JourneyStateConfig, JourneyStates } from './setup';
import { callStep, problem, resultState, signedRequest } from './steps';

/**
 * The states the edit-user-information journeys share: the profile read
 * first (the ID's last four digits and the masked mobile for the screens and
 * the receipt, the username for the password rule), and the ends.
 */

/** Reads the signed-in profile, then goes on to `next`; a session central no longer knows ends the journey. */
function loadProfile(root: string, next: string): JourneyStateConfig {
  return callStep({
    input: signedRequest('getProfile', () => ({})),
    answers: [
      { guard: 'succeeded', target: next, actions: ['storeProfile'] },
      { guard: problem('session_invalid'), target: `${root}.sessionEnded`, actions: ['noteProblem'] },
    ],
    otherwise: { target: `${root}.sessionEnded` },
  });
}

/** The change made (`changed`), or central no longer knows the session (`sessionEnded`); neither reads a card. */
function editEnds(): JourneyStates {
  return {
    changed: resultState({ readsCard: false }),
    sessionEnded: resultState({ readsCard: false }),
  };
}

/** Central refusals that mean the session is gone, wherever they come. */
export const sessionGone = (root: string) => ({ guard: problem('session_invalid'), target: `${root}.sessionEnded`, actions: ['noteProblem' as const] });

/**
 * An edit journey's machine: the profile read first, then `first` and the journey's own `states`, ending `changed`
 * or `sessionEnded` (the states' targets name the machine as `#<id>`).
 */
export function editMachine(id: string, first: string, states: JourneyStates) {
  const root = `#${id}`;
  return journeyMachine(id, 'loading', { loading: loadProfile(root, `${root}.${first}`), ...states, ...editEnds() });
}
