import { z } from 'zod';
import * as citizen from './citizen';
import * as dev from './dev';
import * as kiosk from './kiosk';
import { PROBLEM_MEDIA_TYPE, problemSchema } from './problem';

/**
 * The route table: method, path, who may call it (`config.access`, read by
 * the one access hook in http/access.ts from the matched route) and the zod
 * schemas the server validates
 * with. The server registers exactly these, and @fastify/swagger turns the
 * same objects into central/openapi.json, so the two cannot drift.
 */

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
  423: 'Account locked (account_locked, with lockedUntil, lockedForSeconds and retryAfterSeconds)',
  429: 'Too many (otp_resend_too_soon, otp_send_limit, rate_limited with Retry-After; all with retryAfterSeconds)',
  500: 'Server fault (internal_error)',
  503: 'Temporarily unavailable (service_unavailable)',
};

/** Every route can answer these; routes add their own. */
const COMMON: readonly ProblemStatus[] = [400, 500, 503];

function problems(...statuses: ProblemStatus[]): Record<number, ProblemResponse> {
  const answers: Record<number, ProblemResponse> = {};
  for (const status of [...COMMON, ...statuses]) {
    answers[status] = { description: PROBLEM_DESCRIPTIONS[status], content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchema } } };
  }
  return answers;
}

const KIOSK = [{ kioskCertificate: [] }];
const CITIZEN = [{ kioskCertificate: [], citizenSession: [] }];
/** Kiosk-authenticated problems every mTLS route can answer. */
const MTLS: ProblemStatus[] = [401, 403];
const BODY: ProblemStatus[] = [413, 415];

const idem = citizen.idempotencyHeadersSchema;

