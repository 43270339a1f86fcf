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

// ─── FDKs that end a PIN entry (the technician's: language, speech, cancel) ───
//
// XFS4IoT Keyboard.PinEntry: `activeKeys` maps each key name (fdk01…fdk32
// among them) to `{ terminate }`; a terminating FDK ends the command with
// completion `fdk`, and the KeyEvent sent for it names the key (`digit:
// "fdk05"`, `completion: "fdk"`) — the completion payload itself carries only
// `digits` and `completion`. Shapes as in the XFS4IoT Keyboard interface, e.g.
// KAL-ATM-Software/KAL_XFS4IoT_SP-Dev Framework/Core/Keyboard/Completions/PinEntry_g.cs
// (digits, completion: auto|enter|cancel|continue|clear|backspace|fdk|help|fk|contFdk)
// and Events/KeyEvent_g.cs (completion, digit: ^fdk(0[1-9]|[12][0-9]|3[0-2])$ among the keys).

/** PIN entry's activeKeys with these FDKs added as terminating keys (none: the customer's entry, unchanged). */
export function pinEntryKeys(terminatingFdks: readonly FdkKey[] = []): Record<string, { terminate: boolean }> {
  return { ...PIN_ENTRY_KEYS, ...Object.fromEntries(terminatingFdks.map((key) => [key, { terminate: true }])) };
}

/** The FDK a PIN entry's KeyEvent says ended it (`completion: "fdk"`), if it is one of `allowed`. */
export function endingFdkOf(event: EntryEvent, allowed: readonly FdkKey[]): FdkKey | undefined {
  if (event.name !== 'Keyboard.KeyEvent' || event.payload.completion !== 'fdk') return undefined;
  const { digit } = event.payload;
  return (allowed as readonly string[]).includes(digit ?? '') ? (digit as FdkKey) : undefined;
}
