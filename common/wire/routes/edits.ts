import * as citizen from '../citizen';
import { BODY, MTLS, problems } from './problems';
import { CITIZEN } from './security';

/** Every citizen action: its Idempotency-Key and the session's language (Accept-Language). */
const action = citizen.citizenHeadersSchema;

/**
 * Edit user information (تعديل معلومات المستخدم), signed in. RULES.md: an
 * e-mail, password or mobile change is confirmed by an SMS code to the
 * registered mobile (a new mobile also by a code sent to it); each start
 * answers the code sent, each confirm the change made. The address needs no
 * code. Every change ends with an SMS notice to the account's mobile.
 */
export const editRoutes = {
  changeEmail: {
    method: 'POST',
    url: '/v1/citizens/me/email',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'changeEmail',
      tags: ['me'],
      summary: 'Change e-mail (entered twice): a code goes to the registered mobile',
      security: CITIZEN,
      headers: action,
      body: citizen.emailChangeSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  confirmEmailChange: {
    method: 'POST',
    url: '/v1/citizens/me/email/:challengeId/confirm',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmEmailChange',
      tags: ['me'],
      summary: 'Enter the SMS code: the new e-mail is saved',
      security: CITIZEN,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  changePassword: {
    method: 'POST',
    url: '/v1/citizens/me/password',
    config: { access: 'citizen', rateLimitClass: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'changePassword',
      tags: ['me'],
      summary: 'Change password (current, new, confirmation): a code goes to the registered mobile',
      description: 'A wrong current password counts towards the account lock like a failed sign-in (password_current_wrong with attemptsRemaining; the fifth answers 423 account_locked, and a locked account is refused unchecked).',
      security: CITIZEN,
      headers: action,
      body: citizen.passwordChangeSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 423, 429, ...BODY) },
    },
  },
  confirmPasswordChange: {
    method: 'POST',
    url: '/v1/citizens/me/password/:challengeId/confirm',
    config: { access: 'citizen', rateLimitClass: 'citizen', openWithTemporaryPassword: true },
    schema: {
      operationId: 'confirmPasswordChange',
      tags: ['me'],
      summary: 'Enter the SMS code: the new password applies (and clears a bank temporary password)',
      security: CITIZEN,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  changeMobileSignedIn: {
    method: 'POST',
    url: '/v1/citizens/me/mobile',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'changeMobileSignedIn',
      tags: ['me'],
      summary: 'Change mobile: a code goes to the registered mobile first',
      security: CITIZEN,
      headers: action,
      body: citizen.signedInMobileChangeSchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
  confirmCurrentMobile: {
    method: 'POST',
    url: '/v1/citizens/me/mobile/:challengeId/confirm-current',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmCurrentMobile',
      tags: ['me'],
      summary: 'Enter the code sent to the registered mobile: a code goes to the new number',
      security: CITIZEN,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  confirmNewMobile: {
    method: 'POST',
    url: '/v1/citizens/me/mobile/:challengeId/confirm',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'confirmNewMobile',
      tags: ['me'],
      summary: 'Enter the code sent to the new number: the number moves to this account (and leaves any other)',
      security: CITIZEN,
      headers: action,
      params: citizen.challengeIdParamsSchema,
      body: citizen.codeEntrySchema,
      response: { 200: citizen.mobileChangedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
    },
  },
  changeAddress: {
    method: 'POST',
    url: '/v1/citizens/me/address',
    config: { access: 'citizen', rateLimitClass: 'citizen' },
    schema: {
      operationId: 'changeAddress',
      tags: ['me'],
      summary: 'Change the national address (RULES.md format; address_invalid names each part to fix)',
      security: CITIZEN,
      headers: action,
      body: citizen.addressChangeSchema,
      response: { 200: citizen.profileSchema, ...problems(...MTLS, 422, 429, ...BODY) },
    },
  },
} as const;
