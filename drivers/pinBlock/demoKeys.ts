import type { PinBlockFormat } from './pinBlock';

/**
 * TEST ONLY: the demo PIN keys of DEVICES.md §5, which the simulated EPP and
 * the simulated bank host share. A production EPP's keys are loaded by the
 * bank under its own key ceremony and are never known to this software; only
 * the lab, the simulators and tests may use these.
 */
export const DEMO_PIN_KEYS: Readonly<Record<PinBlockFormat, { readonly hex: string; readonly kcv: string }>> = {
  /** Double-length TDES, for format 0. */
  iso0: { hex: '0123456789ABCDEFFEDCBA9876543210', kcv: '08D7B4' },
  /** AES-128, for format 4. */
  iso4: { hex: '00112233445566778899AABBCCDDEEFF', kcv: 'FDE4FB' },
};

/** A fresh copy of the demo key for a format (TEST ONLY). */
export function demoPinKey(format: PinBlockFormat): Uint8Array {
  return Uint8Array.from(Buffer.from(DEMO_PIN_KEYS[format].hex, 'hex'));
}
