import 'reflect-metadata';
import type { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** @peculiar/x509 with Node's WebCrypto: the one place the provider is chosen. */
x509.cryptoProvider.set(globalThis.crypto);

export { x509 };

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;

const EC_P256: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const ECDSA_SHA256: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
}

export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = await globalThis.crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function privateKeyFromPem(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return globalThis.crypto.subtle.importKey('pkcs8', der, EC_P256, true, ['sign']);
}

/** Positive 128-bit serial, lower-case hex with no leading zero (RFC 5280: ≤ 20 octets, non-negative), so it reads back the same from Node. */
export function randomSerial(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = 0x10 + ((bytes[0] ?? 0) % 0x70);
  return Buffer.from(bytes).toString('hex');
}
