/**
 * The domain rules of RULES.md as pure functions: no Node imports, so the kiosk
 * core (authoritative on the kiosk), the renderer (instant feedback) and the
 * central server (final word) share one module.
 */
export { DEFAULT_RULES, type RulesConfig } from './config';
export { normaliseDigits, stripSeparators } from './digits';
export { checkEmail, maskEmail } from './email';
export { checkIdNumber, maskIdNumber } from './idNumber';
export { maskMobile, normaliseMobile } from './mobile';
export { normaliseOtp } from './otp';
export { checkPassword } from './password';
export { checkUsername, maskUsername, type UsernameViolation } from './username';
export { checkFreeText, FREE_TEXT_FIELDS, type FreeTextRules, normaliseFreeText } from './freeText';
export { checkServiceInputs } from './serviceInputs';
export { cityInBothLanguages } from './cities';
export { ADDRESS_DIGITS, ADDRESS_TEXT_MAX, checkAddressPart, checkNationalAddress, maskAddress,  type NationalAddressPart } from './nationalAddress';
