/**
 * The journeys that end with an SMS code, as central and the kiosk both name
 * them: a challenge answers only its own journey's confirm.
 */
export const CODE_PURPOSES = [
  'registration',
  'activation',
  'signIn',
  'passwordReset',
  'usernameRecovery',
  'mobileChange',
  // Edit user information, signed in.
  'emailChange',
  'passwordChange',
  'mobileChangeCurrent',
  'mobileChangeNew',
] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];
