import { describe, expect, it } from 'vitest';
import type { AtmJourneyView, JourneyEventType } from '../contract';
import { choiceForKey, clashes, fdkOf } from './atmChoices';
import { atmChoices, atmScreenOf, atmServices, helpChoices, idleChoices, outcomeOf, warningChoices, withRepeat } from './atmScreens';
import type { AtmScreen } from './atmScreens';
import en from './locales/en.json';

/*
 * The core's state list is read from its source at test time only (as stepMap.test.ts does): the renderer
 * bundle never imports electron/core.
 */
const stateListPath = new URL('../../../electron/core/journeys/stateList.ts', import.meta.url).pathname;
const { journeyStates } = (await import(/* @vite-ignore */ stateListPath)) as { journeyStates(service: string): string[] };

const everyEvent: JourneyEventType[] = ['CHOOSE_SERVICE', 'ACCEPT_TERMS', 'CONFIRM_ACTIVATION', 'PRINT_RECEIPT', 'FINISH', 'RETRY', 'BACK', 'CANCEL'];
const view = (step: string, accepts: JourneyEventType[] = everyEvent): AtmJourneyView => ({ service: 'atm', step, data: {}, busy: false, error: null, canGoBack: false, accepts, finished: false });
const screens: AtmScreen[] = ['busy', 'pin', 'menu', 'terms', 'confirm', 'received', 'status', 'centralError', 'takeCard', 'outcome'];

describe('the ATM screens', () => {
  it('give every state of the atm machine a screen', () => {
    const states = journeyStates('atm');
    expect(states.length).toBeGreaterThan(40);
    expect(states.filter((step) => atmScreenOf(step) === null)).toEqual([]);
    expect(atmScreenOf('atm.pin.wrong')).toBe('pin');
    expect(atmScreenOf('atm.activate.preview.unavailable')).toBe('centralError');
    expect(atmScreenOf('atm.retained.retaining')).toBe('busy');
    expect(atmScreenOf('atm.bankUnavailable.returningCard')).toBe('takeCard');
    expect(atmScreenOf('atm.cardJammed')).toBe('outcome');
  });

  it('never put two choices on one key, and label every choice in the ATM’s messages', () => {
    for (const screen of screens) {
      const choices = atmChoices(screen, view(`atm.x`), { language: 'en', readable: false, canPrint: true });
      expect(clashes(choices), screen).toEqual([]);
      for (const choice of choices) expect(Object.keys(en.choices), `${screen}: ${choice.id}`).toContain(choice.id);
    }
    expect(clashes([...warningChoices])).toEqual([]);
  });

  it('say every ending in words: each outcome has a title and a body', () => {
    for (const step of journeyStates('atm').filter((s) => atmScreenOf(s) === 'outcome' || atmScreenOf(s) === 'takeCard')) {
      const outcome = outcomeOf(view(step));
      expect(en.outcome[outcome], step).toMatchObject({ title: expect.any(String), body: expect.any(String) });
    }
    expect(outcomeOf({ ...view('atm.done.finished'), data: { accountState: 'pending_bank' } })).toBe('doneRequested');
    expect(outcomeOf({ ...view('atm.cancelled.finished'), error: { code: 'pin_timeout', retryable: false } })).toBe('pinTimeout');
  });
});

