import { decodeProtectedHeader, errors, importJWK, jwtVerify } from 'jose';
import { err, ok, type Result } from '../../common/result';
import {
  BANK_ATTESTATION_ALGORITHM,
  BANK_ATTESTATION_AUDIENCE,
  BANK_ATTESTATION_CLOCK_SKEW_SECONDS,
  BANK_ATTESTATION_LIFETIME_SECONDS,
  bankAttestationClaimsSchema,
  bankAttestationHeaderSchema,
  type TrustedBank,
} from '../../common/wire/bankAttestation';
import type { Tx } from '../store/database';

/**
 * The bank's signed attestation (common/wire/bankAttestation.ts), checked
 * with `jose`: the signature under the key its `kid` names among the banks
 * central trusts, that key's bank as `iss`, our audience, its time window
 * (30 s of clock skew either way) and its claims. Single use is the store's
 * part: `attestationUsed` / `spendAttestation` inside the write transaction.
 */

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

/** The trusted bank keys, imported once at start, by `kid`. */
export class BankTrust {
  private constructor(private readonly keys: ReadonlyMap<string, { readonly bankCode: string; readonly key: VerifyKey }>) {}

  static async load(banks: readonly TrustedBank[]): Promise<BankTrust> {
    const keys = new Map<string, { bankCode: string; key: VerifyKey }>();
    for (const bank of banks) keys.set(bank.kid, { bankCode: bank.bankCode, key: await importJWK(bank.publicJwk, BANK_ATTESTATION_ALGORITHM) });
    return new BankTrust(keys);
  }

  keyFor(kid: string): { readonly bankCode: string; readonly key: VerifyKey } | undefined {
    return this.keys.get(kid);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** What a verified attestation vouches for; times in ms since the epoch. */
export interface VerifiedAttestation {
  readonly bankCode: string;
  readonly idNumber: string;
  readonly panLast4: string;
  readonly jti: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface AttestationRefusal {
  readonly code: 'bank_attestation_invalid' | 'bank_attestation_expired';
  /** For logs and the problem's detail: which check failed, never the claims' values. */
  readonly reason: string;
}

const invalid = (reason: string) => err<AttestationRefusal>({ code: 'bank_attestation_invalid', reason });
const expired = (reason: string) => err<AttestationRefusal>({ code: 'bank_attestation_expired', reason });

const SKEW_MS = BANK_ATTESTATION_CLOCK_SKEW_SECONDS * 1000;

/** Signature, issuer, audience, time window and claims; `now` is central's domain clock (ms). */
export async function verifyBankAttestation(trust: BankTrust, compact: string, now: number): Promise<Result<VerifiedAttestation, AttestationRefusal>> {
  let rawHeader: unknown;
  try {
    rawHeader = decodeProtectedHeader(compact);
  } catch {
    return invalid('not a JWS');
  }
  const header = bankAttestationHeaderSchema.safeParse(rawHeader);
  if (!header.success) return invalid('header is not {alg: EdDSA, kid}');
  const trusted = trust.keyFor(header.data.kid);
  if (!trusted) return invalid('no trusted bank key has this kid');
  try {
    const { payload } = await jwtVerify(compact, trusted.key, {
      algorithms: [BANK_ATTESTATION_ALGORITHM],
      audience: BANK_ATTESTATION_AUDIENCE,
      issuer: trusted.bankCode,
      currentDate: new Date(now),
      clockTolerance: BANK_ATTESTATION_CLOCK_SKEW_SECONDS,
      maxTokenAge: BANK_ATTESTATION_LIFETIME_SECONDS,
      requiredClaims: ['iss', 'aud', 'sub', 'jti', 'iat', 'exp'],
    });
    const claims = bankAttestationClaimsSchema.safeParse(payload);
    if (!claims.success) return invalid(`claims malformed: ${claims.error.issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : issue.code)).join(', ')}`);
    const { iss, sub, panLast4, jti, iat, exp } = claims.data;
    return ok({ bankCode: iss, idNumber: sub, panLast4, jti, issuedAt: iat * 1000, expiresAt: exp * 1000 });
  } catch (error) {
    if (error instanceof errors.JWTExpired) return expired(`${error.claim} is too old`);
    if (error instanceof errors.JWTClaimValidationFailed) {
      if ((error.claim === 'iat' || error.claim === 'nbf') && error.reason === 'check_failed') return expired(`not valid yet (${error.claim})`);
      return invalid(`${error.claim} ${error.reason === 'missing' ? 'missing' : 'unexpected'}`);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('signature does not verify');
    if (error instanceof errors.JOSEError) return invalid(error.code);
    throw error;
  }
}

/** Expired on the transaction's own clock reading (the check before it may have been a moment earlier). */
export function expiredBy(attestation: VerifiedAttestation, now: number): boolean {
  return attestation.expiresAt + SKEW_MS <= now;
}

export async function attestationUsed(tx: Tx, attestation: VerifiedAttestation): Promise<boolean> {
  return (await tx.get('SELECT 1 FROM bank_attestations_used WHERE bank_code = ? AND jti = ?', [attestation.bankCode, attestation.jti])) !== undefined;
}

/**
 * Records the attestation as used, in the transaction that acts on it, and
 * forgets those that have expired beyond the skew: they are refused as
 * expired before their jti is ever looked at.
 */
export async function spendAttestation(tx: Tx, attestation: VerifiedAttestation, now: number): Promise<void> {
  await tx.run('DELETE FROM bank_attestations_used WHERE expires_at + ? <= ?', [SKEW_MS, now]);
  await tx.run('INSERT INTO bank_attestations_used (bank_code, jti, expires_at, used_at) VALUES (?, ?, ?, ?)', [attestation.bankCode, attestation.jti, attestation.expiresAt, now]);
}
