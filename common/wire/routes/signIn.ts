import * as citizen from '../citizen';
import { BODY, MTLS, problems } from './problems';
import { CITIZEN, KIOSK } from './security';

/** Every citizen action: its Idempotency-Key and the session's language (Accept-Language). */
const action = citizen.citizenHeadersSchema;

/** Citizen sign-in and sign-out. */
export const signInRoutes = {
  signIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'signIn',
      tags: ['sign-in'],
      summary: 'Username or ID + password: SMS code (the temporary password) to the account’s mobile',
      security: KIOSK,
      headers: action,
      body: citizen.signInSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 423, 429, ...BODY) },
    },
  },
  confirmSignIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in/:challengeId/confirm',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmSignIn',
      tags: ['sign-in'],
      summary: 'Enter the SMS code: a citizen session',
      security: KIOSK,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
    },
  },
  signInByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/sign-in/fingerprint',
    config: { access: 'kiosk', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'signInByFingerprint',
      tags: ['sign-in'],
      summary: 'ID card + fingerprint: a citizen session straight from a fingerprint verification',
      security: KIOSK,
      headers: action,
      body: citizen.biometricSignInSchema,
      response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  signOut: {
    method: 'POST',
    url: '/v1/citizens/me/sign-out',
    config: { access: 'citizen', rateLimitClass: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'signOut',
      tags: ['sign-in'],
      summary: 'End the citizen session',
      security: CITIZEN,
      headers: action,
      response: { 200: citizen.emptyAnswerSchema, ...problems(...MTLS, 429) },
    },
  },
} as const;
