import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * One block under TDES or AES in ECB without padding, by node:crypto: a PIN
 * block is exactly one cipher block (8 bytes TDES, 16 bytes AES), so ECB is
 * what ISO 9564 prescribes here, not a shortcut.
 */

export type PinKeyAlgorithm = 'tdes' | 'aes';

/** The OpenSSL cipher for a key, or undefined for a key of the wrong length. */
function cipherName(algorithm: PinKeyAlgorithm, key: Uint8Array): string | undefined {
  if (algorithm === 'tdes') {
    // Double-length keys are K1 K2 (K3 = K1), triple-length K1 K2 K3.
    if (key.length === 16) return 'des-ede';
    if (key.length === 24) return 'des-ede3';
    return undefined;
  }
  return key.length === 16 || key.length === 24 || key.length === 32 ? `aes-${key.length * 8}-ecb` : undefined;
}

export function isKeyLengthValid(algorithm: PinKeyAlgorithm, key: Uint8Array): boolean {
  return cipherName(algorithm, key) !== undefined;
}

export function blockSize(algorithm: PinKeyAlgorithm): number {
  return algorithm === 'tdes' ? 8 : 16;
}

function run(direction: 'encipher' | 'decipher', algorithm: PinKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array {
  const name = cipherName(algorithm, key);
  if (name === undefined) throw new RangeError(`a ${algorithm} key cannot be ${key.length} bytes`);
  if (block.length !== blockSize(algorithm)) throw new RangeError(`a ${algorithm} block is ${blockSize(algorithm)} bytes, got ${block.length}`);
  const cipher = direction === 'encipher' ? createCipheriv(name, key, null) : createDecipheriv(name, key, null);
  cipher.setAutoPadding(false);
  return Uint8Array.from(Buffer.concat([cipher.update(block), cipher.final()]));
}

export const encipherBlock = (algorithm: PinKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array => run('encipher', algorithm, key, block);
export const decipherBlock = (algorithm: PinKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array => run('decipher', algorithm, key, block);

/**
 * Key check value: the first 3 bytes of the key enciphering a block of zeros,
 * as 6 upper-case hex digits. Throws RangeError for a key of the wrong length
 * (keys are configuration, checked once where they are loaded).
 */
export function keyCheckValue(key: Uint8Array, algorithm: PinKeyAlgorithm): string {
  const zeros = new Uint8Array(blockSize(algorithm));
  return Buffer.from(encipherBlock(algorithm, key, zeros).subarray(0, 3)).toString('hex').toUpperCase();
}
