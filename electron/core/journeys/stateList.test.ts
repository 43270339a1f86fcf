import { describe, expect, it } from 'vitest';
import { journeyServices } from '../../contract/journeys';
import { journeyStates, screenlessStates, withAncestors } from './stateList';

describe('journey state list', () => {
  it('names every state as the view does, compound ones included', () => {
    const signIn = journeyStates('signIn');
    expect(signIn).toContain('signIn.credentials');
    expect(signIn).toContain('signIn.code');
    expect(signIn).toContain('signIn.code.entry');
    expect(new Set(signIn).size).toBe(signIn.length);
  });

  it('a state is visited with its ancestors', () => {
    expect(withAncestors('activate.code.resending.calling')).toEqual(['activate.code', 'activate.code.resending', 'activate.code.resending.calling']);
  });

  it('lists as screenless exactly the ended machines, the states that always pass straight on and the results that end the session', () => {
    const screenless = journeyServices.flatMap((s) => screenlessStates(s));
    expect(screenless.sort()).toEqual(
      [
        'activate.checkAccount',
        'activate.handoff',
        'activate.wiped',
        'recoverPassword.wiped',
        'recoverUsername.wiped',
        'register.handoff',
        'register.wiped',
        'signIn.handoff',
        'signIn.wiped',
        'updateMobile.checkAccount',
        'updateMobile.wiped',
        'changePassword.wiped',
        'changeEmail.wiped',
        'changeMobile.wiped',
        'changeAddress.wiped',
        // The session ends on entering them: the staff referral is their screen.
        'activate.referToStaff.finished',
        'recoverPassword.referToStaff.finished',
        'recoverUsername.referToStaff.finished',
        'updateMobile.referToStaff.finished',
      ].sort(),
    );
    // A card-return state passes on only when no card was used: it has a screen.
    expect(screenless).not.toContain('activate.activated.returningCard');
    for (const service of journeyServices) for (const s of screenlessStates(service)) expect(journeyStates(service)).toContain(s);
  });
});
