import { err, ok, type Result } from '../result';
import { isLuhnValid, luhnCheckDigit } from '../luhn';

/**
 * A technician card's secret (issue 13, the offline PIN check): 128 random
 * bits central issues with the card (`technicians issue-card`) and writes on
 * its track 3, so that the verifier central pushes to kiosks,
 * scrypt(PIN ‖ secret), cannot be brute-forced from a copied configuration
 * without the physical card.
 *
 * Track 3 (ISO 7811, numeric 5-bit set, at most 104 characters here with
 * the sentinels) carries, with SS `;` and ES `?` as the stripe has them:
 *
 *     ;99<card number, 16 digits>=<the secret, 39 decimal digits><check digit>?
 *
 * `99` is the ISO 4909 format code for private use; the card number is the
 * one on tracks 1 and 2 (technicianCard.ts, Luhn-valid); the secret is the
 * 128-bit number big-endian in decimal, zero-padded to 39 digits (2^128 − 1
 * has 39); the check digit is the Luhn digit of card number ‖ secret digits,
 * so any one misread digit is caught. (It does not bind the secret to the
 * card — a Luhn-valid card number adds nothing to the sum — so the reader
 * compares track 3's card number with the card's own; the verifier binds.)
 * The Sankyo reader hands tracks over without SS/ES (DEVICES.md): both forms
 * decode. Pure: no I/O, no randomness.
 */

export const TECHNICIAN_SECRET_BYTES = 16;
const SECRET_DIGITS = 39;
const FORMAT_CODE = '99';
const CARD_NUMBER = /^[0-9]{16}$/;
/** ISO 7811 track 3 as this project writes it: at most 104 characters, SS and ES included. */
export const TRACK3_MAX = 104;
const MAX_SECRET = (1n << 128n) - 1n;

export type TechnicianSecretError =
  | { readonly type: 'tooLong'; readonly length: number; readonly max: number }
  | { readonly type: 'badFormat'; readonly reason: 'characters' | 'formatCode' | 'separator' | 'length' }
  | { readonly type: 'badCardNumber' }
  | { readonly type: 'checkDigit' }
  | { readonly type: 'outOfRange' };

interface TechnicianCardSecret {
  /** The 16-digit technician card number (as on tracks 1 and 2). */
  readonly cardNumber: string;
  /** The 128-bit secret, 16 bytes. */
  readonly secret: Uint8Array;
}

function secretDigits(secret: Uint8Array): string {
  if (secret.length !== TECHNICIAN_SECRET_BYTES) throw new RangeError(`a technician card secret is ${TECHNICIAN_SECRET_BYTES} bytes, got ${secret.length}`);
  let value = 0n;
  for (const byte of secret) value = (value << 8n) | BigInt(byte);
  return value.toString(10).padStart(SECRET_DIGITS, '0');
}

function secretBytes(digits: string): Uint8Array | null {
  let value = BigInt(digits);
  if (value > MAX_SECRET) return null;
  const bytes = new Uint8Array(TECHNICIAN_SECRET_BYTES);
  for (let i = TECHNICIAN_SECRET_BYTES - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

/** Track 3's text, with sentinels, for a technician card: what the card writer encodes. Throws on a card number or secret that cannot be on a card. */
export function encodeTechnicianTrack3(cardNumber: string, secret: Uint8Array): string {
  if (!CARD_NUMBER.test(cardNumber) || !isLuhnValid(cardNumber)) throw new RangeError('a technician card number is 16 digits, Luhn-valid');
  const digits = secretDigits(secret);
  return `;${FORMAT_CODE}${cardNumber}=${digits}${luhnCheckDigit(`${cardNumber}${digits}`) ?? ''}?`;
}

/** Reads a technician card's track 3 (with or without SS/ES): the card number and the secret, or why the track is not one. */
export function decodeTechnicianTrack3(raw: string): Result<TechnicianCardSecret, TechnicianSecretError> {
  if (raw.length > TRACK3_MAX) return err({ type: 'tooLong', length: raw.length, max: TRACK3_MAX });
  let body = raw.startsWith(';') ? raw.slice(1) : raw;
  if (body.endsWith('?')) body = body.slice(0, -1);
  if (!/^[0-9=]*$/.test(body)) return err({ type: 'badFormat', reason: 'characters' });
  if (!body.startsWith(FORMAT_CODE)) return err({ type: 'badFormat', reason: 'formatCode' });
  const fields = body.slice(FORMAT_CODE.length).split('=');
  if (fields.length !== 2) return err({ type: 'badFormat', reason: 'separator' });
  const [cardNumber, rest] = fields as [string, string];
  if (cardNumber.length !== 16 || rest.length !== SECRET_DIGITS + 1) return err({ type: 'badFormat', reason: 'length' });
  if (!isLuhnValid(cardNumber)) return err({ type: 'badCardNumber' });
  if (!isLuhnValid(`${cardNumber}${rest}`)) return err({ type: 'checkDigit' });
  const secret = secretBytes(rest.slice(0, SECRET_DIGITS));
  if (!secret) return err({ type: 'outOfRange' });
  return ok({ cardNumber, secret });
}

/**
 * What the verifier hashes: the PIN's ASCII digits followed by the 16 secret
 * bytes (the PIN is 4–8 digits and the secret fixed-length, so the joint is
 * unambiguous). Central (technicians/cardVerifier.ts) and the kiosk
 * (maintenance/offlinePin.ts) both scrypt exactly these bytes.
 */
export function verifierInput(pin: string, secret: Uint8Array): Uint8Array {
  if (!/^[0-9]{4,8}$/.test(pin)) throw new RangeError('a technician PIN is 4 to 8 digits');
  if (secret.length !== TECHNICIAN_SECRET_BYTES) throw new RangeError(`a technician card secret is ${TECHNICIAN_SECRET_BYTES} bytes`);
  const input = new Uint8Array(pin.length + TECHNICIAN_SECRET_BYTES);
  for (let i = 0; i < pin.length; i++) input[i] = pin.charCodeAt(i);
  input.set(secret, pin.length);
  return input;
}