describe('the keys beside the screen', () => {
  it('mirror in Arabic: the end side’s bottom key is fdk08 in English (right) and fdk04 in Arabic (left)', () => {
    expect(fdkOf({ side: 'end', row: 4 }, 'en')).toBe('fdk08');
    expect(fdkOf({ side: 'end', row: 4 }, 'ar')).toBe('fdk04');
    expect(fdkOf({ side: 'start', row: 1 }, 'en')).toBe('fdk01');
    expect(fdkOf({ side: 'start', row: 1 }, 'ar')).toBe('fdk05');
  });

  it('on the menu: an FDK picks the service beside it; Cancel hands the card back; Enter does nothing there', () => {
    const menu = atmChoices('menu', view('atm.menu', ['CHOOSE_SERVICE', 'CANCEL']), { language: 'ar', readable: false, canPrint: true });
    expect(choiceForKey(menu, 'fdk01', 'ar')?.action).toEqual({ kind: 'event', event: { type: 'CHOOSE_SERVICE', service: 'atmActivate' } });
    expect(choiceForKey(menu, 'fdk05', 'en')?.action).toEqual({ kind: 'event', event: { type: 'CHOOSE_SERVICE', service: 'atmActivate' } });
    expect(choiceForKey(menu, 'fdk02', 'ar')?.id).toBe('status');
    expect(choiceForKey(menu, 'cancel', 'ar')?.action).toEqual({ kind: 'event', event: { type: 'CANCEL' } });
    expect(choiceForKey(menu, 'enter', 'ar')).toBeUndefined();
    expect(choiceForKey(menu, 'fdk05', 'ar')?.action).toEqual({ kind: 'language', language: 'en' });
  });

  it('Enter confirms, Clear goes back; a choice the step does not take is drawn disabled and no key makes it', () => {
    const confirm = atmChoices('confirm', view('atm.activate.confirm', ['CONFIRM_ACTIVATION', 'BACK', 'CANCEL']), { language: 'en', readable: false, canPrint: true });
    expect(choiceForKey(confirm, 'enter', 'en')?.id).toBe('confirm');
    expect(choiceForKey(confirm, 'clear', 'en')?.id).toBe('back');
    const received = atmChoices('received', view('atm.activate.received', ['FINISH', 'PRINT_RECEIPT', 'CANCEL']), { language: 'en', readable: false, canPrint: false });
    expect(received.find((c) => c.id === 'receipt')?.disabled).toBe(true);
    expect(choiceForKey(received, 'fdk07', 'en')).toBeUndefined();
    expect(choiceForKey(received, 'enter', 'en')?.action).toEqual({ kind: 'event', event: { type: 'FINISH' } });
  });

  it('while waiting for a card only the person’s own settings, speech (with a voice) and help can be chosen; nothing while a PIN is typed or the kiosk works', () => {
    expect(idleChoices({ language: 'ar', readable: false }).map((c) => [c.id, fdkOf(c, 'ar')])).toEqual([
      ['language', 'fdk05'],
      ['displayReadable', 'fdk06'],
      ['help', 'fdk08'],
    ]);
    expect(idleChoices({ language: 'en', readable: false, canSpeak: true }).map((c) => [c.id, fdkOf(c, 'en')])).toContainEqual(['speechOn', 'fdk03']);
    expect(idleChoices({ language: 'en', readable: true })[1]).toMatchObject({ id: 'displayStandard', action: { kind: 'display', readable: false } });
    for (const screen of ['pin', 'busy', 'takeCard'] as const) expect(atmChoices(screen, view('atm.x'), { language: 'en', readable: false, canPrint: true })).toEqual([]);
  });
});

describe('speech and help at the ATM', () => {
  const context = { language: 'en', readable: false, canPrint: true, canSpeak: true } as const;

  it('the menu offers exactly the ATM’s services (the help screen lists the same), help beside a key and speech below the display', () => {
    const menu = atmChoices('menu', view('atm.menu', ['CHOOSE_SERVICE', 'CANCEL']), context);
    const services = menu.filter((c) => c.action.kind === 'event' && c.action.event.type === 'CHOOSE_SERVICE');
    expect(services.map((c) => c.id)).toEqual(atmServices.map((s) => s.id));
    expect(atmServices.map((s) => s.service)).toEqual(['atmActivate', 'atmStatus']);
    expect(choiceForKey(menu, 'fdk07', 'en')?.action).toEqual({ kind: 'help', open: true });
    expect(choiceForKey(menu, 'fdk03', 'en')?.action).toEqual({ kind: 'speech', on: true });
    // Speech is not offered without a voice for the screen's language; once on it can be turned off.
    expect(atmChoices('menu', view('atm.menu'), { ...context, canSpeak: false }).some((c) => c.id === 'speechOn')).toBe(false);
    expect(choiceForKey(atmChoices('menu', view('atm.menu'), { ...context, speech: true }), 'fdk03', 'en')?.id).toBe('speechOff');
  });

  it('help closes with Clear or the key beside “Close help”', () => {
    const help = helpChoices({ language: 'ar', readable: false });
    expect(clashes(help)).toEqual([]);
    expect(choiceForKey(help, 'clear', 'ar')?.action).toEqual({ kind: 'help', open: false });
    expect(choiceForKey(help, 'fdk04', 'ar')?.id).toBe('closeHelp');
  });

  it('in speech mode every screen that waits for a choice gets “say it again” on a free key, and no key means two things', () => {
    const all = [
      ...screens.map((screen) => atmChoices(screen, view('atm.x'), { ...context, speech: true })),
      idleChoices({ ...context, speech: true }),
      helpChoices({ ...context, speech: true }),
      [...warningChoices],
    ];
    for (const choices of all) {
      const spoken = withRepeat(choices);
      expect(clashes(spoken)).toEqual([]);
      expect(spoken.filter((c) => c.id === 'repeat')).toHaveLength(choices.length === 0 ? 0 : 1);
      for (const choice of spoken) expect(Object.keys(en.choices)).toContain(choice.id);
    }
  });
});
