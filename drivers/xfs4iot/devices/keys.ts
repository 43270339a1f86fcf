import { NUMERIC_KEYS } from '../interfaces/keyboard';
import type { SolicitedEvent } from '../messages';

/**
 * Keyboard.KeyEvent as the screens need it. During PIN entry only that a key
 * was pressed: a digit key is `digit` whatever the EPP says, so no digit can
 * reach the kiosk's process even from an EPP that reports one.
 */

export type PinKey = 'digit' | 'clear' | 'cancel' | 'enter';

export const FDK_KEYS = ['fdk01', 'fdk02', 'fdk03', 'fdk04', 'fdk05', 'fdk06', 'fdk07', 'fdk08'] as const;
export type FdkKey = (typeof FDK_KEYS)[number];
export type NavigationKey = FdkKey | 'enter' | 'cancel' | 'clear';
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
const PIN_ENTRY_KEYS = {
  ...Object.fromEntries(NUMERIC_KEYS.map((key) => [key, { terminate: false }])),
  enter: { terminate: true },
  cancel: { terminate: true },
  clear: { terminate: false },
};

/** Keyboard activeKeys for screen navigation: the eight FDKs, Enter, Cancel and Clear, none ending the entry. */
export const NAVIGATION_ENTRY_KEYS = Object.fromEntries([...NAVIGATION_KEYS].map((key) => [key, { terminate: false }]));

// ─── FDKs active during a PIN entry (the technician's: language, speech, cancel) ───
//
// XFS4IoT Keyboard.PinEntry: `activeKeys` maps each key name (fdk01…fdk32
// among them) to `{ terminate }`. An active FDK with `terminate: false` does
// not end the command: the EPP reports it in a KeyEvent naming the key
// (`digit: "fdk05"`, `completion: "contFdk"`) and the entry goes on, the
// digits already typed still in the EPP's buffer; only a terminating key
// (Enter, Cancel here) ends it. Shapes as in the XFS4IoT Keyboard interface,
// e.g. KAL-ATM-Software/KAL_XFS4IoT_SP-Dev Framework/Core/Keyboard/Events/KeyEvent_g.cs
// (completion, digit: ^fdk(0[1-9]|[12][0-9]|3[0-2])$ among the keys) and the
// framework's KeyEvent sent during PinEntry with `EntryCompletionEnum.ContFdk`
// (CEN XFS 3's WFS_PIN_COMPCONTFDK: an FDK pressed that did not end the entry).

/** PIN entry's activeKeys with these FDKs added as active keys that do not end it (none: the customer's entry, unchanged). */
export function pinEntryKeys(fdks: readonly FdkKey[] = []): Record<string, { terminate: boolean }> {
  return { ...PIN_ENTRY_KEYS, ...Object.fromEntries(fdks.map((key) => [key, { terminate: false }])) };
}

/** The FDK a PIN entry's KeyEvent reports pressed while the entry goes on (`completion: "contFdk"`), if it is one of `allowed`. */
export function continuingFdkOf(event: EntryEvent, allowed: readonly FdkKey[]): FdkKey | undefined {
  if (event.name !== 'Keyboard.KeyEvent' || event.payload.completion !== 'contFdk') return undefined;
  const { digit } = event.payload;
  return (allowed as readonly string[]).includes(digit ?? '') ? (digit as FdkKey) : undefined;
}
