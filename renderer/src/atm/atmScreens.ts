import { atmServiceIds } from '../contract';
import type { AtmJourneyView, AtmServiceId, JourneyEvent, Language } from '../contract';
import type { AtmChoice, AtmRow, AtmSide } from './atmChoices';

/**
 * Which ATM screen draws each state of the `atm` journey machine, and what
 * can be chosen there. Every state the core can name has an entry
 * (atmScreens.test.ts holds this list to the machine's own), so no step
 * falls through to a blank screen.
 */
export const ATM_SCREENS = [
  /** The kiosk is working (reading the card, asking the bank or central, printing): nothing to choose. */
  'busy',
  'pin',
  'menu',
  'terms',
  'confirm',
  'received',
  'status',
  /** Central's answer was lost: try again, or take the card. */
  'centralError',
  /** The card is at the slot: take it (the outcome said beside it). */
  'takeCard',
  /** The end: what happened, and where the card is. */
  'outcome',
] as const;
export type AtmScreen = (typeof ATM_SCREENS)[number];

/** A call to central: working, then the retry screen if its answer was lost. */
const call = (name: string): Record<string, AtmScreen> => ({ [name]: 'busy', [`${name}.calling`]: 'busy', [`${name}.unavailable`]: 'centralError' });
/** An ending: the card goes back, then the outcome. */
const ending = (name: string, first: 'returningCard' | 'retaining' = 'returningCard'): Record<string, AtmScreen> => ({
  [name]: 'takeCard',
  [`${name}.${first}`]: first === 'returningCard' ? 'takeCard' : 'busy',
  [`${name}.finished`]: 'outcome',
});
const ENDINGS = ['done', 'cancelled', 'unreadableCard', 'cardExpired', 'notLinked', 'noAccount', 'alreadyActive', 'alreadyRequested', 'noMobile', 'bankUnavailable', 'deviceError', 'refused'];

const atmScreenMap: Readonly<Record<string, AtmScreen>> = {
  card: 'busy',
  pin: 'pin',
  'pin.entry': 'pin',
  'pin.wrong': 'pin',
  authorising: 'busy',
  menu: 'menu',
  activate: 'terms',
  'activate.terms': 'terms',
  ...call('activate.preview'),
  'activate.check': 'busy',
  'activate.confirm': 'confirm',
  ...call('activate.requesting'),
  'activate.received': 'received',
  'activate.printing': 'busy',
  status: 'busy',
  ...call('status.checking'),
  'status.shown': 'status',
  ...Object.assign({}, ...ENDINGS.map((name) => ending(name))),
  ...ending('retained', 'retaining'),
  cardJammed: 'outcome',
  wiped: 'busy',
};

/** The screen for `atm.<path>`, or null for a step this renderer does not know. */
export function atmScreenOf(step: string): AtmScreen | null {
  if (!step.startsWith('atm.')) return null;
  return atmScreenMap[step.slice('atm.'.length)] ?? null;
}

/** The journey's top-level state (`done`, `retained`, `activate`…): what an outcome screen explains. */
const endingOf = (step: string): string => step.split('.')[1] ?? '';

/** The endings an outcome screen has words for (`atm.outcome.<key>`); anything else is `refused`. */
const atmOutcomes = [
  'done',
  'doneRequested',
  'cancelled',
  'pinTimeout',
  'retained',
  'unreadableCard',
  'cardExpired',
  'notLinked',
  'noAccount',
  'alreadyActive',
  'alreadyRequested',
  'noMobile',
  'bankUnavailable',
  'deviceError',
  'refused',
  'cardJammed',
] as const;
type AtmOutcome = (typeof atmOutcomes)[number];

/** What an ending screen says happened: the step, sharpened by the view (a request made, a PIN not typed in time). */
export function outcomeOf(view: AtmJourneyView): AtmOutcome {
  const ending = endingOf(view.step);
  if (ending === 'done') return view.data.accountState === 'pending_bank' ? 'doneRequested' : 'done';
  if (ending === 'cancelled' && view.error?.code === 'pin_timeout') return 'pinTimeout';
  return (atmOutcomes as readonly string[]).includes(ending) ? (ending as AtmOutcome) : 'refused';
}

interface ChoiceContext {
  readonly language: Language;
  /** High contrast and large text are on. */
  readonly readable: boolean;
  /** The ATM's receipt printer is online. */
  readonly canPrint: boolean;
  /** Speech mode is on (the headset's voice says each screen). */
  readonly speech?: boolean;
  /** An on-device voice speaks the screen's language: speech can be turned on. */
  readonly canSpeak?: boolean;
}

/** The person's own settings and speech, as the screens that wait for a choice need them. */
type PersonalContext = Pick<ChoiceContext, 'language' | 'readable' | 'speech' | 'canSpeak'>;

/** Each MOI e-service's choice (`atm.choices.<id>`, and its line on the help screen `atm.help.services.<id>`). */
const serviceChoiceIds: Readonly<Record<AtmServiceId, string>> = { atmActivate: 'activate', atmStatus: 'status' };

/**
 * What this ATM offers, in the menu's order, from the contract's list of the
 * ATM's services: the menu draws them down the end edge and the help screen
 * lists the same, so neither can offer what the other does not.
 */
export const atmServices: readonly { readonly id: string; readonly service: AtmServiceId; readonly row: AtmRow }[] = atmServiceIds.map((service, index) => ({
  id: serviceChoiceIds[service],
  service,
  row: (index + 1) as AtmRow,
}));

const other = (language: Language): Language => (language === 'ar' ? 'en' : 'ar');

