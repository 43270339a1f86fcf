import { describe, expect, it } from 'vitest';
import type { MaintenanceView } from '../../contract';
import { technicianPinFdks } from '../../contract';
import { choiceForKey, clashes, fdkOf } from '../atmChoices';
import { atmMaintenanceChoices, atmMaintenanceScreen, type AtmMaintenanceScreen } from './atmMaintenanceChoices';

const view = (over: Partial<MaintenanceView> = {}): MaintenanceView => ({
  phase: 'on',
  entry: 'card',
  language: 'ar',
  technicianId: '1001',
  pinError: null,
  attemptsLeft: null,
  lockedUntil: null,
  retryAt: null,
  signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central', since: 0, idleEndsAt: 1, capEndsAt: 2 },
  outOfService: false,
  busyAction: null,
  lastAction: null,
  epp: null,
  ...over,
});

const SCREENS: AtmMaintenanceScreen[] = ['pin', 'checking', 'locked', 'menu', 'diagnostics'];

describe('maintenance at the ATM, by its keys', () => {
  it('draws the screen of the core’s phase, and the ATM services once opened', () => {
    expect(atmMaintenanceScreen(view({ phase: 'pin' }), true)).toBe('pin');
    expect(atmMaintenanceScreen(view({ phase: 'locked' }), false)).toBe('locked');
    expect(atmMaintenanceScreen(view(), false)).toBe('menu');
    expect(atmMaintenanceScreen(view(), true)).toBe('diagnostics');
  });

  it('puts no two choices on one key, and every screen that waits for the technician can be left by Cancel or Clear alone, in both languages', () => {
    for (const screen of SCREENS) {
      const choices = atmMaintenanceChoices(view(), screen, false);
      expect(clashes(choices), screen).toEqual([]);
      expect(clashes(atmMaintenanceChoices(view(), screen, false, true)), screen).toEqual([]);
      if (screen === 'checking') {
        expect(choices).toEqual([]);
        continue;
      }
      const out = choiceForKey(choices, 'cancel', 'ar') ?? choiceForKey(choices, 'clear', 'ar');
      expect(out?.action, screen).toMatchObject({ kind: 'maintenance', step: expect.stringMatching(/^(cancel|leave|closeDiagnostics)$/) });
    }
  });

  it('the menu: Enter opens the ATM services; the key beside “out of service” mirrors with the language; nothing but signing out while an action runs', () => {
    const choices = atmMaintenanceChoices(view(), 'menu', false);
    expect(choiceForKey(choices, 'enter', 'en')?.action).toEqual({ kind: 'maintenance', step: 'diagnostics' });
    // Start side, row 2: the left edge in English, the right edge in Arabic.
    expect(choiceForKey(choices, 'fdk02', 'en')?.action).toEqual({ kind: 'maintenance', step: 'outOfService' });
    expect(choiceForKey(choices, 'fdk06', 'ar')?.action).toEqual({ kind: 'maintenance', step: 'outOfService' });
    expect(choiceForKey(atmMaintenanceChoices(view({ outOfService: true }), 'menu', false), 'fdk02', 'en')?.action).toEqual({ kind: 'maintenance', step: 'inService' });
    const busy = atmMaintenanceChoices(view(), 'menu', true);
    expect(choiceForKey(busy, 'enter', 'en')).toBeUndefined();
    expect(choiceForKey(busy, 'fdk02', 'en')).toBeUndefined();
  });

  it('speech is the technician’s own switch, on the key beside it', () => {
    expect(choiceForKey(atmMaintenanceChoices(view(), 'menu', false, false), 'fdk06', 'en')?.action).toEqual({ kind: 'maintenance', step: 'speechOn' });
    expect(choiceForKey(atmMaintenanceChoices(view(), 'menu', false, true), 'fdk06', 'en')?.action).toEqual({ kind: 'maintenance', step: 'speechOff' });
  });

  it('labels every choice from the atmmaint strings, the language by the ATM’s own language key', () => {
    for (const screen of SCREENS) {
      for (const choice of [...atmMaintenanceChoices(view(), screen, false), ...atmMaintenanceChoices(view(), screen, false, true)]) expect(choice.label).toBe(choice.id === 'maintLanguage' ? 'atm.choices.language' : `atmmaint.choices.${choice.id}`);
    }
  });
});

// ─── The PIN screen's keys are the FDKs the core's PIN entry activates (issue 13 review, branch `guidance`) ───

describe('the technician’s PIN screen and the core’s PIN entry', () => {
  it('label exactly the FDKs the core acts on during the entry, in both languages, speech on or off', () => {
    for (const language of ['ar', 'en'] as const) {
      for (const speaking of [false, true]) {
        const choices = atmMaintenanceChoices(view({ phase: 'pin', language, signedIn: null }), 'pin', false, speaking);
        const labelled = Object.fromEntries(choices.map((choice) => [choice.id, fdkOf(choice, language)]));
        const core = technicianPinFdks(language);
        expect(labelled).toEqual({ maintCancel: core.cancel, maintLanguage: core.language, [speaking ? 'maintSpeechOff' : 'maintSpeechOn']: core.speech });
        // A press of each reaches the choice it is beside.
        expect(choiceForKey(choices, core.language, language)?.id).toBe('maintLanguage');
        expect(choiceForKey(choices, core.cancel, language)?.id).toBe('maintCancel');
      }
    }
    expect(technicianPinFdks('ar')).toEqual({ cancel: 'fdk08', language: 'fdk01', speech: 'fdk02' });
    expect(technicianPinFdks('en')).toEqual({ cancel: 'fdk04', language: 'fdk05', speech: 'fdk06' });
  });
});
