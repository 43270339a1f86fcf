import type { ProblemCode } from '../../../common/wire/problem';
import { addressFields } from '../../contract/journeys';
import type { JourneyField, JourneyViewData } from '../../contract/journeys';
import type { JourneyError } from './context';
import type { CentralOutcome } from './machineTypes';
import { afterAnswer } from './outcomes';

/** Which field a central rule refusal belongs to, so the screen marks it. */
const fieldOfProblem: Readonly<Record<string, JourneyField>> = {
  id_number_invalid: 'idNumber',
  mobile_invalid: 'mobile',
  mobile_in_use: 'mobile',
  mobile_unchanged: 'mobile',
  username_invalid: 'username',
  username_taken: 'username',
  password_invalid: 'password',
  password_mismatch: 'confirmation',
  email_invalid: 'email',
  email_mismatch: 'email',
  security_answer_wrong: 'answer',
  credentials_invalid: 'password',
  otp_wrong: 'code',
  password_current_wrong: 'currentPassword',
  password_unchanged: 'password',
} satisfies Partial<Record<ProblemCode, JourneyField>>;

/** Central said no, but the person can try again here (the same step, or a new code), possibly after `retryAt`. */
const retryableProblems: ReadonlySet<string> = new Set([
  'otp_wrong',
  'otp_voided',
  'otp_expired',
  'otp_send_limit',
  'fingerprint_no_match',
  'capture_quality_low',
  'otp_resend_too_soon',
  'credentials_invalid',
  'security_answer_wrong',
  'service_unavailable',
  'rate_limited',
  // Edit user information: fixed on the same screen.
  'password_current_wrong',
  'password_unchanged',
  'address_invalid',
] satisfies ProblemCode[]);

/** `address_invalid` words are `<part>.<violation>` (`postalCode.wrongLength`): each goes on its part of the form. */
function addressFieldErrors(words: readonly string[]): Partial<Record<JourneyField, string[]>> {
  const errors: Partial<Record<JourneyField, string[]>> = {};
  for (const word of words) {
    const [part, violation] = word.split('.');
    const field = addressFields.find((f) => f === part);
    if (field) errors[field] = [...(errors[field] ?? []), violation ?? 'invalid'];
  }
  return errors;
}

/** What a step shows next: the last answer's values cleared, these set, and no error. */
export function showing(shown: JourneyViewData, fields: Partial<JourneyViewData>): { shown: JourneyViewData; error: null } {
  return { shown: { ...withoutLastAnswer(shown), ...fields }, error: null };
}

/** Values that describe the last answer; cleared whenever the person acts again. */
export function withoutLastAnswer(shown: JourneyViewData): JourneyViewData {
  const { fieldErrors: _f, attemptsRemaining: _a, retryAfterSeconds: _r, retryAt: _t, lockedUntil: _l, guidance: _g, ...rest } = shown;
  return rest;
}

/** Any refusal from central as the screen shows it: its code, and whatever it says about attempts, locks and fields. */
export function shownRefusal(shown: JourneyViewData, outcome: CentralOutcome): { shown?: JourneyViewData; error?: JourneyError } {
  const { result, clock } = outcome;
  if (result.ok) return {};
  if (result.error.type !== 'problem') return { error: { code: 'central_unavailable', retryable: true } };
  const { code, problem } = result.error;
  const next: JourneyViewData = { ...withoutLastAnswer(shown) };
  if (problem.attemptsRemaining !== undefined) next.attemptsRemaining = problem.attemptsRemaining;
  if (problem.retryAfterSeconds !== undefined) {
    next.retryAfterSeconds = problem.retryAfterSeconds;
    next.retryAt = afterAnswer(problem.retryAfterSeconds, clock);
  }
  if (problem.lockedForSeconds !== undefined) next.lockedUntil = afterAnswer(problem.lockedForSeconds, clock);
  // An expired code is past its resend wait too (it lives 300 s, the wait is 60 s): a new one may be asked for at once.
  if (code === 'otp_expired' && next.code) next.code = { ...next.code, resendAvailableAt: clock.core };
  const field = fieldOfProblem[code];
  if (field) next.fieldErrors = { [field]: problem.violations ?? [code] };
  if (code === 'address_invalid') next.fieldErrors = addressFieldErrors(problem.violations ?? []);
  return { shown: next, error: { code, retryable: retryableProblems.has(code) } };
}
