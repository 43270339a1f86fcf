import { checkIdNumber, checkPassword, checkUsername } from '../../../common/rules';
import type { RulesConfig } from '../../../common/rules';
import type { JourneyField } from '../../contract/journeys';

/** The sign-in field takes a username or an ID number (RULES.md). */
export function loginProblems(login: string, rules: RulesConfig): string[] {
  const text = login.trim();
  if (/^[0-9\u0660-\u0669\u06f0-\u06f9\s]+$/.test(text)) {
    const id = checkIdNumber(text, { luhn: rules.idNumberLuhnCheck });
    return id.ok ? [] : [...id.violations];
  }
  const username = checkUsername(text, rules.username);
  return username.ok ? [] : [...username.violations];
}

/** A new password against the rules and the username, and its confirmation; null when both are fine. */
export function passwordProblems(password: string, confirmation: string, username: string, rules: RulesConfig): Partial<Record<JourneyField, string[]>> | null {
  const check = checkPassword(password, username, rules.password);
  const errors: Partial<Record<JourneyField, string[]>> = {};
  if (!check.ok) errors.password = [...check.violations];
  if (password !== confirmation) errors.confirmation = ['mismatch'];
  return Object.keys(errors).length === 0 ? null : errors;
}
