/**
 * The two PIN block formats ATM mode uses (DEVICES.md §5) and the names of the
 * keys inside the EPP that encipher them. Key names are the bank's
 * configuration; these are the simulated EPP's, the default for the lab.
 */

export type PinBlockFormat = 'iso0' | 'iso4';

export const DEFAULT_PIN_KEYS: Readonly<Record<PinBlockFormat, string>> = { iso0: 'PINKEY_TDES', iso4: 'PINKEY_AES' };

/**
 * The EPP's technician PIN key (AES, format 4 only): the kiosk operator's,
 * loaded beside the bank's keys, whose other copy is central's. A
 * technician's PIN block is made under it, never under the bank's key, so
 * the bank never sees a technician's PIN and central never holds a bank key.
 */
export const DEFAULT_TECHNICIAN_PIN_KEY = 'PINKEY_MAINT';

/** Enciphered block length in bytes: one TDES block, one AES block. */
export const PIN_BLOCK_BYTES: Readonly<Record<PinBlockFormat, number>> = { iso0: 8, iso4: 16 };
