import * as citizen from '../citizen';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { CITIZEN, citizenAtKiosk, OPEN_WITH_TEMPORARY_PASSWORD } from './security';

/** Citizen sign-in and sign-out. */
export const signInRoutes = defineRoutes(citizenAtKiosk('sign-in'), {
  signIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in',
    summary: 'Username or ID + password: SMS code (the temporary password) to the account’s mobile',
    body: citizen.signInSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 423, 429, ...BODY) },
  },
  confirmSignIn: {
    method: 'POST',
    url: '/v1/citizens/sign-in/:challengeId/confirm',
    summary: 'Enter the SMS code: a citizen session',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 423, 429, ...BODY) },
  },
  signInByFingerprint: {
    method: 'POST',
    url: '/v1/citizens/sign-in/fingerprint',
    summary: 'ID card + fingerprint: a citizen session straight from a fingerprint verification',
    body: citizen.biometricSignInSchema,
    response: { 200: citizen.citizenSessionSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  signOut: {
    method: 'POST',
    url: '/v1/citizens/me/sign-out',
    config: OPEN_WITH_TEMPORARY_PASSWORD,
    summary: 'End the citizen session',
    security: CITIZEN,
    response: { 200: citizen.emptyAnswerSchema, ...problems(...MTLS, 429) },
  },
});
