import type { AtmFdk, AtmNavigationKey, JourneyEvent, Language } from '../contract';

/**
 * What a person can choose on an ATM screen, and which key beside the screen
 * chooses it. An ATM has eight function display keys (FDKs): fdk01–fdk04
 * down the left edge of the screen, fdk05–fdk08 down the right, top to
 * bottom. A choice is placed by its side in reading order (`start`: where a
 * line begins, `end`: where it ends) and its row, so Arabic mirrors English:
 * "Confirm" at the bottom of the end side is fdk08 in English (right) and
 * fdk04 in Arabic (left). The EPP's Enter takes the screen's `primary`
 * choice, Cancel its `cancel` choice, Clear its `back` choice.
 */

export type AtmSide = 'start' | 'end';

/** What a technician's choice does in maintenance (atm/maintenance: AtmApp calls the core for it). */
export type AtmMaintenanceStep = 'cancel' | 'leave' | 'diagnostics' | 'closeDiagnostics' | 'runDiagnostics' | 'outOfService' | 'inService' | 'language' | 'speechOn' | 'speechOff';
export type AtmRow = 1 | 2 | 3 | 4;

/** What choosing does: a journey event, or the session's own (language, finish, more time). */
export type AtmAction =
  | { readonly kind: 'event'; readonly event: JourneyEvent }
  | { readonly kind: 'language'; readonly language: Language }
  /** High contrast and large text together, on or off (one key for both: an ATM has few). */
  | { readonly kind: 'display'; readonly readable: boolean }
  /** The person is done (the card is out): the session ends, and the ATM waits for the next card. */
  | { readonly kind: 'finish' }
  | { readonly kind: 'moreTime' }
  /** Speech through the headset, on or off (the session's own setting, as at the kiosk). */
  | { readonly kind: 'speech'; readonly on: boolean }
  /** The help screen: what this ATM offers and how to get the card back. */
  | { readonly kind: 'help'; readonly open: boolean }
  /** Says the screen again (speech mode). */
  | { readonly kind: 'repeat' }
  /** A technician's choice in maintenance (atm/maintenance): AtmApp calls the core for it. */
  | { readonly kind: 'maintenance'; readonly step: AtmMaintenanceStep };

export interface AtmChoice {
  /** `atm-choice-<id>` in tests; `atm.choices.<id>` is its label unless `label` names another. */
  readonly id: string;
  /** The label's message key, where it is not `atm.choices.<id>`. */
  readonly label?: string;
  readonly side: AtmSide;
  readonly row: AtmRow;
  readonly action: AtmAction;
  /** The EPP key that also chooses it. */
  readonly role?: 'primary' | 'cancel' | 'back';
  readonly disabled?: boolean;
  /** The label is in this language, not the screen's (the language switch). */
  readonly lang?: Language;
}

/** The FDK beside a choice: start is the left edge in English and the right edge in Arabic. */
export function fdkOf(choice: Pick<AtmChoice, 'side' | 'row'>, language: Language): AtmFdk {
  const leftEdge = (choice.side === 'start') === (language !== 'ar');
  return `fdk0${leftEdge ? choice.row : choice.row + 4}` as AtmFdk;
}

const ROLE_OF_KEY: Readonly<Record<Exclude<AtmNavigationKey, AtmFdk>, NonNullable<AtmChoice['role']>>> = {
  enter: 'primary',
  cancel: 'cancel',
  clear: 'back',
};

/** The choice a key press makes on this screen, if any (a disabled one is not made). */
export function choiceForKey(choices: readonly AtmChoice[], key: AtmNavigationKey, language: Language): AtmChoice | undefined {
  const chosen = key.startsWith('fdk') ? choices.find((choice) => fdkOf(choice, language) === key) : choices.find((choice) => choice.role === ROLE_OF_KEY[key as keyof typeof ROLE_OF_KEY]);
  return chosen && !chosen.disabled ? chosen : undefined;
}

/** Two choices on one key would make the key mean two things. */
export function clashes(choices: readonly AtmChoice[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const choice of choices) {
    const slot = `${choice.side}${choice.row}`;
    const other = seen.get(slot);
    if (other) out.push(`${other} and ${choice.id} share ${slot}`);
    seen.set(slot, choice.id);
  }
  return out;
}
