import * as citizen from '../citizen';
import { defineRoutes } from './define';
import { BODY, MTLS, problems } from './problems';
import { OPEN_WITH_TEMPORARY_PASSWORD, signedInCitizen } from './security';

/**
 * Edit user information (تعديل معلومات المستخدم), signed in. RULES.md: an
 * e-mail, password or mobile change is confirmed by an SMS code to the
 * registered mobile (a new mobile also by a code sent to it); each start
 * answers the code sent, each confirm the change made. The address needs no
 * code. Every change ends with an SMS notice to the account's mobile.
 */
export const editRoutes = defineRoutes(signedInCitizen('me'), {
  changeEmail: {
    method: 'POST',
    url: '/v1/citizens/me/email',
    summary: 'Change e-mail (entered twice): a code goes to the registered mobile',
    body: citizen.emailChangeSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 429, ...BODY) },
  },
  confirmEmailChange: {
    method: 'POST',
    url: '/v1/citizens/me/email/:challengeId/confirm',
    summary: 'Enter the SMS code: the new e-mail is saved',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.profileSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  changePassword: {
    method: 'POST',
    url: '/v1/citizens/me/password',
    config: OPEN_WITH_TEMPORARY_PASSWORD,
    summary: 'Change password (current, new, confirmation): a code goes to the registered mobile',
    description: 'A wrong current password counts towards the account lock like a failed sign-in (password_current_wrong with attemptsRemaining; the fifth answers 423 account_locked, and a locked account is refused unchecked).',
    body: citizen.passwordChangeSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 423, 429, ...BODY) },
  },
  confirmPasswordChange: {
    method: 'POST',
    url: '/v1/citizens/me/password/:challengeId/confirm',
    config: OPEN_WITH_TEMPORARY_PASSWORD,
    summary: 'Enter the SMS code: the new password applies (and clears a bank temporary password)',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.passwordUpdatedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  changeMobileSignedIn: {
    method: 'POST',
    url: '/v1/citizens/me/mobile',
    summary: 'Change mobile: a code goes to the registered mobile first',
    body: citizen.signedInMobileChangeSchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 422, 429, ...BODY) },
  },
  confirmCurrentMobile: {
    method: 'POST',
    url: '/v1/citizens/me/mobile/:challengeId/confirm-current',
    summary: 'Enter the code sent to the registered mobile: a code goes to the new number',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 202: citizen.codeSentSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  confirmNewMobile: {
    method: 'POST',
    url: '/v1/citizens/me/mobile/:challengeId/confirm',
    summary: 'Enter the code sent to the new number: the number moves to this account (and leaves any other)',
    params: citizen.challengeIdParamsSchema,
    body: citizen.codeEntrySchema,
    response: { 200: citizen.mobileChangedSchema, ...problems(...MTLS, 404, 422, 429, ...BODY) },
  },
  changeAddress: {
    method: 'POST',
    url: '/v1/citizens/me/address',
    summary: 'Change the national address (RULES.md format; address_invalid names each part to fix)',
    body: citizen.addressChangeSchema,
    response: { 200: citizen.profileSchema, ...problems(...MTLS, 422, 429, ...BODY) },
  },
});
