import { type RuleCheck, failed, passed } from './check';
import { normaliseDigits, stripSeparators } from './digits';
import { isLuhnValid } from '../luhn';

type IdNumberViolation = 'notTenDigits' | 'wrongFirstDigit' | 'checkDigit';
type HolderType = 'citizen' | 'resident';

interface IdNumber {
  /** 10 ASCII digits */
  readonly digits: string;
  /** 1… national ID (citizen), 2… iqama (resident) */
  readonly holderType: HolderType;
}

/**
 * RULES.md: 10 digits, first 1 (citizen) or 2 (resident), Luhn over all ten.
 * The check digit algorithm is not officially published, so a kiosk may switch
 * the Luhn check off; the central side decides with the same switch.
 */
export function checkIdNumber(input: string, options: { luhn: boolean } = { luhn: true }): RuleCheck<IdNumber, IdNumberViolation> {
  const digits = stripSeparators(normaliseDigits(input));
  if (!/^[0-9]{10}$/.test(digits)) return failed('notTenDigits');
  if (digits[0] !== '1' && digits[0] !== '2') return failed('wrongFirstDigit');
  if (options.luhn && !isLuhnValid(digits)) return failed('checkDigit');
  return passed({ digits, holderType: digits[0] === '1' ? 'citizen' : 'resident' });
}

/** Logs and receipts show an ID number as its last 4 digits only. */
export function idNumberLast4(digits: string): string {
  return digits.slice(-4);
}

export function maskIdNumber(digits: string): string {
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
