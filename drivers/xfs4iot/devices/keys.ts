import { NUMERIC_KEYS } from '../interfaces/keyboard';
import type { SolicitedEvent } from '../messages';

/**
 * Keyboard.KeyEvent as the screens need it. During PIN entry only that a key
 * was pressed: a digit key is `digit` whatever the EPP says, so no digit can
 * reach the kiosk's process even from an EPP that reports one.
 */

export type PinKey = 'digit' | 'clear' | 'cancel' | 'enter';

export const FDK_KEYS = ['fdk01', 'fdk02', 'fdk03', 'fdk04', 'fdk05', 'fdk06', 'fdk07', 'fdk08'] as const;
export type NavigationKey = (typeof FDK_KEYS)[number] | 'enter' | 'cancel' | 'clear';
const NAVIGATION_KEYS: ReadonlySet<string> = new Set<string>([...FDK_KEYS, 'enter', 'cancel', 'clear']);

type EntryEvent = SolicitedEvent<'Keyboard.PinEntry'>;

export function pinKeyOf(event: EntryEvent): PinKey | undefined {
  if (event.name !== 'Keyboard.KeyEvent') return undefined;
  const { digit } = event.payload;
  if (digit === undefined || (NUMERIC_KEYS as readonly string[]).includes(digit)) return 'digit';
  return digit === 'enter' || digit === 'cancel' || digit === 'clear' ? digit : undefined;
}

export function navigationKeyOf(event: EntryEvent): NavigationKey | undefined {
  if (event.name !== 'Keyboard.KeyEvent') return undefined;
  const { digit } = event.payload;
  return digit !== undefined && NAVIGATION_KEYS.has(digit) ? (digit as NavigationKey) : undefined;
}

/** Keyboard activeKeys: the PIN pad's digits, Enter and Cancel end the entry, Clear empties it. */
export const PIN_ENTRY_KEYS = {
  ...Object.fromEntries(NUMERIC_KEYS.map((key) => [key, { terminate: false }])),
  enter: { terminate: true },
  cancel: { terminate: true },
  clear: { terminate: false },
};

/** Keyboard activeKeys for screen navigation: the eight FDKs, Enter, Cancel and Clear, none ending the entry. */
export const NAVIGATION_ENTRY_KEYS = Object.fromEntries([...NAVIGATION_KEYS].map((key) => [key, { terminate: false }]));
