import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';

const format = 1;
const ivBytes = 12;
const tagBytes = 16;

type DecryptError = { type: 'tampered' } | { type: 'unknownFormat'; format: number };

/**
 * AES-256-GCM with the caller's associated data (an outbox row's txId, a key's
 * name): a ciphertext moved to another row or key slot fails authentication.
 * Layout: format byte ‖ 12-byte IV ‖ 16-byte tag ‖ ciphertext.
 */
export function seal(key: Buffer, associatedData: string, plaintext: Buffer): Buffer {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([format]), iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, associatedData: string, sealed: Buffer): Result<Buffer, DecryptError> {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  const version = sealed[0];
  if (version !== format) return err({ type: 'unknownFormat', format: version ?? -1 });
  if (sealed.length < 1 + ivBytes + tagBytes) return err({ type: 'tampered' });
  const iv = sealed.subarray(1, 1 + ivBytes);
  const tag = sealed.subarray(1 + ivBytes, 1 + ivBytes + tagBytes);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return ok(Buffer.concat([decipher.update(sealed.subarray(1 + ivBytes + tagBytes)), decipher.final()]));
  } catch {
    return err({ type: 'tampered' });
  }
}
