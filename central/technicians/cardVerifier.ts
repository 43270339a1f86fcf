import { randomBytes } from 'node:crypto';
import { TECHNICIAN_SECRET_BYTES, verifierInput } from '../../common/rules/technicianCardSecret';
import { hashSecret, type ScryptCost, verifySecret } from '../credentials/passwords';

/**
 * The offline verifier of a technician (issue 13): scrypt over the PIN and
 * the 128-bit secret on the technician's card (technicianCardSecret.ts,
 * `verifierInput`), as `scrypt$N$r$p$salt$hash` (base64). Central keeps
 * only this, never the card secret, and pushes it to kiosks in their
 * configuration (`offlineVerifier: { scheme: 'pinAndCard', hash }`): a copied
 * configuration is no use without the physical card, whose 2^128 secrets
 * no PIN search gets through. The kiosk checks it with
 * electron/core/maintenance/offlinePin.ts, byte for byte the same input.
 */

/** N = 2^14, r = 8, p = 1: one check takes about 60 ms on the project's build machine (2 cores; README, maintenance). */
const CARD_VERIFIER_COST: ScryptCost = { N: 16_384, r: 8, p: 1 };

/** A new card's secret: 128 random bits. */
export function newCardSecret(): Uint8Array {
  return new Uint8Array(randomBytes(TECHNICIAN_SECRET_BYTES));
}

/** The verifier of `pin` with the card that carries `secret`, under a fresh salt: central's own scrypt format (credentials/passwords.ts). */
export function makeCardVerifier(pin: string, secret: Uint8Array, cost: ScryptCost = CARD_VERIFIER_COST): Promise<string> {
  return hashSecret(verifierInput(pin, secret), cost);
}

/** Whether `pin` with `secret` matches `verifier` (central's own tests and tools; the kiosk has its own copy of the check). */
export function cardVerifierMatches(pin: string, secret: Uint8Array, verifier: string): Promise<boolean> {
  return verifySecret(verifierInput(pin, secret), verifier);
}
