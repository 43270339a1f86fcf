/**
 * Why a PIN block could not be built or read. No variant carries a PIN digit,
 * a clear field or a key: an error may be logged.
 */
export type PinBlockError =
  /** ISO 9564 PINs are 4 to 12 digits. */
  | { readonly type: 'pinLength'; readonly length: number }
  | { readonly type: 'pinNotDigits' }
  /** Format 0 needs 13–19 digits (12 after dropping the check digit); format 4 takes 12–19. */
  | { readonly type: 'panLength'; readonly length: number; readonly min: number; readonly max: number }
  | { readonly type: 'panNotDigits' }
  /** TDES keys are 16 or 24 bytes, AES keys 16, 24 or 32. */
  | { readonly type: 'keyLength'; readonly length: number }
  /** Format 4 takes 8 bytes of random fill. */
  | { readonly type: 'randomLength'; readonly length: number }
  /** The enciphered block is not 16 (format 0) or 32 (format 4) hex digits. */
  | { readonly type: 'blockLength'; readonly length: number; readonly expected: number }
  | { readonly type: 'blockNotHex' }
  /**
   * The block deciphers, but not to a PIN field of its format: the first check
   * that failed. Causes: the wrong key, the wrong PAN, the other format, or a
   * damaged block. Format 4 binds the PAN into the cipher, so a PAN mismatch
   * is caught here (and cannot be told apart from a wrong key); in format 0 a
   * PAN that differs only under the PIN digits goes unnoticed and yields
   * another PIN, which the bank then finds wrong.
   */
  | { readonly type: 'clearField'; readonly check: 'control' | 'pinLength' | 'fill' | 'pinDigits' };
