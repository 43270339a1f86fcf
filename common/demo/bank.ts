import type { BankPublicJwk, TrustedBank } from '../wire/bankAttestation';
import { DEMO_BANK_CODES } from './population';

/**
 * TEST-ONLY KEYS. The simulated bank host's Ed25519 signing key, made once
 * for the demo and the tests and published here on purpose: anyone can sign
 * an attestation with it, so only a demo-profile central trusts it, and a
 * production central refuses to start with it in its trust list
 * (central/options.ts). A real bank keeps its private key in its HSM and
 * gives the ministry only the public half.
 *
 * The simulated bank host answers for every bank of the demo population
 * (DEMO_BANK_CODES) with this one key: it signs with
 * `{alg: "EdDSA", kid: demoBankKeyId(bankCode)}` and `iss: bankCode`.
 */
export const DEMO_BANK_PRIVATE_JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'EbFjivXGl32ItqTDDRG66KQEUkfKcTYGBpEzUIKTvM4',
  d: 'BtDU_uSLwmWNk8WVJPxovs3QKpsPGIzdPRXPCNZZaWQ',
} as const;

/** The public half of DEMO_BANK_PRIVATE_JWK: what the demo central verifies with. */
export const DEMO_BANK_PUBLIC_JWK: BankPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: DEMO_BANK_PRIVATE_JWK.x };

/** The demo key is each demo bank's first key. */
export function demoBankKeyId(bankCode: string): string {
  return `${bankCode}-1`;
}

/** What a demo-profile central trusts by default: the demo key for every demo bank. */
export const DEMO_TRUSTED_BANKS: readonly TrustedBank[] = DEMO_BANK_CODES.map((bankCode) => ({ bankCode, kid: demoBankKeyId(bankCode), publicJwk: DEMO_BANK_PUBLIC_JWK }));
