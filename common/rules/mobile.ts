import { type RuleCheck, failed, passed } from './check';
import { normaliseDigits, stripSeparators } from './digits';

type MobileViolation = 'notSaudiMobile';

/**
 * RULES.md: accept 05…, 5…, 9665…, +9665…, 009665… after stripping spaces and
 * normalising digits; the stored form is E.164 (+9665XXXXXXXX).
 */
export function normaliseMobile(input: string): RuleCheck<string, MobileViolation> {
  const text = stripSeparators(normaliseDigits(input));
  const match = /^(?:\+966|00966|966|0)?(5[0-9]{8})$/.exec(text);
  if (!match?.[1]) return failed('notSaudiMobile');
  return passed(`+966${match[1]}`);
}

/** 05X XXX X123: enough for a person to recognise their number, not enough to read it. */
export function maskMobile(e164: string): string {
  const local = `0${e164.replace(/^\+966/, '')}`;
  return `05X XXX X${local.slice(-3)}`;
}
