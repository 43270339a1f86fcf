import * as citizen from '../citizen';
import { signedBankAttestationSchema } from '../bankAttestation';
import { receiptSmsSchema, receiptSmsSentSchema } from '../receipts';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { citizenAtKiosk } from './security';

/** Accounts: registration, activation (fingerprint or bank), SMS codes. */
export const accountRoutes = defineRoutes(citizenAtKiosk('account'), {
  startRegistration: {
    method: 'POST',
    url: '/v1/citizens/registrations',
    summary: 'Check every registration condition and send an SMS code to the mobile',
    body: citizen.registrationSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  confirmRegistration: {
    method: 'POST',
    url: '/v1/citizens/registrations/:challengeId/confirm',
    summary: 'Enter the SMS code: the account is created (registered)',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 201: citizen.accountSummarySchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  startActivation: {
    method: 'POST',
    url: '/v1/citizens/activations',
    summary: 'Activate by fingerprint: SMS code to the mobile registered to the ID',
    body: citizen.activationSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  confirmActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/:challengeId/confirm',
    summary: 'Enter the SMS code: the account is active',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.accountSummarySchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  sendActivatedUsername: {
    method: 'POST',
    url: '/v1/citizens/activations/:challengeId/username-sms',
    summary: 'Just activated at this kiosk: the full username by SMS to the account’s mobile, masked on screen',
    description:
      'Only for an activation this kiosk has just confirmed with this challenge (within 15 minutes of it): the challenge binds the call to that one account, so nothing here names or probes an account. The SMS goes once per activation; a second call answers as the first did and sends nothing. Anything else is 404 challenge_not_found.',
    params: citizen.challengeIdParamsSchema,
    response: { 200: citizen.usernameRecoveredSchema, ...problems(...MTLS, 404, 422, 429) },
  },
  previewBankActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/bank/preview',
    summary: 'ATM: the ID and masked mobile to show for confirmation, from the bank’s signed attestation',
    description:
      'Verifies the attestation (signature under a trusted bank key, audience, 30 s clock skew) and the card link without using it up: the same attestation then goes to requestBankActivation. Refusals: bank_attestation_invalid (forged, unknown bank or key, wrong audience, malformed), bank_attestation_expired (expired or not yet valid).',
    body: signedBankAttestationSchema,
    response: { 200: citizen.bankActivationPreviewSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  requestBankActivation: {
    method: 'POST',
    url: '/v1/citizens/activations/bank',
    summary: 'ATM: bank-attested activation; pending_bank now, active later with an SMS',
    description:
      'Each attestation (its jti) activates once: a second request with it is 409 bank_attestation_replayed, unless it is a retry with the same Idempotency-Key and body, which answers as the first did. A refusal changes nothing. Central completes pending_bank activations after the bank activation delay and sends the SMS once.',
    body: signedBankAttestationSchema,
    response: { 202: citizen.bankActivationAcceptedSchema, ...problems(...MTLS, 404, 409, 422, 429, ...BODY) },
  },
  sendReceiptSms: {
    method: 'POST',
    url: '/v1/citizens/receipts/sms',
    summary: 'The printer cannot print: the result’s receipt by SMS to the account’s own mobile',
    description:
      'Only for a result this kiosk has just completed (within 15 minutes): `reference` is the Idempotency-Key of the call that completed it here (activation, password reset or change, username recovery, mobile change, e-mail change, address change, a catalogue form such as an objection), and `kind` must be that result’s receipt. Central sends to the account’s own mobile, in the session’s language (Accept-Language), with what the printed receipt shows: its title, the reference, the kiosk, the time and the ID’s last four digits. One SMS per result: a second call answers as the first did and sends nothing. Anything else is 404 receipt_not_found.',
    body: receiptSmsSchema,
    response: { 200: receiptSmsSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  resendCode: {
    method: 'POST',
    url: '/v1/citizens/challenges/:challengeId/resend',
    summary: 'Send a new SMS code for a pending challenge (voids the old one)',
    params: citizen.challengeIdParamsSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429) },
  },
});
