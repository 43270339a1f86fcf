import { failed, passed, type RuleCheck } from './check';

/**
 * Text people type that other people will read (address parts, objection
 * reasons, names): one rule for the kiosk's instant feedback and for central,
 * which has the final word.
 *
 * - Normalised to NFC and trimmed; the length limits count code points of that.
 * - No bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069):
 *   they make a reader see text in another order than it was stored
 *   ("Trojan Source"). The plain marks U+200E/U+200F stay allowed: Arabic
 *   text with digits legitimately uses them.
 * - No NUL or other control characters (C0 but, where allowed, line feed;
 *   DEL and C1; U+2028/U+2029 separators).
 * - Not invisible-only: something visible must remain once whitespace and
 *   format characters (zero-width spaces and joiners, BOM, soft hyphen…) are
 *   taken away.
 */
export type FreeTextViolation = 'empty' | 'tooShort' | 'tooLong' | 'bidiControl' | 'controlCharacter' | 'invisibleOnly';

export interface FreeTextRules {
  readonly minLength: number;
  readonly maxLength: number;
  /** Line feeds allowed (an objection's reason); never any other control. */
  readonly multiline?: boolean;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/u;
const CONTROLS_BUT_NOTHING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800]/gu;

export function normaliseFreeText(input: string): string {
  return input.normalize('NFC').trim();
}

export function checkFreeText(input: string, rules: FreeTextRules): RuleCheck<string, FreeTextViolation> {
  const value = normaliseFreeText(input);
  if (value.length === 0) return failed('empty');
  const violations: FreeTextViolation[] = [];
  if (BIDI_CONTROLS.test(value)) violations.push('bidiControl');
  if ((rules.multiline ? CONTROLS : CONTROLS_BUT_NOTHING).test(value)) violations.push('controlCharacter');
  if (value.replace(INVISIBLE, '').length === 0) violations.push('invisibleOnly');
  const length = [...value].length;
  if (length < rules.minLength) violations.push('tooShort');
  if (length > rules.maxLength) violations.push('tooLong');
  return violations.length > 0 ? failed(...violations) : passed(value);
}

/** The limits of each free-text field of the contract (common/wire/citizen.ts). */
export const FREE_TEXT_FIELDS = {
  city: { minLength: 1, maxLength: 60 },
  district: { minLength: 1, maxLength: 60 },
  street: { minLength: 1, maxLength: 100 },
  objectionReason: { minLength: 10, maxLength: 500, multiline: true },
} as const satisfies Record<string, FreeTextRules>;
