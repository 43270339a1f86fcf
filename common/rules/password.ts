import { type RuleCheck, failed, passed } from './check';

type PasswordViolation =
  | 'tooShort'
  | 'tooLong'
  | 'noUppercase'
  | 'noLowercase'
  | 'noDigit'
  | 'noSymbol'
  | 'containsUsername'
  | 'repeatedCharacter';

export interface PasswordRules {
  readonly minLength: number;
  readonly maxLength: number;
  readonly requireSymbol: boolean;
}

export const DEFAULT_PASSWORD_RULES: PasswordRules = { minLength: 8, maxLength: 64, requireSymbol: false };

/** True when some run of more than half the username's length appears in the password (case ignored). */
export function containsUsernamePart(password: string, username: string): boolean {
  if (username.length === 0) return false;
  const run = Math.floor(username.length / 2) + 1;
  const haystack = password.toLowerCase();
  const needle = username.toLowerCase();
  for (let start = 0; start + run <= needle.length; start += 1) {
    if (haystack.includes(needle.slice(start, start + run))) return true;
  }
  return false;
}

/** True when one character makes up more than half of the password. */
export function hasRepeatedCharacter(password: string): boolean {
  const counts = new Map<string, number>();
  for (const character of password) counts.set(character, (counts.get(character) ?? 0) + 1);
  const length = [...password].length;
  for (const count of counts.values()) if (count > length / 2) return true;
  return false;
}

/**
 * Seeds + published: ≥ 8 with upper, lower and digit; no part of the username
 * longer than half its length; no character repeated more than half the
 * length. Symbols recommended, required only when configured.
 */
export function checkPassword(password: string, username: string, rules: PasswordRules = DEFAULT_PASSWORD_RULES): RuleCheck<string, PasswordViolation> {
  const violations: PasswordViolation[] = [];
  if (password.length < rules.minLength) violations.push('tooShort');
  if (password.length > rules.maxLength) violations.push('tooLong');
  if (!/[A-Z]/.test(password)) violations.push('noUppercase');
  if (!/[a-z]/.test(password)) violations.push('noLowercase');
  if (!/[0-9]/.test(password)) violations.push('noDigit');
  if (rules.requireSymbol && !/[^A-Za-z0-9]/.test(password)) violations.push('noSymbol');
  if (containsUsernamePart(password, username)) violations.push('containsUsername');
  if (hasRepeatedCharacter(password)) violations.push('repeatedCharacter');
  return violations.length === 0 ? passed(password) : failed(...violations);
}
