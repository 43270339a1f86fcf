import * as citizen from '../citizen';
import { BODY, MTLS, problems } from './problems';
import { KIOSK } from './security';

/** Every citizen action: its Idempotency-Key and the session's language (Accept-Language). */
const action = citizen.citizenHeadersSchema;

/** Recovery: password reset, username recovery, lost mobile. */
export const recoveryRoutes = {
  startFingerprintPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/fingerprint',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'startFingerprintPasswordReset',
      tags: ['recovery'],
      summary: 'Kiosk way: fingerprint verification + new password, then SMS code',
      security: KIOSK,
      headers: action,
      body: citizen.fingerprintPasswordResetSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  getSecurityQuestion: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question/lookup',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'getSecurityQuestion',
      tags: ['recovery'],
      summary: 'Web way, step 1: the account’s security question for ID + registered mobile',
      security: KIOSK,
      headers: action,
      body: citizen.securityQuestionLookupSchema,
      response: { 200: citizen.securityQuestionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  startSecurityQuestionPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'startSecurityQuestionPasswordReset',
      tags: ['recovery'],
      summary: 'Web way, step 2: ID + mobile + answer + new password, then SMS code',
      description: 'Wrong answers count with failed sign-ins towards the account lock.',
      security: KIOSK,
      headers: action,
      body: citizen.securityQuestionPasswordResetSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  confirmPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/:challengeId/confirm',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmPasswordReset',
      tags: ['recovery'],
      summary: 'Enter the SMS code: password updated, sign-in lock cleared',
      security: KIOSK,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  recoverUsernameByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/fingerprint',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'recoverUsernameByFingerprint',
      tags: ['recovery'],
      summary: 'Fingerprint verification: masked username now, full username by SMS',
      security: KIOSK,
      headers: action,
      body: citizen.fingerprintUsernameRecoverySchema,
      response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  startSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/sms',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'startSmsUsernameRecovery',
      tags: ['recovery'],
      summary: 'ID + registered mobile: SMS code first',
      security: KIOSK,
      headers: action,
      body: citizen.smsUsernameRecoverySchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  confirmSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/:challengeId/confirm',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmSmsUsernameRecovery',
      tags: ['recovery'],
      summary: 'Enter the SMS code: masked username now, full username by SMS',
      security: KIOSK,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  startMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'startMobileChange',
      tags: ['recovery'],
      summary: 'Lost mobile: fingerprint verification + new number, SMS code to the new number',
      security: KIOSK,
      headers: action,
      body: citizen.mobileChangeSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  confirmMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes/:challengeId/confirm',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmMobileChange',
      tags: ['recovery'],
      summary: 'Enter the SMS code: the number moves to this account (and leaves any other)',
      security: KIOSK,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.mobileChangedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
} as const;
