import { createDecipheriv } from 'node:crypto';

/**
 * Central's side of a technician's PIN block from an ATM's EPP: ISO 9564-1
 * format 4 (AES), as the EPP makes it under the technician PIN key whose
 * other copy central holds (`technicianPinKey`; an HSM's job in production,
 * which would compare inside it). Deciphering is
 *   intermediate = AES⁻¹(block) XOR PAN field,  PIN field = AES⁻¹(intermediate),
 * with the PAN field `(length − 12)` nibble + PAN + `0` fill to 32 nibbles
 * and the PIN field `4 L PIN A…A` followed by 8 random bytes. The PAN is
 * the technician's card number: a block made for another card does not
 * decipher to a PIN field. Central shares only common/ with the kiosk, so
 * this is its own implementation, checked against the EPP's (drivers/pinBlock)
 * in pinBlockKey.test.ts.
 */

/** The PIN in the block, or null when it does not decipher to a format 4 PIN field under this key and card number. */
export function pinFromTechnicianBlock(blockHex: string, cardNumber: string, key: Uint8Array): string | null {
  if (!/^[0-9A-Fa-f]{32}$/.test(blockHex) || !/^[0-9]{12,19}$/.test(cardNumber)) return null;
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) return null;
  const aes = (input: Uint8Array): Buffer => {
    const decipher = createDecipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
    return Buffer.concat([decipher.update(input), decipher.final()]);
  };
  const panField = Buffer.from(`${(cardNumber.length - 12).toString(16)}${cardNumber}`.padEnd(32, '0'), 'hex');
  const intermediate = aes(Buffer.from(blockHex, 'hex'));
  for (let i = 0; i < 16; i += 1) intermediate[i] = intermediate[i]! ^ panField[i]!;
  const pinField = aes(intermediate);
  intermediate.fill(0);
  const nibbles = pinField.subarray(0, 8).toString('hex').toUpperCase();
  pinField.fill(0);
  const length = Number.parseInt(nibbles[1] ?? '', 16);
  if (nibbles[0] !== '4' || length < 4 || length > 12) return null;
  const pin = nibbles.slice(2, 2 + length);
  return /^[0-9]+$/.test(pin) && nibbles.slice(2 + length) === 'A'.repeat(14 - length) ? pin : null;
}
