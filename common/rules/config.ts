import { DEFAULT_PASSWORD_RULES, type PasswordRules } from './password';
import { DEFAULT_USERNAME_RULES, type UsernameRules } from './username';

/** The configurable side of RULES.md (*default* values); the central side pushes them in the kiosk config. */
export interface RulesConfig {
  readonly idNumberLuhnCheck: boolean;
  readonly otpLength: 4 | 6;
  readonly otpTtlSeconds: number;
  readonly otpMaxWrongEntries: number;
  readonly otpResendAfterSeconds: number;
  readonly otpMaxSendsPerHour: number;
  readonly username: UsernameRules;
  readonly password: PasswordRules;
  readonly signInMaxFailures: number;
  readonly signInLockMinutes: number;
  readonly fingerprintMaxFailuresPerSession: number;
}

export const DEFAULT_RULES: RulesConfig = {
  idNumberLuhnCheck: true,
  otpLength: 4,
  otpTtlSeconds: 300,
  otpMaxWrongEntries: 3,
  otpResendAfterSeconds: 60,
  otpMaxSendsPerHour: 5,
  username: DEFAULT_USERNAME_RULES,
  password: DEFAULT_PASSWORD_RULES,
  signInMaxFailures: 5,
  signInLockMinutes: 30,
  fingerprintMaxFailuresPerSession: 3,
};
