import { type RuleCheck, failed, passed } from './check';

export type UsernameViolation = 'tooShort' | 'tooLong' | 'firstNotUppercase' | 'notAlphanumeric' | 'noDigit' | 'allDigits';

export interface UsernameRules {
  readonly minLength: number;
  readonly maxLength: number;
}

export const DEFAULT_USERNAME_RULES: UsernameRules = { minLength: 8, maxLength: 20 };

/**
 * Seeds: English letters and digits, ≥ 8, starting with an uppercase letter,
 * case-sensitive. Defaults: ≤ 20, a digit required, never all digits (so a
 * username can never be mistaken for an ID number in the sign-in field).
 */
export function checkUsername(username: string, rules: UsernameRules = DEFAULT_USERNAME_RULES): RuleCheck<string, UsernameViolation> {
  const violations: UsernameViolation[] = [];
  if (username.length < rules.minLength) violations.push('tooShort');
  if (username.length > rules.maxLength) violations.push('tooLong');
  if (!/^[A-Z]/.test(username)) violations.push('firstNotUppercase');
  if (!/^[A-Za-z0-9]*$/.test(username)) violations.push('notAlphanumeric');
  if (!/[0-9]/.test(username)) violations.push('noDigit');
  if (/^[0-9]+$/.test(username)) violations.push('allDigits');
  return violations.length === 0 ? passed(username) : failed(...violations);
}

/** A1XXXXX9: first and last characters, so a person recognises it on screen; the full one goes by SMS. */
export function maskUsername(username: string): string {
  if (username.length <= 2) return '*'.repeat(username.length);
  return `${username.slice(0, 2)}${'*'.repeat(username.length - 3)}${username.slice(-1)}`;
}
