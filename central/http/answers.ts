import { PROBLEM_MEDIA_TYPE, type Problem, type ProblemCode, problemType } from '../../common/wire/problem';

/**
 * What a handler decides: a status and a body, success or problem. Expected
 * failures are values, not exceptions, because a refusal often has effects
 * that must commit with it (a wrong OTP entry counts) and be replayed as-is
 * for a retry with the same idempotency key.
 */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly mediaType: 'application/json' | typeof PROBLEM_MEDIA_TYPE;
}

const PROBLEMS: Record<ProblemCode, readonly [number, string]> = {
  invalid_request: [400, 'The request does not match the schema'],
  body_too_large: [413, 'The body is too large'],
  unsupported_media_type: [415, 'Send application/json'],
  not_found: [404, 'No such resource'],
  internal_error: [500, 'Something went wrong on the central side'],
  service_unavailable: [503, 'The central side is temporarily unavailable'],
  idempotency_key_missing: [400, 'An Idempotency-Key header is required'],
  idempotency_key_reused: [422, 'This Idempotency-Key was used for a different request'],
  rate_limited: [429, 'Too many requests'],
  client_certificate_required: [401, 'A client certificate is required'],
  client_certificate_untrusted: [401, 'The client certificate is not from the central CA'],
  client_certificate_expired: [401, 'The client certificate has expired'],
  certificate_revoked: [403, 'The client certificate has been revoked'],
  kiosk_unknown: [403, 'This kiosk is not enrolled'],
  enrolment_code_invalid: [401, 'The enrolment code is unknown, used or expired'],
  csr_invalid: [422, 'The certificate request is unusable'],
  command_not_found: [404, 'No such command for this kiosk'],
  id_number_invalid: [422, 'The ID number is not valid'],
  person_not_found: [404, 'No person with this ID number'],
  id_expired: [422, 'The ID has expired'],
  account_exists: [409, 'An account already exists for this ID'],
  account_not_found: [404, 'No account for this ID'],
  account_not_active: [403, 'The account is not active yet'],
  account_already_active: [409, 'The account is already active'],
  account_locked: [423, 'The account is locked'],
  mobile_invalid: [422, 'The mobile number is not valid'],
  mobile_in_use: [409, 'The mobile number belongs to another account'],
  mobile_unchanged: [422, 'That is already the account’s mobile number'],
  username_invalid: [422, 'The username breaks the username rules'],
  username_taken: [409, 'The username is taken'],
  password_invalid: [422, 'The password breaks the password rules'],
  password_mismatch: [422, 'The password confirmation does not match'],
  password_current_wrong: [422, 'The current password is wrong'],
  password_unchanged: [422, 'The new password is the current one'],
  password_change_required: [403, 'The temporary password must be changed first'],
  email_invalid: [422, 'The e-mail address is not valid'],
  email_mismatch: [422, 'The e-mail confirmation does not match'],
  address_invalid: [422, 'The national address breaks the address rules'],
  terms_not_accepted: [422, 'The terms of use must be accepted'],
  identity_mismatch: [422, 'The ID number and mobile number do not match an account'],
  security_answer_wrong: [422, 'The security answer is wrong'],
  credentials_invalid: [401, 'The username or password is wrong'],
  capture_invalid: [422, 'The fingerprint capture is unreadable'],
  capture_format_unsupported: [422, 'The fingerprint template format is not supported'],
  capture_signature_invalid: [422, 'The capture is not signed by this kiosk'],
  capture_quality_low: [422, 'The fingerprint capture quality is too low'],
  fingerprint_no_match: [422, 'The fingerprint does not match'],
  fingerprint_attempts_exhausted: [403, 'Too many failed fingerprint matches in this session'],
  id_card_invalid: [422, 'The ID card data is unreadable'],
  id_card_mismatch: [422, 'The ID card does not match the registry'],
  bank_attestation_invalid: [422, 'The bank attestation is not usable'],
  bank_attestation_expired: [422, 'The bank attestation has expired'],
  bank_attestation_replayed: [409, 'The bank attestation has already been used'],
  verification_token_invalid: [401, 'The verification is unknown, used or expired'],
  verification_method_insufficient: [403, 'This needs a fingerprint verification'],
  session_invalid: [401, 'The citizen session is missing or has ended'],
  challenge_not_found: [404, 'No such pending code'],
  otp_wrong: [422, 'The code is wrong'],
  otp_voided: [422, 'The code is void after too many wrong entries'],
  otp_expired: [422, 'The code has expired'],
  otp_resend_too_soon: [429, 'Wait before asking for another code'],
  otp_send_limit: [429, 'Too many codes sent for this ID this hour'],
  receipt_not_found: [404, 'No result with this receipt was just completed here'],
  violation_not_found: [404, 'No such violation'],
  objection_not_allowed: [409, 'This violation cannot be objected to'],
  technician_pin_wrong: [401, 'Unknown technician or wrong PIN'],
  technician_locked: [423, 'Too many wrong PINs: maintenance entry is locked for this technician'],
  service_not_found: [404, 'No such inquiry or form in the catalogue'],
  service_not_for_you: [403, 'This service is for citizens only, or for residents only'],
  input_invalid: [422, 'An input breaks its rule; see fields'],
  objection_exists: [409, 'This violation has been objected to already'],
};

function statusOf(code: ProblemCode): number {
  return PROBLEMS[code][0];
}

type ProblemExtras = Omit<Partial<Problem>, 'type' | 'title' | 'status' | 'detail' | 'code'>;

function problemBody(code: ProblemCode, detail: string, extras: ProblemExtras = {}): Problem {
  const [status, title] = PROBLEMS[code];
  return { type: problemType(code), title, status, detail, code, ...extras };
}

export function problem(code: ProblemCode, detail: string, extras: ProblemExtras = {}): Answer {
  return { status: statusOf(code), body: problemBody(code, detail, extras), mediaType: PROBLEM_MEDIA_TYPE };
}

export function success(status: number, body: unknown): Answer {
  return { status, body, mediaType: 'application/json' };
}

/** The reply methods we use, structurally, so type-provided replies of every route fit. */
interface ReplyLike {
  code(status: number): ReplyLike;
  type(contentType: string): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(payload?: unknown): unknown;
}

export function sendAnswer(reply: ReplyLike, answer: Answer): void {
  reply.code(answer.status).type(answer.mediaType).send(answer.body);
}
