import * as citizen from '../citizen';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { citizenAtKiosk } from './security';

/** Recovery: password reset, username recovery, lost mobile. */
export const recoveryRoutes = defineRoutes(citizenAtKiosk('recovery'), {
  startFingerprintPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/fingerprint',
    summary: 'Kiosk way: fingerprint verification + new password, then SMS code',
    body: citizen.fingerprintPasswordResetSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  getSecurityQuestion: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question/lookup',
    summary: 'Web way, step 1: the account’s security question for ID + registered mobile',
    body: citizen.securityQuestionLookupSchema,
    response: { 200: citizen.securityQuestionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
  },
  startSecurityQuestionPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/security-question',
    summary: 'Web way, step 2: ID + mobile + answer + new password, then SMS code',
    description: 'Wrong answers count with failed sign-ins towards the account lock.',
    body: citizen.securityQuestionPasswordResetSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
  },
  confirmPasswordReset: {
    method: 'POST',
    url: '/v1/citizens/password-resets/:challengeId/confirm',
    summary: 'Enter the SMS code: password updated, sign-in lock cleared',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  recoverUsernameByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/fingerprint',
    summary: 'Fingerprint verification: masked username now, full username by SMS',
    body: citizen.fingerprintUsernameRecoverySchema,
    response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  startSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/sms',
    summary: 'ID + registered mobile: SMS code first',
    body: citizen.smsUsernameRecoverySchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  confirmSmsUsernameRecovery: {
    method: 'POST',
    url: '/v1/citizens/username-recoveries/:challengeId/confirm',
    summary: 'Enter the SMS code: masked username now, full username by SMS',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  startMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes',
    summary: 'Lost mobile: fingerprint verification + new number, SMS code to the new number',
    body: citizen.mobileChangeSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  confirmMobileChange: {
    method: 'POST',
    url: '/v1/citizens/mobile-changes/:challengeId/confirm',
    summary: 'Enter the SMS code: the number moves to this account (and leaves any other)',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.mobileChangedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
});
