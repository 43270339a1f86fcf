import type { JWK } from 'jose';

/**
 * TEST ONLY: the simulated bank's signing key, generated once (Ed25519) and
 * committed so the lab's bank host and central's demo profile agree on it.
 * A production bank's attestation keys are the bank's own: central is
 * configured with their public keys, and no private key is ever in this repo.
 *
 * Central may import only common/, so central's demo profile copies (or the
 * lead moves to common/demo) the public half: DEMO_BANK_CODE,
 * DEMO_BANK_KEY_ID and DEMO_BANK_PUBLIC_JWK.
 */

/** The issuer of the demo bank's attestations (/^[A-Z0-9]{2,12}$/). */
export const DEMO_BANK_CODE = 'DEMOBANK';
/** The JWS `kid`: `<bankCode>-<n>`, n counting the bank's key rotations. */
export const DEMO_BANK_KEY_ID = 'DEMOBANK-1';

export const DEMO_BANK_PUBLIC_JWK: Readonly<JWK> = Object.freeze({
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'LwkN4dzNVkzT-JvoSLJSTlnHDSB5dOCnchI-GyGBDVk',
});

/** TEST ONLY: public in this repository, so it proves nothing outside the demo. */
export const DEMO_BANK_PRIVATE_JWK: Readonly<JWK> = Object.freeze({
  ...DEMO_BANK_PUBLIC_JWK,
  d: 'jFvnVKwTj2cl1h4d0qT9iQ4vsjCjOIb5ybSeTMTMpJM',
});
