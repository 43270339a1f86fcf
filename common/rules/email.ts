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

/**
 * An e-mail as a screen or receipt may show it: at most the first two
 * characters of the name (one when it is short), at least three stars, the
 * domain as it is (`ab******@example.com`). Anything that is not an e-mail
 * comes back as stars only.
 */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  const name = at > 0 ? trimmed.slice(0, at) : '';
  const domain = at > 0 ? trimmed.slice(at + 1) : '';
  if (!name || !/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(domain)) return '********';
  const kept = name.length > 4 ? 2 : name.length > 2 ? 1 : 0;
  return `${name.slice(0, kept).replace(/[*\s@]/g, '')}${'*'.repeat(Math.max(3, name.length - kept))}@${domain}`;
}
