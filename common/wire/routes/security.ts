import { citizenHeadersSchema } from '../citizen';

/** OpenAPI security requirements: the kiosk's client certificate, and with it a citizen's session token. */
export const KIOSK = [{ kioskCertificate: [] }];
export const CITIZEN = [{ kioskCertificate: [], citizenSession: [] }];

/** A citizen's action at a kiosk before signing in: the kiosk's certificate, the action's Idempotency-Key and the session's language. */
export const citizenAtKiosk = <const T extends string>(tag: T) => ({ tag, config: { access: 'kiosk', rateLimitClass: 'citizen' }, security: KIOSK, headers: citizenHeadersSchema }) as const;

/** A signed-in citizen's action: the kiosk's certificate and the session token, the action's Idempotency-Key and the session's language. */
export const signedInCitizen = <const T extends string>(tag: T) => ({ tag, config: { access: 'citizen', rateLimitClass: 'citizen' }, security: CITIZEN, headers: citizenHeadersSchema }) as const;

/**
 * A signed-in citizen's route that stays open while the account has a bank temporary password (the profile, changing
 * the password, signing out): every other signed-in route answers password_change_required until it is changed.
 */
export const OPEN_WITH_TEMPORARY_PASSWORD = { access: 'citizen', rateLimitClass: 'citizen', openWithTemporaryPassword: true } as const;
