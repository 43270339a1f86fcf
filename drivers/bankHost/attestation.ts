import { randomBytes } from 'node:crypto';
import { importJWK, type JWK, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * The bank's word that a card holder is national ID N: a compact JWS
 * (EdDSA/Ed25519) that the kiosk carries to central unchanged and central
 * verifies with the bank's public key before it moves the account to
 * pending_bank. Header `{alg: 'EdDSA', kid: '<bankCode>-<n>'}`; the claims
 * are below. `jti` lets central refuse a replay; `exp` = `iat` + 300 s.
 */

export const ATTESTATION_AUDIENCE = 'moi-central';
export const ATTESTATION_LIFETIME_SECONDS = 300;
export const BANK_CODE_PATTERN = /^[A-Z0-9]{2,12}$/;

export const attestationClaimsSchema = z
  .object({
    iss: z.string().regex(BANK_CODE_PATTERN),
    aud: z.literal(ATTESTATION_AUDIENCE),
    /** The national ID or iqama number the bank has on file for the card holder. */
    sub: z.string().regex(/^[0-9]{10}$/),
    panLast4: z.string().regex(/^[0-9]{4}$/),
    /** 128 random bits, base64url (22 characters). */
    jti: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .strict();
export type AttestationClaims = z.infer<typeof attestationClaimsSchema>;

export interface BankSigningKey {
  readonly bankCode: string;
  /** `<bankCode>-<n>` */
  readonly kid: string;
  readonly privateJwk: Readonly<JWK>;
}

export interface SignedAttestation {
  readonly token: string;
  readonly jti: string;
}

export type AttestationSigner = (subject: { readonly nationalIdNumber: string; readonly panLast4: string }, nowMs: number) => Promise<SignedAttestation>;

/** Imports the key once; throws for a bank code, kid or key that cannot sign attestations (configuration errors). */
export async function attestationSigner(key: BankSigningKey): Promise<AttestationSigner> {
  if (!BANK_CODE_PATTERN.test(key.bankCode)) throw new RangeError(`bank code must match ${BANK_CODE_PATTERN}, got ${JSON.stringify(key.bankCode)}`);
  if (!new RegExp(`^${key.bankCode}-[0-9]+$`).test(key.kid)) throw new RangeError(`kid must be ${key.bankCode}-<n>, got ${JSON.stringify(key.kid)}`);
  const privateKey = await importJWK({ ...key.privateJwk }, 'EdDSA');
  return async ({ nationalIdNumber, panLast4 }, nowMs) => {
    const iat = Math.floor(nowMs / 1000);
    const jti = randomBytes(16).toString('base64url');
    const token = await new SignJWT({ panLast4 })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer(key.bankCode)
      .setAudience(ATTESTATION_AUDIENCE)
      .setSubject(nationalIdNumber)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ATTESTATION_LIFETIME_SECONDS)
      .sign(privateKey);
    return { token, jti };
  };
}
