import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../common/result';
import { blockSize, decipherBlock, encipherBlock, isKeyLengthValid, type PinKeyAlgorithm } from './cipher';
import type { PinBlockError } from './errors';
import { accountFieldIso0, checkPan, checkPin, panFieldIso4, pinFieldIso0, pinFieldIso4, readPinField, xor } from './fields';

/**
 * ISO 9564-1 enciphered PIN blocks, as an EPP makes them and a bank host
 * reads them (DEVICES.md §5):
 * - `iso0`: (PIN field XOR account field) under TDES;
 * - `iso4`: AES(AES(PIN field) XOR PAN field), the 2017 edition's two-pass
 *   construction (checked against knovichikhin/psec's published vectors).
 * Blocks travel as upper-case hex.
 */

export type PinBlockFormat = 'iso0' | 'iso4';

interface EncipherPinBlockInput {
  readonly format: PinBlockFormat;
  readonly pin: string;
  readonly pan: string;
  readonly key: Uint8Array;
  /** Format 4's 8 random fill bytes; fresh from the CSPRNG when absent (give them only for test vectors). */
  readonly random?: Uint8Array;
}

interface DecipherPinBlockInput {
  readonly format: PinBlockFormat;
  /** Hex, either case. */
  readonly block: string;
  readonly pan: string;
  readonly key: Uint8Array;
}

const PIN_KEY_ALGORITHM: Readonly<Record<PinBlockFormat, PinKeyAlgorithm>> = { iso0: 'tdes', iso4: 'aes' };

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

export function encipherPinBlock(input: EncipherPinBlockInput): Result<string, PinBlockError> {
  const { format, key } = input;
  const pin = checkPin(input.pin);
  if (!pin.ok) return pin;
  const pan = checkPan(input.pan, format);
  if (!pan.ok) return pan;
  const algorithm = PIN_KEY_ALGORITHM[format];
  if (!isKeyLengthValid(algorithm, key)) return err({ type: 'keyLength', length: key.length });
  if (format === 'iso0') {
    const clear = xor(pinFieldIso0(pin.value), accountFieldIso0(pan.value));
    const block = encipherBlock(algorithm, key, clear);
    clear.fill(0);
    return ok(toHex(block));
  }
  const random = input.random ?? Uint8Array.from(randomBytes(8));
  if (random.length !== 8) return err({ type: 'randomLength', length: random.length });
  const pinField = pinFieldIso4(pin.value, random);
  const intermediate = xor(encipherBlock(algorithm, key, pinField), panFieldIso4(pan.value));
  pinField.fill(0);
  return ok(toHex(encipherBlock(algorithm, key, intermediate)));
}

export function decipherPinBlock(input: DecipherPinBlockInput): Result<{ readonly pin: string }, PinBlockError> {
  const { format, key, block } = input;
  const pan = checkPan(input.pan, format);
  if (!pan.ok) return pan;
  const algorithm = PIN_KEY_ALGORITHM[format];
  if (!isKeyLengthValid(algorithm, key)) return err({ type: 'keyLength', length: key.length });
  const expected = blockSize(algorithm) * 2;
  if (block.length !== expected) return err({ type: 'blockLength', length: block.length, expected });
  if (!/^[0-9A-Fa-f]*$/.test(block)) return err({ type: 'blockNotHex' });
  const enciphered = Uint8Array.from(Buffer.from(block, 'hex'));

  let pinField: Uint8Array;
  if (format === 'iso0') {
    pinField = xor(decipherBlock(algorithm, key, enciphered), accountFieldIso0(pan.value));
  } else {
    const intermediate = xor(decipherBlock(algorithm, key, enciphered), panFieldIso4(pan.value));
    pinField = decipherBlock(algorithm, key, intermediate);
  }
  const pin = readPinField(pinField, format);
  pinField.fill(0);
  return pin.ok ? ok({ pin: pin.value }) : pin;
}
