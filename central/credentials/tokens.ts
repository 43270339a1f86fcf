import { randomBytes, randomInt } from 'node:crypto';

/** Bearer secrets (verification tokens, sessions): 256 random bits; only their keyed hash is stored (credentials/keyed.ts). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newOtp(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

export function newId(prefix: string, bytes: number, format: 'hex' | 'HEX' = 'hex'): string {
  const hex = randomBytes(bytes).toString('hex');
  return `${prefix}${format === 'HEX' ? hex.toUpperCase() : hex}`;
}

/** Enrolment codes people read aloud and type: no 0/O or 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newEnrolmentCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
