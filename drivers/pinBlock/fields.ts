import { err, ok, type Result } from '../../common/result';
import type { PinBlockError } from './errors';

/**
 * The clear fields of ISO 9564-1 PIN blocks (DEVICES.md §5), as bytes.
 * Format 0: PIN field `0 L PIN F…F` (16 nibbles) XOR account field `0000` + the
 * 12 rightmost PAN digits without the check digit.
 * Format 4: PIN field `4 L PIN A…A` (16 nibbles) + 8 random bytes; PAN field
 * `(length − 12)` nibble + PAN + `0` fill to 32 nibbles.
 */

const DIGITS = /^[0-9]*$/;

export function checkPin(pin: string): Result<string, PinBlockError> {
  if (!DIGITS.test(pin)) return err({ type: 'pinNotDigits' });
  if (pin.length < 4 || pin.length > 12) return err({ type: 'pinLength', length: pin.length });
  return ok(pin);
}

export function checkPan(pan: string, format: 'iso0' | 'iso4'): Result<string, PinBlockError> {
  if (!DIGITS.test(pan)) return err({ type: 'panNotDigits' });
  const min = format === 'iso0' ? 13 : 12;
  if (pan.length < min || pan.length > 19) return err({ type: 'panLength', length: pan.length, min, max: 19 });
  return ok(pan);
}

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/** Expects a PIN that passed checkPin. */
export function pinFieldIso0(pin: string): Uint8Array {
  return bytes(`0${pin.length.toString(16)}${pin}`.padEnd(16, 'F'));
}

/** Expects a PAN that passed checkPan(…, 'iso0'). */
export function accountFieldIso0(pan: string): Uint8Array {
  return bytes(`0000${pan.slice(-13, -1)}`);
}

/** Expects a checked PIN and 8 random bytes. */
export function pinFieldIso4(pin: string, random: Uint8Array): Uint8Array {
  const field = new Uint8Array(16);
  field.set(bytes(`4${pin.length.toString(16)}${pin}`.padEnd(16, 'A')));
  field.set(random, 8);
  return field;
}

/** Expects a PAN that passed checkPan(…, 'iso4'). */
export function panFieldIso4(pan: string): Uint8Array {
  return bytes(`${(pan.length - 12).toString(16)}${pan}`.padEnd(32, '0'));
}

/** The PIN in a clear format 0 or format 4 PIN field (only its first 8 bytes are structured). */
export function readPinField(field: Uint8Array, format: 'iso0' | 'iso4'): Result<string, PinBlockError> {
  const nibbles = Buffer.from(field.subarray(0, 8)).toString('hex').toUpperCase();
  if (nibbles[0] !== (format === 'iso0' ? '0' : '4')) return err({ type: 'clearField', check: 'control' });
  const length = Number.parseInt(nibbles[1] ?? '', 16);
  if (length < 4 || length > 12) return err({ type: 'clearField', check: 'pinLength' });
  const fill = format === 'iso0' ? 'F' : 'A';
  if (nibbles.slice(2 + length) !== fill.repeat(14 - length)) return err({ type: 'clearField', check: 'fill' });
  const pin = nibbles.slice(2, 2 + length);
  if (!DIGITS.test(pin)) return err({ type: 'clearField', check: 'pinDigits' });
  return ok(pin);
}

export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((byte, index) => byte ^ (b[index] ?? 0));
}
