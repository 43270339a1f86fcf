import { PROBLEM_MEDIA_TYPE, problemSchema } from '../problem';

/** The problem documents (RFC 9457) a route may answer with, by status, for the route table and so for openapi.json. */

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503;
type ProblemResponse = { description: string; content: { [PROBLEM_MEDIA_TYPE]: { schema: typeof problemSchema } } };

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Malformed request (invalid_request, idempotency_key_missing)',
  401: 'Not authenticated (client certificate, enrolment code, token or credentials)',
  403: 'Authenticated but not allowed',
  404: 'No such resource',
  409: 'Conflicts with existing state',
  413: 'Body larger than the limit (body_too_large)',
  415: 'Only application/json bodies (unsupported_media_type)',
  422: 'Well formed but breaks a rule; see code',
  423: 'Locked (account_locked, technician_locked; with lockedUntil, lockedForSeconds and retryAfterSeconds)',
  429: 'Too many (otp_resend_too_soon, otp_send_limit, rate_limited with Retry-After; all with retryAfterSeconds)',
  500: 'Server fault (internal_error)',
  503: 'Temporarily unavailable (service_unavailable)',
};

/** Every route can answer these; routes add their own. */
const COMMON: readonly ProblemStatus[] = [400, 500, 503];

export function problems(...statuses: ProblemStatus[]): Record<number, ProblemResponse> {
  const answers: Record<number, ProblemResponse> = {};
  for (const status of [...COMMON, ...statuses]) {
    answers[status] = { description: PROBLEM_DESCRIPTIONS[status], content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } } };
  }
  return answers;
}

/** Kiosk-authenticated problems every mTLS route can answer. */
export const MTLS: ProblemStatus[] = [401, 403];
/** Problems of any route with a JSON body. */
export const BODY: ProblemStatus[] = [413, 415];