/** The language switch, top of the start side on every screen that waits for a choice. */
const languageChoice = (language: Language): AtmChoice => ({
  id: 'language',
  side: 'start',
  row: 1,
  action: { kind: 'language', language: other(language) },
  lang: other(language),
});

/** High contrast and large text, on or off: below the language. */
const displayChoice = (readable: boolean): AtmChoice => ({
  id: readable ? 'displayStandard' : 'displayReadable',
  side: 'start',
  row: 2,
  action: { kind: 'display', readable: !readable },
});

/** The person's own settings, on every screen that waits for a choice. */
const personal = (context: PersonalContext): AtmChoice[] => [languageChoice(context.language), displayChoice(context.readable)];

/** Speech on (offered only with a voice for the screen's language) or off: below the display, on the first screens. */
const speechChoice = (context: PersonalContext, row: AtmRow): AtmChoice[] => {
  if (context.speech) return [{ id: 'speechOff', side: 'start', row, action: { kind: 'speech', on: false } }];
  return context.canSpeak ? [{ id: 'speechOn', side: 'start', row, action: { kind: 'speech', on: true } }] : [];
};

const helpChoice = (side: AtmSide, row: AtmRow): AtmChoice => ({ id: 'help', side, row, action: { kind: 'help', open: true } });

function event(view: AtmJourneyView, id: string, side: AtmSide, row: AtmRow, journeyEvent: JourneyEvent, role?: AtmChoice['role']): AtmChoice {
  return { id, side, row, action: { kind: 'event', event: journeyEvent }, disabled: view.busy || !view.accepts.includes(journeyEvent.type), ...(role ? { role } : {}) };
}

const cancel = (view: AtmJourneyView): AtmChoice => event(view, 'cancel', 'start', 4, { type: 'CANCEL' }, 'cancel');
const back = (view: AtmJourneyView, id = 'back'): AtmChoice => event(view, id, 'start', 3, { type: 'BACK' }, 'back');

/** What can be chosen on the journey's screen now, each beside its FDK. */
export function atmChoices(screen: AtmScreen, view: AtmJourneyView, context: ChoiceContext): AtmChoice[] {
  const own = personal(context);
  switch (screen) {
    // Nothing to choose while the kiosk works or the card waits at the slot. The PIN screen's keys are the EPP's own
    // (the FDKs are not active while a PIN is typed): its Cancel is drawn in the screen, not beside a key.
    case 'busy':
    case 'takeCard':
    case 'pin':
      return [];
    case 'menu':
      return [
        ...own,
        ...speechChoice(context, 3),
        ...atmServices.map(({ id, service, row }) => event(view, id, 'end', row, { type: 'CHOOSE_SERVICE', service })),
        helpChoice('end', 3),
        cancel(view),
      ];
    case 'terms':
      return [...own, event(view, 'accept', 'end', 4, { type: 'ACCEPT_TERMS' }, 'primary'), back(view), cancel(view)];
    case 'confirm':
      return [...own, event(view, 'confirm', 'end', 4, { type: 'CONFIRM_ACTIVATION' }, 'primary'), back(view), cancel(view)];
    case 'received': {
      const receipt = event(view, 'receipt', 'end', 3, { type: 'PRINT_RECEIPT' });
      return [...own, { ...receipt, disabled: receipt.disabled === true || !context.canPrint }, event(view, 'finishTakeCard', 'end', 4, { type: 'FINISH' }, 'primary')];
    }
    case 'status':
      return [...own, back(view, 'backToMenu'), event(view, 'finishTakeCard', 'end', 4, { type: 'FINISH' }, 'primary')];
    case 'centralError':
      return [...own, event(view, 'retry', 'end', 4, { type: 'RETRY' }, 'primary'), cancel(view)];
    case 'outcome':
      return [...own, { id: 'done', side: 'end', row: 4, action: { kind: 'finish' }, role: 'primary' }];
    default: {
      const unreachable: never = screen;
      return unreachable;
    }
  }
}

/** The ATM waiting for a card: the person's own settings, speech and help. */
export const idleChoices = (context: PersonalContext): AtmChoice[] => [...personal(context), ...speechChoice(context, 3), helpChoice('start', 4)];

/** The help screen: the person's own settings, and back to where help was opened (Clear too). */
export const helpChoices = (context: PersonalContext): AtmChoice[] => [
  ...personal(context),
  ...speechChoice(context, 3),
  { id: 'closeHelp', side: 'end', row: 4, action: { kind: 'help', open: false }, role: 'back' },
];

/** Where "say it again" goes when speech is on: the first key a screen leaves free, in this order. */
const repeatSlots: readonly (readonly [AtmSide, AtmRow])[] = [
  ['end', 1],
  ['end', 2],
  ['end', 3],
  ['start', 3],
  ['start', 4],
  ['end', 4],
];

/**
 * A screen's choices in speech mode: "say it again" beside a free key (the
 * EPP's digit keys are never active outside the PIN, so the repeat is an FDK).
 * A screen with nothing to choose has no keys to press, so nothing is added.
 */
export function withRepeat(choices: readonly AtmChoice[]): readonly AtmChoice[] {
  if (choices.length === 0) return choices;
  const free = repeatSlots.find(([side, row]) => !choices.some((choice) => choice.side === side && choice.row === row));
  return free ? [...choices, { id: 'repeat', side: free[0], row: free[1], action: { kind: 'repeat' } }] : choices;
}

/** The idle warning over any screen: more time (Enter), or finish now (Cancel; a card inside is handed back). */
export const warningChoices: readonly AtmChoice[] = [
  { id: 'moreTime', side: 'end', row: 4, action: { kind: 'moreTime' }, role: 'primary' },
  { id: 'endNow', side: 'start', row: 4, action: { kind: 'finish' }, role: 'cancel' },
];
