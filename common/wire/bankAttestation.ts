import { z } from 'zod';

/**
 * The bank's signed attestation (ATM mode, issue 12): after the card and PIN
 * check, the bank host vouches that the card holder is national ID `sub` as a
 * compact JWS (RFC 7515) signed with its Ed25519 key; the ATM kiosk passes it
 * to central as it is, and central verifies it against the public keys of the
 * banks it trusts. Shared by the bank host (which signs, with `jose`) and
 * central (which verifies, with `jose`); this file only says what is valid.
 *
 * Protected header: `{alg: "EdDSA", kid: "<bankCode>-<n>"}`.
 * Claims: `{iss: bankCode, aud: "moi-central", sub: ID number, panLast4, jti, iat, exp}`
 * with `exp = iat + 300` (seconds since the epoch) and a fresh random
 * 128-bit `jti` (base64url or hex) per attestation: central accepts each `jti`
 * for one activation only.
 */

/** The `aud` every attestation for central carries. */
export const BANK_ATTESTATION_AUDIENCE = 'moi-central';
/** The only JWS algorithm central accepts (Ed25519). */
export const BANK_ATTESTATION_ALGORITHM = 'EdDSA';
/** `exp - iat` as the bank issues it; central refuses a longer-lived attestation. */
export const BANK_ATTESTATION_LIFETIME_SECONDS = 300;
/** How far apart the bank's clock and central's may be: `iat` up to this far ahead and `exp` up to this far behind still pass. */
export const BANK_ATTESTATION_CLOCK_SKEW_SECONDS = 30;
/** Characters; a real attestation is about 350. */
const BANK_ATTESTATION_MAX_LENGTH = 2048;

export const bankCodeSchema = z.string().regex(/^[A-Z0-9]{2,12}$/).describe('The bank’s code (RJHI, SNB, …).');
export const bankKeyIdSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,12}-[0-9]{1,6}$/)
  .describe('<bankCode>-<n>: the bank’s n-th signing key.');

export const bankAttestationHeaderSchema = z
  .object({ alg: z.literal(BANK_ATTESTATION_ALGORITHM), kid: bankKeyIdSchema, typ: z.string().max(40).optional() })
  .strict();

export const bankAttestationClaimsSchema = z
  .object({
    iss: bankCodeSchema,
    aud: z.literal(BANK_ATTESTATION_AUDIENCE),
    sub: z.string().regex(/^[0-9]{10}$/).describe('The national ID / iqama number the bank vouches the card holder is.'),
    panLast4: z.string().regex(/^[0-9]{4}$/),
    jti: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22,64}$/)
      .describe('Random 128-bit id (22 base64url or 32 hex characters): one activation per jti.'),
    iat: z.number().int().positive(),
    exp: z.number().int().positive(),
  })
  .strict()
  .refine((claims) => claims.exp > claims.iat && claims.exp - claims.iat <= BANK_ATTESTATION_LIFETIME_SECONDS, {
    message: `exp must follow iat by at most ${BANK_ATTESTATION_LIFETIME_SECONDS} s`,
    path: ['exp'],
  });

/** A bank's Ed25519 public key as a JWK (RFC 8037). */
export const bankPublicJwkSchema = z
  .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
  .strict();
export type BankPublicJwk = z.infer<typeof bankPublicJwkSchema>;

/** One key central trusts: attestations with this `kid` must verify under `publicJwk` and carry `iss: bankCode`. */
export const trustedBankSchema = z.object({ bankCode: bankCodeSchema, kid: bankKeyIdSchema, publicJwk: bankPublicJwkSchema }).strict();
export type TrustedBank = z.infer<typeof trustedBankSchema>;

export const compactJwsSchema = z
  .string()
  .max(BANK_ATTESTATION_MAX_LENGTH)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a compact JWS: three base64url parts joined by dots');

/** The body of previewBankActivation and requestBankActivation: the bank host's attestation, unchanged. */
export const signedBankAttestationSchema = z
  .object({
    attestation: compactJwsSchema.describe(
      'Compact JWS by the bank host: header {alg: "EdDSA", kid: "<bankCode>-<n>"}; claims {iss: bankCode, aud: "moi-central", sub: ID number, panLast4, jti, iat, exp = iat + 300}.',
    ),
  })
  .strict()
  .meta({ id: 'SignedBankAttestation' });
