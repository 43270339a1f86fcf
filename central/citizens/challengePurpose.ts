/** The journeys that end with an SMS code. A challenge answers only its own journey's confirm. */
export type ChallengePurpose =
  | 'registration'
  | 'activation'
  | 'signIn'
  | 'passwordReset'
  | 'usernameRecovery'
  | 'mobileChange'
  // Edit user information, signed in (profile.ts, signedInMobile.ts).
  | 'emailChange'
  | 'passwordChange'
  | 'mobileChangeCurrent'
  | 'mobileChangeNew';
