import { z } from 'zod';

/**
 * Every error the central API answers is an RFC 9457 problem document with a
 * stable machine `code`. Clients branch on `code`, never on `title` or `detail`.
 */
export const PROBLEM_CODES = [
  // any route
  'invalid_request',
  'body_too_large',
  'unsupported_media_type',
  'not_found',
  'internal_error',
  'service_unavailable',
  'idempotency_key_missing',
  'idempotency_key_reused',
  'rate_limited',
  // kiosk identity (mTLS)
  'client_certificate_required',
  'client_certificate_untrusted',
  'client_certificate_expired',
  'certificate_revoked',
  'kiosk_unknown',
  'enrolment_code_invalid',
  'csr_invalid',
  'command_not_found',
  // identifiers and account rules (RULES.md)
  'id_number_invalid',
  'person_not_found',
  'id_expired',
  'account_exists',
  'account_not_found',
  'account_not_active',
  'account_already_active',
  'account_locked',
  'mobile_invalid',
  'mobile_in_use',
  'mobile_unchanged',
  'username_invalid',
  'username_taken',
  'password_invalid',
  'password_mismatch',
  'password_current_wrong',
  'password_unchanged',
  'password_change_required',
  'email_invalid',
  'email_mismatch',
  'address_invalid',
  'terms_not_accepted',
  'identity_mismatch',
  'security_answer_wrong',
  'credentials_invalid',
  // identity proofing
  'capture_invalid',
  'capture_format_unsupported',
  'capture_signature_invalid',
  'capture_quality_low',
  'fingerprint_no_match',
  'fingerprint_attempts_exhausted',
  'id_card_invalid',
  'id_card_mismatch',
  'bank_attestation_invalid',
  'bank_attestation_expired',
  'bank_attestation_replayed',
  'verification_token_invalid',
  'verification_method_insufficient',
  'session_invalid',
  // one-time codes
  'challenge_not_found',
  'otp_wrong',
  'otp_voided',
  'otp_expired',
  'otp_resend_too_soon',
  'otp_send_limit',
  // the receipt by SMS
  'receipt_not_found',
  // inquiries
  'violation_not_found',
  'objection_not_allowed',
  // maintenance
  'technician_pin_wrong',
  'technician_locked',
  // the service catalogue (issue 14)
  'service_not_found',
  'service_not_for_you',
  'input_invalid',
  'objection_exists',
] as const;

export const problemCodeSchema = z.enum(PROBLEM_CODES).meta({ id: 'ProblemCode' });
export type ProblemCode = z.infer<typeof problemCodeSchema>;

export const problemSchema = z
  .object({
    type: z.string().describe('URI reference naming the problem type: urn:kiosk-central:problem:<code>'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    code: problemCodeSchema,
    /** Seconds until the same request may succeed (locks, OTP resend, send limits, rate limits; also the Retry-After header of `rate_limited`). */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** ISO time the lock ends (`account_locked`, `technician_locked`). */
    lockedUntil: z.iso.datetime().optional(),
    /** Seconds the lock still lasts, measured by central as it answers (`account_locked`, `technician_locked`): clients count down from this, not from `lockedUntil` against their own wall clock. */
    lockedForSeconds: z.number().int().min(0).optional(),
    /** Tries left before a lock or void (`credentials_invalid`, `otp_wrong`, `fingerprint_no_match`, `technician_pin_wrong`; 0 on the `technician_locked` that this very attempt started). */
    attemptsRemaining: z.number().int().min(0).optional(),
    /** Which rules a value broke (`username_invalid`, `password_invalid`, …), stable words. */
    violations: z.array(z.string()).optional(),
    /** Where a request failed its schema (`invalid_request`). */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable `code`.' });
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export function problemType(code: ProblemCode): string {
  return `urn:kiosk-central:problem:${code}`;
}
