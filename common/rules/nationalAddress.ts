import { failed, passed, type RuleCheck } from './check';
import { normaliseDigits } from './digits';
import { checkFreeText, type FreeTextViolation } from './freeText';

/**
 * RULES.md "National address" (published format): building number 4 digits,
 * street, district, city, postal code 5 digits, additional number 4 digits,
 * unit number optional; the text parts in Arabic or English, clean text only
 * (the shared free-text rule), each at most 80 characters. Digits may be
 * typed as Arabic-Indic or Persian digits; the value keeps ASCII ones.
 */
export const NATIONAL_ADDRESS_PARTS = ['buildingNumber', 'street', 'district', 'city', 'postalCode', 'additionalNumber', 'unit'] as const;
export type NationalAddressPart = (typeof NATIONAL_ADDRESS_PARTS)[number];

interface NationalAddress {
  readonly buildingNumber: string;
  readonly street: string;
  readonly district: string;
  readonly city: string;
  readonly postalCode: string;
  readonly additionalNumber: string;
  readonly unit?: string;
}

type NationalAddressInput = Partial<Record<NationalAddressPart, string>>;

type AddressPartViolation = FreeTextViolation | 'notDigits' | 'wrongLength';

export const ADDRESS_TEXT_MAX = 80;
/** How many digits each numbered part has: exactly, or (unit) at most. */
export const ADDRESS_DIGITS = { buildingNumber: 4, postalCode: 5, additionalNumber: 4, unit: 4 } as const;

const TEXT_RULES = { minLength: 1, maxLength: ADDRESS_TEXT_MAX } as const;

function checkDigits(input: string, length: number, upTo: boolean): RuleCheck<string, AddressPartViolation> {
  const value = normaliseDigits(input.trim());
  if (value.length === 0) return failed('empty');
  if (!/^[0-9]+$/.test(value)) return failed('notDigits');
  if (upTo ? value.length > length : value.length !== length) return failed('wrongLength');
  return passed(value);
}

/** One part on its own (the form's live feedback uses this). */
export function checkAddressPart(part: NationalAddressPart, input: string): RuleCheck<string, AddressPartViolation> {
  switch (part) {
    case 'street':
    case 'district':
    case 'city':
      return checkFreeText(input, TEXT_RULES);
    case 'unit':
      return checkDigits(input, ADDRESS_DIGITS.unit, true);
    default:
      return checkDigits(input, ADDRESS_DIGITS[part], false);
  }
}

/** The whole address: its normalised parts, or each failing part with its words (an empty unit is left out). */
export function checkNationalAddress(input: NationalAddressInput): RuleCheck<NationalAddress, string> & { readonly parts?: Partial<Record<NationalAddressPart, readonly AddressPartViolation[]>> } {
  const parts: Partial<Record<NationalAddressPart, readonly AddressPartViolation[]>> = {};
  const value: Partial<Record<NationalAddressPart, string>> = {};
  for (const part of NATIONAL_ADDRESS_PARTS) {
    const text = input[part] ?? '';
    if (part === 'unit' && text.trim() === '') continue;
    const check = checkAddressPart(part, text);
    if (check.ok) value[part] = check.value;
    else parts[part] = check.violations;
  }
  const failing = Object.keys(parts) as NationalAddressPart[];
  if (failing.length > 0) return { ...failed(...failing.flatMap((part) => (parts[part] ?? []).map((v) => `${part}.${v}`))), parts };
  return passed(value as unknown as NationalAddress);
}

/** A national address as a screen or receipt may show it: the city and district, the postal code's last two digits; never the street, building, unit or additional number. */
interface MaskedAddress {
  readonly city: string;
  readonly district: string;
  readonly postalCode: string;
}

export function maskAddress(address: Pick<NationalAddress, 'city' | 'district' | 'postalCode'>): MaskedAddress {
  return { city: address.city.trim(), district: address.district.trim(), postalCode: `***${address.postalCode.trim().slice(-2)}` };
}
