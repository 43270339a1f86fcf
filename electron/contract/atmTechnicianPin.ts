import type { AtmFdk } from './atm';
import type { Language } from './session';

/**
 * The technician's PIN screen at a bank ATM (maintenance phase `pin`): the
 * keys beside the screen it labels, placed by side and row as every ATM
 * choice is (`start`: where a line begins, so Arabic mirrors English). While
 * the EPP reads the technician's PIN these FDKs are active without ending its
 * entry (XFS4IoT Keyboard.PinEntry `activeKeys`, `terminate: false`, in both
 * languages' places): the EPP reports each press in a KeyEvent and keeps the
 * digits typed so far, and the core does what the key says in the language
 * showing — language and speech while the entry goes on, cancel leaves. The
 * customer's PIN entry has no FDK.
 */
export const technicianPinKeys = {
  cancel: { side: 'start', row: 4 },
  language: { side: 'end', row: 1 },
  speech: { side: 'end', row: 2 },
} as const satisfies Record<string, { side: 'start' | 'end'; row: 1 | 2 | 3 | 4 }>;
export type TechnicianPinKey = keyof typeof technicianPinKeys;

/** The FDK beside a place: fdk01–fdk04 down the left edge, fdk05–fdk08 down the right; `start` is the left in English, the right in Arabic. */
function fdkBeside(place: { side: 'start' | 'end'; row: 1 | 2 | 3 | 4 }, language: Language): AtmFdk {
  const leftEdge = (place.side === 'start') === (language !== 'ar');
  return `fdk0${leftEdge ? place.row : place.row + 4}` as AtmFdk;
}

/** The FDK of each key the technician's PIN screen labels, in the screen's language. */
export function technicianPinFdks(language: Language): Record<TechnicianPinKey, AtmFdk> {
  return {
    cancel: fdkBeside(technicianPinKeys.cancel, language),
    language: fdkBeside(technicianPinKeys.language, language),
    speech: fdkBeside(technicianPinKeys.speech, language),
  };
}
