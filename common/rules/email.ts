import { type RuleCheck, failed, passed } from './check';

type EmailViolation = 'syntax' | 'tooLong';

/** Syntax only (RULES.md): one @, a dotted domain, no spaces. Deliverability is the mail system's business. */
export function checkEmail(input: string): RuleCheck<string, EmailViolation> {
  const email = input.trim();
  if (email.length > 254) return failed('tooLong');
  if (!/^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/.test(email)) {
    return failed('syntax');
  }
  if (email.split('@')[0]?.length === 0 || (email.split('@')[0]?.length ?? 0) > 64) return failed('syntax');
  return passed(email);
}
