import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type JWK, SignJWT } from 'jose';
import { DEMO_BANK_PRIVATE_JWK, demoBankKeyId } from '../../common/demo/bank';
import { BANK_ATTESTATION_AUDIENCE, BANK_ATTESTATION_LIFETIME_SECONDS, bankPublicJwkSchema, type TrustedBank } from '../../common/wire/bankAttestation';

/** What an attestation says; anything a spec wants wrong it overrides. Times in seconds since the epoch. */
interface AttestationFields {
  readonly idNumber: string;
  readonly panLast4: string;
  /** Central's domain clock, ms: iat defaults to it. */
  readonly now: number;
  readonly iss?: string;
  readonly aud?: string;
  readonly jti?: string;
  readonly iat?: number;
  readonly exp?: number;
  readonly kid?: string;
  readonly extraClaims?: Record<string, unknown>;
}

/** A fresh random 128-bit jti, base64url, as the bank host makes them. */
function newJti(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A bank that signs attestations the way the bank host does (compact JWS,
 * EdDSA, `kid` = `<bankCode>-<n>`), for specs: a fresh key of its own
 * (`TestBank.create`) or the published demo key (`TestBank.demo`).
 */
export class TestBank {
  private constructor(
    readonly bankCode: string,
    readonly trusted: TrustedBank,
    private readonly privateJwk: JWK,
  ) {}

  /** A bank with a fresh Ed25519 key of its own (synchronous, so a spec can build its central's trust list at describe time). */
  static create(bankCode: string, keyNumber = 1): TestBank {
    const { privateKey } = generateKeyPairSync('ed25519');
    const privateJwk = privateKey.export({ format: 'jwk' });
    const publicJwk = bankPublicJwkSchema.parse({ kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x });
    return new TestBank(bankCode, { bankCode, kid: `${bankCode}-${keyNumber}`, publicJwk }, privateJwk);
  }

  /** The simulated bank host: the published demo key, which only a demo-profile central trusts. */
  static demo(bankCode: string): TestBank {
    const publicJwk = bankPublicJwkSchema.parse({ kty: DEMO_BANK_PRIVATE_JWK.kty, crv: DEMO_BANK_PRIVATE_JWK.crv, x: DEMO_BANK_PRIVATE_JWK.x });
    return new TestBank(bankCode, { bankCode, kid: demoBankKeyId(bankCode), publicJwk }, { ...DEMO_BANK_PRIVATE_JWK });
  }

  /** The same bank code and kid as this one, but another key: what a forger with the bank's name and no key has. */
  impostor(): TestBank {
    const other = TestBank.create(this.bankCode);
    return new TestBank(this.bankCode, this.trusted, other.privateJwk);
  }

  async sign(fields: AttestationFields): Promise<string> {
    const iat = fields.iat ?? Math.floor(fields.now / 1000);
    return new SignJWT({ panLast4: fields.panLast4, ...fields.extraClaims })
      .setProtectedHeader({ alg: 'EdDSA', kid: fields.kid ?? this.trusted.kid })
      .setIssuer(fields.iss ?? this.bankCode)
      .setAudience(fields.aud ?? BANK_ATTESTATION_AUDIENCE)
      .setSubject(fields.idNumber)
      .setJti(fields.jti ?? newJti())
      .setIssuedAt(iat)
      .setExpirationTime(fields.exp ?? iat + BANK_ATTESTATION_LIFETIME_SECONDS)
      .sign(this.privateJwk);
  }
}
