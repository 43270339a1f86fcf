import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { TECHNICIAN_SECRET_BYTES, verifierInput } from '../../common/rules/technicianCardSecret';
import type { ScryptCost } from '../credentials/passwords';

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
const KEY_LENGTH = 32;

function derive(input: Uint8Array, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(input, salt, KEY_LENGTH, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A new card's secret: 128 random bits. */
export function newCardSecret(): Uint8Array {
  return new Uint8Array(randomBytes(TECHNICIAN_SECRET_BYTES));
}

/** The verifier of `pin` with the card that carries `secret`, under a fresh salt. */
export async function makeCardVerifier(pin: string, secret: Uint8Array, cost: ScryptCost = CARD_VERIFIER_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(verifierInput(pin, secret), salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `pin` with `secret` matches `verifier` (central's own tests and tools; the kiosk has its own copy of the check). */
export async function cardVerifierMatches(pin: string, secret: Uint8Array, verifier: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = verifier.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(verifierInput(pin, secret), Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
