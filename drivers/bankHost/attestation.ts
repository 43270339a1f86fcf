import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { importJWK, type JWK, SignJWT } from 'jose';
import { DEMO_BANK_PRIVATE_JWK, demoBankKeyId } from '../../common/demo/bank';
import { DEMO_BANK_CODES } from '../../common/demo/population';
import { err, ok, type Result } from '../../common/result';
import {
  BANK_ATTESTATION_ALGORITHM,
  BANK_ATTESTATION_AUDIENCE,
  BANK_ATTESTATION_LIFETIME_SECONDS,
  bankCodeSchema,
  bankKeyIdSchema,
  bankPublicJwkSchema,
  type TrustedBank,
} from '../../common/wire/bankAttestation';

/**
 * The bank's word that a card holder is national ID N: a compact JWS in the
 * format of common/wire/bankAttestation.ts, which the kiosk carries to central
 * unchanged and central verifies before it moves the account to pending_bank.
 *
 * The simulated host answers for every issuing bank of its cards, as a card
 * network's switch does: an attestation is signed with the key of the card's
 * bank (`iss` = that bank's code, `kid` = that key's id).
 */

export interface BankSigningKey {
  readonly bankCode: string;
  /** `<bankCode>-<n>` */
  readonly kid: string;
  /** Ed25519 (`kty: OKP`, `crv: Ed25519`, with `d`). */
  readonly privateJwk: Readonly<JWK>;
}

/** TEST ONLY: the published demo key (common/demo/bank.ts) under every bank of the demo population. */
export const DEMO_SIGNING_KEYS: readonly BankSigningKey[] = DEMO_BANK_CODES.map((bankCode) => ({ bankCode, kid: demoBankKeyId(bankCode), privateJwk: DEMO_BANK_PRIVATE_JWK }));

export interface AttestationSubject {
  /** The card's issuing bank: the attestation's issuer. */
  readonly bankCode: string;
  readonly nationalIdNumber: string;
  readonly panLast4: string;
}

export interface SignedAttestation {
  readonly token: string;
  readonly jti: string;
}

/** The host holds no signing key for the card's bank: a configuration error, not the card holder's. */
export type SigningError = { readonly type: 'noSigningKey'; readonly bankCode: string };

export interface AttestationSigner {
  sign(subject: AttestationSubject, nowMs: number): Promise<Result<SignedAttestation, SigningError>>;
  /** The bank codes it signs for. */
  readonly bankCodes: readonly string[];
  /** What central must trust to accept its attestations: each key's bank, kid and public half. */
  readonly trustedBanks: readonly TrustedBank[];
}

type SignKey = Awaited<ReturnType<typeof importJWK>>;

/** The public half, derived from `d`; a JWK whose `x` is not that half is refused. */
function publicHalf(key: BankSigningKey): TrustedBank['publicJwk'] {
  let derived: JWK;
  try {
    derived = createPublicKey(createPrivateKey({ key: { ...key.privateJwk }, format: 'jwk' })).export({ format: 'jwk' });
  } catch {
    throw new RangeError(`${key.kid}: the private key is not an Ed25519 JWK with d`);
  }
  const publicJwk = bankPublicJwkSchema.safeParse({ kty: derived.kty, crv: derived.crv, x: derived.x });
  if (!publicJwk.success) throw new RangeError(`${key.kid}: the private key is not Ed25519`);
  if (key.privateJwk.x !== undefined && key.privateJwk.x !== publicJwk.data.x) throw new RangeError(`${key.kid}: x is not the public half of d`);
  return publicJwk.data;
}

/**
 * Imports the keys once, one per bank. Throws for what cannot sign
 * attestations central reads (configuration errors at start): a bank code
 * or kid out of format, a kid of another bank, a key that is not Ed25519,
 * two keys for one bank.
 */
export async function attestationSigner(keys: readonly BankSigningKey[]): Promise<AttestationSigner> {
  const byBank = new Map<string, { readonly kid: string; readonly key: SignKey }>();
  const trustedBanks: TrustedBank[] = [];
  for (const key of keys) {
    if (!bankCodeSchema.safeParse(key.bankCode).success) throw new RangeError(`bank code must be 2 to 12 of A-Z 0-9, got ${JSON.stringify(key.bankCode)}`);
    if (!bankKeyIdSchema.safeParse(key.kid).success || !key.kid.startsWith(`${key.bankCode}-`)) throw new RangeError(`kid must be ${key.bankCode}-<n>, got ${JSON.stringify(key.kid)}`);
    if (byBank.has(key.bankCode)) throw new RangeError(`one signing key per bank: ${key.bankCode} has two`);
    const publicJwk = publicHalf(key);
    byBank.set(key.bankCode, { kid: key.kid, key: await importJWK({ ...key.privateJwk }, BANK_ATTESTATION_ALGORITHM) });
    trustedBanks.push({ bankCode: key.bankCode, kid: key.kid, publicJwk });
  }
  return {
    bankCodes: [...byBank.keys()],
    trustedBanks,
    async sign({ bankCode, nationalIdNumber, panLast4 }, nowMs) {
      const signing = byBank.get(bankCode);
      if (!signing) return err({ type: 'noSigningKey', bankCode });
      const iat = Math.floor(nowMs / 1000);
      const jti = randomBytes(16).toString('base64url');
      const token = await new SignJWT({ panLast4 })
        .setProtectedHeader({ alg: BANK_ATTESTATION_ALGORITHM, kid: signing.kid })
        .setIssuer(bankCode)
        .setAudience(BANK_ATTESTATION_AUDIENCE)
        .setSubject(nationalIdNumber)
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(iat + BANK_ATTESTATION_LIFETIME_SECONDS)
        .sign(signing.key);
      return ok({ token, jti });
    },
  };
}
