/**
 * The domain rules of RULES.md as pure functions: no Node imports, so the kiosk
 * core (authoritative on the kiosk), the renderer (instant feedback) and the
 * central server (final word) share one module.
 */
export { type RuleCheck } from './check';
export { DEFAULT_RULES, type RulesConfig } from './config';
export { normaliseDigits, stripSeparators } from './digits';
export { checkEmail, type EmailViolation, maskEmail } from './email';
export { checkIdNumber, type HolderType, type IdNumber, type IdNumberViolation, idNumberLast4, maskIdNumber } from './idNumber';
export { isLuhnValid, luhnCheckDigit } from '../luhn';
export { maskMobile, type MobileViolation, normaliseMobile } from './mobile';
export { normaliseOtp } from './otp';
export { checkPassword, containsUsernamePart, DEFAULT_PASSWORD_RULES, hasRepeatedCharacter, type PasswordRules, type PasswordViolation } from './password';
export { checkUsername, DEFAULT_USERNAME_RULES, maskUsername, type UsernameRules, type UsernameViolation } from './username';
export { checkFreeText, FREE_TEXT_FIELDS, type FreeTextRules, type FreeTextViolation, normaliseFreeText } from './freeText';
export { checkServiceInputs, type ServiceInputCheck, type ServiceInputField } from './serviceInputs';
export {
  ADDRESS_DIGITS,
  ADDRESS_TEXT_MAX,
  type AddressPartViolation,
  checkAddressPart,
  checkNationalAddress,
  maskAddress,
  type MaskedAddress,
  NATIONAL_ADDRESS_PARTS,
  type NationalAddress,
  type NationalAddressInput,
  type NationalAddressPart,
} from './nationalAddress';