export const routes = {
  // ───── kiosk lifecycle ─────
  enrolKiosk: {
    method: 'POST',
    url: '/v1/kiosks/enrol',
    config: { access: 'enrolment' },
    schema: {
      operationId: 'enrolKiosk',
      tags: ['kiosk'],
      summary: 'Exchange a single-use enrolment code and a CSR for a client certificate',
      description: 'The only kiosk route without a client certificate. The code is single use and expires.',
      security: [],
      body: kiosk.enrolmentRequestSchema,
      response: { 201: kiosk.kioskCertificateSchema, ...problems(401, 422, 429, ...BODY) },
    },
  },
  renewKioskCertificate: {
    method: 'POST',
    url: '/v1/kiosks/renew',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'renewKioskCertificate',
      tags: ['kiosk'],
      summary: 'Issue a fresh short-lived certificate to an enrolled kiosk (mTLS with its current one)',
      security: KIOSK,
      body: kiosk.renewalRequestSchema,
      response: { 200: kiosk.kioskCertificateSchema, ...problems(...MTLS, 422, ...BODY) },
    },
  },
  sendHeartbeat: {
    method: 'POST',
    url: '/v1/kiosks/heartbeat',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'sendHeartbeat',
      tags: ['kiosk'],
      summary: 'Report status; receive pending commands and the current config version',
      security: KIOSK,
      body: kiosk.heartbeatSchema,
      response: { 200: kiosk.heartbeatAnswerSchema, ...problems(...MTLS, ...BODY) },
    },
  },
  getKioskConfig: {
    method: 'GET',
    url: '/v1/kiosks/config',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'getKioskConfig',
      tags: ['kiosk'],
      summary: 'Central configuration overrides',
      description: 'Answers with an ETag; send it back as If-None-Match to get 304 Not Modified while unchanged.',
      security: KIOSK,
      headers: z.looseObject({ 'if-none-match': z.string().max(200).optional() }),
      response: {
        200: kiosk.kioskCentralConfigSchema,
        304: z.null().describe('Not modified: the If-None-Match ETag is current (no body)'),
        ...problems(...MTLS),
      },
    },
  },
  deliverOutbox: {
    method: 'POST',
    url: '/v1/kiosks/outbox',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'deliverOutbox',
      tags: ['kiosk'],
      summary: 'Deliver a batch of outbox events; idempotent on (kiosk, txId) for ever',
      security: KIOSK,
      body: kiosk.outboxBatchSchema,
      response: { 200: kiosk.outboxAnswerSchema, ...problems(...MTLS, ...BODY) },
    },
  },
  acknowledgeCommand: {
    method: 'POST',
    url: '/v1/kiosks/commands/:id/ack',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'acknowledgeCommand',
      tags: ['kiosk'],
      summary: 'Acknowledge a remote command (repeatable: the first outcome stands)',
      security: KIOSK,
      params: kiosk.commandIdParamsSchema,
      body: kiosk.commandAckSchema,
      response: { 200: kiosk.commandAckAnswerSchema, ...problems(...MTLS, 404, ...BODY) },
    },
  },

  // ───── identity proofing ─────
  verifyFingerprint: {
    method: 'POST',
    url: '/v1/citizens/verifications/fingerprint',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'verifyFingerprint',
      tags: ['identity'],
      summary: '1:1 match of a live capture against the claimed ID’s enrolled fingers',
      description: 'Success gives a single-use verification token. Failed matches count per (kiosk, sessionId); after the limit the session is refused.',
      security: KIOSK,
      headers: idem,
      body: citizen.fingerprintVerificationSchema,
      response: { 200: citizen.verificationSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  verifyIdCard: {
    method: 'POST',
    url: '/v1/citizens/verifications/id-card',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'verifyIdCard',
      tags: ['identity'],
      summary: 'Check an ID card’s chip data against the registry',
      security: KIOSK,
      headers: idem,
      body: citizen.idCardVerificationSchema,
      response: { 200: citizen.verificationSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },

  // ───── accounts ─────
  startRegistration: {
    method: 'POST',
    url: '/v1/citizens/registrations',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startRegistration',
      tags: ['account'],
      summary: 'Check every registration condition and send an SMS code to the mobile',
      security: KIOSK,
      headers: idem,
      body: citizen.registrationSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  confirmRegistration: {
    method: 'POST',
    url: '/v1/citizens/registrations/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmRegistration',
      tags: ['account'],
      summary: 'Enter the SMS code: the account is created (registered)',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 201: citizen.accountSummarySchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  startActivation: {
    method: 'POST',
    url: '/v1/citizens/activations',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startActivation',
      tags: ['account'],
      summary: 'Activate by fingerprint: SMS code to the mobile registered to the ID',
      security: KIOSK,
      headers: idem,
      body: citizen.activationSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  confirmActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmActivation',
      tags: ['account'],
      summary: 'Enter the SMS code: the account is active',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.accountSummarySchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  previewBankActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/bank/preview',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'previewBankActivation',
      tags: ['account'],
      summary: 'ATM: the ID and masked mobile to show for confirmation',
      security: KIOSK,
      headers: idem,
      body: citizen.bankAttestationSchema,
      response: { 200: citizen.bankActivationPreviewSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  requestBankActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/bank',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'requestBankActivation',
      tags: ['account'],
      summary: 'ATM: bank-attested activation; pending_bank now, active later with an SMS',
      security: KIOSK,
      headers: idem,
      body: citizen.bankAttestationSchema,
      response: { 202: citizen.bankActivationAcceptedSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
    },
  },
  resendCode: {
    method: 'POST',
    url: '/v1/citizens/challenges/:challengeId/resend',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'resendCode',
      tags: ['account'],
      summary: 'Send a new SMS code for a pending challenge (voids the old one)',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429) },
    },
  },

  // ───── sign in ─────
  signIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'signIn',
      tags: ['sign-in'],
      summary: 'Username or ID + password: SMS code (the temporary password) to the account’s mobile',
      security: KIOSK,
      headers: idem,
      body: citizen.signInSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 423, 429, ...BODY) },
    },
  },
  confirmSignIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmSignIn',
      tags: ['sign-in'],
      summary: 'Enter the SMS code: a citizen session',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  signInByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/sign-in/fingerprint',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'signInByFingerprint',
      tags: ['sign-in'],
      summary: 'ID card + fingerprint: a citizen session straight from a fingerprint verification',
      security: KIOSK,
      headers: idem,
      body: citizen.biometricSignInSchema,
      response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  signOut: {
    method: 'POST',
    url: '/v1/citizens/me/sign-out',
    config: { access: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'signOut',
      tags: ['sign-in'],
      summary: 'End the citizen session',
      security: CITIZEN,
      headers: idem,
      response: { 200: citizen.emptyAnswerSchema, ...problems(...MTLS, 429) },
    },
  },

  // ───── recovery ─────
  startFingerprintPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/fingerprint',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startFingerprintPasswordReset',
      tags: ['recovery'],
      summary: 'Kiosk way: fingerprint verification + new password, then SMS code',
      security: KIOSK,
      headers: idem,
      body: citizen.fingerprintPasswordResetSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  getSecurityQuestion: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question/lookup',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'getSecurityQuestion',
      tags: ['recovery'],
      summary: 'Web way, step 1: the account’s security question for ID + registered mobile',
      security: KIOSK,
      headers: idem,
      body: citizen.securityQuestionLookupSchema,
      response: { 200: citizen.securityQuestionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  startSecurityQuestionPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startSecurityQuestionPasswordReset',
      tags: ['recovery'],
      summary: 'Web way, step 2: ID + mobile + answer + new password, then SMS code',
      description: 'Wrong answers count with failed sign-ins towards the account lock.',
      security: KIOSK,
      headers: idem,
      body: citizen.securityQuestionPasswordResetSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  confirmPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmPasswordReset',
      tags: ['recovery'],
      summary: 'Enter the SMS code: password updated, sign-in lock cleared',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  recoverUsernameByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/fingerprint',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'recoverUsernameByFingerprint',
      tags: ['recovery'],
      summary: 'Fingerprint verification: masked username now, full username by SMS',
      security: KIOSK,
      headers: idem,
      body: citizen.fingerprintUsernameRecoverySchema,
      response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  startSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/sms',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startSmsUsernameRecovery',
      tags: ['recovery'],
      summary: 'ID + registered mobile: SMS code first',
      security: KIOSK,
      headers: idem,
      body: citizen.smsUsernameRecoverySchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  confirmSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmSmsUsernameRecovery',
      tags: ['recovery'],
      summary: 'Enter the SMS code: masked username now, full username by SMS',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  startMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'startMobileChange',
      tags: ['recovery'],
      summary: 'Lost mobile: fingerprint verification + new number, SMS code to the new number',
      security: KIOSK,
      headers: idem,
      body: citizen.mobileChangeSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  confirmMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes/:challengeId/confirm',
    config: { access: 'kiosk' },
    schema: {
      operationId: 'confirmMobileChange',
      tags: ['recovery'],
      summary: 'Enter the SMS code: the number moves to this account (and leaves any other)',
      security: KIOSK,
      headers: idem,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.mobileChangedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },

  // ───── signed-in citizen ─────
  getProfile: {
    method: 'GET',
    url: '/v1/citizens/me',
    config: { access: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'getProfile',
      tags: ['me'],
      summary: 'The signed-in citizen’s profile',
      security: CITIZEN,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 429) },
    },
  },
  changeEmail: {
    method: 'POST',
    url: '/v1/citizens/me/email',
    config: { access: 'citizen' },
    schema: {
      operationId: 'changeEmail',
      tags: ['me'],
      summary: 'Change e-mail (entered twice)',
      security: CITIZEN,
      headers: idem,
      body: citizen.emailChangeSchema,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  changePassword: {
    method: 'POST',
    url: '/v1/citizens/me/password',
    config: { access: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'changePassword',
      tags: ['me'],
      summary: 'Change password (also clears a bank temporary password)',
      security: CITIZEN,
      headers: idem,
      body: citizen.passwordChangeSchema,
      response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  changeAddress: {
    method: 'POST',
    url: '/v1/citizens/me/address',
    config: { access: 'citizen' },
    schema: {
      operationId: 'changeAddress',
      tags: ['me'],
      summary: 'Change the national address',
      security: CITIZEN,
      headers: idem,
      body: citizen.addressSchema,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  listVisas: {
    method: 'GET',
    url: '/v1/citizens/me/visas',
    config: { access: 'citizen' },
    schema: {
      operationId: 'listVisas',
      tags: ['me'],
      summary: 'Exit/re-entry visas (حالة تأشيرة الخروج والعودة)',
      security: CITIZEN,
      response: { 200: citizen.visaListSchema, ...problems(...MTLS, 429) },
    },
  },
  listViolations: {
    method: 'GET',
    url: '/v1/citizens/me/violations',
    config: { access: 'citizen' },
    schema: {
      operationId: 'listViolations',
      tags: ['me'],
      summary: 'Traffic violations (المخالفات المرورية)',
      security: CITIZEN,
      response: { 200: citizen.violationListSchema, ...problems(...MTLS, 429) },
    },
  },
  objectToViolation: {
    method: 'POST',
    url: '/v1/citizens/me/violations/:violationNumber/objection',
    config: { access: 'citizen' },
    schema: {
      operationId: 'objectToViolation',
      tags: ['me'],
      summary: 'Object to an unpaid violation (الاعتراض على المخالفات)',
      security: CITIZEN,
      headers: idem,
      params: citizen.violationParamsSchema,
      body: citizen.objectionSchema,
      response: { 201: citizen.objectionFiledSchema, ...problems(...MTLS, 404, 409, 429, ...BODY) },
    },
  },
  listDocuments: {
    method: 'GET',
    url: '/v1/citizens/me/documents',
    config: { access: 'citizen' },
    schema: {
      operationId: 'listDocuments',
      tags: ['me'],
      summary: 'Document validity',
      security: CITIZEN,
      response: { 200: citizen.documentListSchema, ...problems(...MTLS, 429) },
    },
  },

  // ───── demo profile only ─────
  listSms: {
    method: 'GET',
    url: '/dev/sms',
    config: { access: 'demo' },
    schema: {
      operationId: 'listSms',
      tags: ['dev'],
      summary: 'Recent SMS from the outbox standing in for the SMS gateway (demo profile only)',
      security: [],
      querystring: dev.smsQuerySchema,
      response: { 200: dev.smsListSchema, ...problems(404) },
    },
  },
  getFault: {
    method: 'GET',
    url: '/dev/faults',
    config: { access: 'demo' },
    schema: {
      operationId: 'getFault',
      tags: ['dev'],
      summary: 'The fault switch now, and which /v1 requests slow mode is holding (demo profile only)',
      security: [],
      response: { 200: dev.faultStateSchema, ...problems(404) },
    },
  },
  setFault: {
    method: 'POST',
    url: '/dev/faults',
    config: { access: 'demo' },
    schema: {
      operationId: 'setFault',
      tags: ['dev'],
      summary: 'Fault switch for /v1 routes (demo profile only)',
      security: [],
      body: dev.faultSettingSchema,
      response: { 200: dev.faultSettingSchema, ...problems(404, ...BODY) },
    },
  },
  issueEnrolmentCode: {
    method: 'POST',
    url: '/dev/enrolment-codes',
    config: { access: 'demo' },
    schema: {
      operationId: 'issueEnrolmentCode',
      tags: ['dev'],
      summary: 'A fresh single-use enrolment code (demo profile only)',
      security: [],
      response: { 201: dev.enrolmentCodeSchema, ...problems(404) },
    },
  },
  listKiosks: {
    method: 'GET',
    url: '/dev/kiosks',
    config: { access: 'demo' },
    schema: {
      operationId: 'listKiosks',
      tags: ['dev'],
      summary: 'Enrolled kiosks and their last heartbeat (demo profile only)',
      security: [],
      response: { 200: dev.devKioskListSchema, ...problems(404) },
    },
  },
  issueCommand: {
    method: 'POST',
    url: '/dev/kiosks/:kioskId/commands',
    config: { access: 'demo' },
    schema: {
      operationId: 'issueCommand',
      tags: ['dev'],
      summary: 'Queue a remote command for a kiosk (demo profile only)',
      security: [],
      params: dev.devKioskParamsSchema,
      body: dev.devCommandSchema,
      response: { 201: kiosk.commandSchema, ...problems(404, ...BODY) },
    },
  },
  runBankActivations: {
    method: 'POST',
    url: '/dev/bank-activations/run',
    config: { access: 'demo' },
    schema: {
      operationId: 'runBankActivations',
      tags: ['dev'],
      summary: 'Complete every pending_bank activation now instead of waiting (demo profile only)',
      security: [],
      response: { 200: dev.bankActivationsRunSchema, ...problems(404) },
    },
  },
  getClock: {
    method: 'GET',
    url: '/dev/clock',
    config: { access: 'demo' },
    schema: {
      operationId: 'getClock',
      tags: ['dev'],
      summary: 'Central’s domain clock and how far it has been moved (demo profile only)',
      security: [],
      response: { 200: dev.devClockSchema, ...problems(404) },
    },
  },
  advanceClock: {
    method: 'POST',
    url: '/dev/clock',
    config: { access: 'demo' },
    schema: {
      operationId: 'advanceClock',
      tags: ['dev'],
      summary: 'Move central’s domain clock forward, e.g. past an SMS code’s life (demo profile only)',
      security: [],
      body: dev.clockAdvanceSchema,
      response: { 200: dev.devClockSchema, ...problems(404, ...BODY) },
    },
  },
} as const;

export type RouteName = keyof typeof routes;
