import { z } from 'zod';
import { base64 } from './cardReader';

/**
 * PinPad.GetPinBlock: the EPP formats the PIN it collected and enciphers it
 * under a key it holds; the block leaves the EPP, the PIN never does.
 */

const PIN_FORMATS = ['ibm3624', 'ansi', 'iso0', 'iso1', 'eci2', 'eci3', 'visa', 'diebold', 'dieboldCo', 'visa3', 'banksys', 'emv', 'iso3', 'ap', 'iso4'] as const;

export const getPinBlockCommand = z.object({
  /**
   * ISO-0: the PAN without its check digit (the spec's wording); ISO-4: the
   * whole PAN (format 4 carries its length). Hex digits.
   */
  customerData: z.string().regex(/^[0-9a-fA-F]{2,}$/).optional(),
  padding: z.number().int().min(0).max(15).optional(),
  format: z.enum(PIN_FORMATS),
  /** Name of the PIN key inside the EPP. */
  key: z.string().min(1),
  xorData: z.string().regex(/^[0-9a-fA-F]{2,}$/).optional(),
  secondEncKey: z.string().optional(),
  cryptoMethod: z.enum(['ecb', 'cbc', 'cfb', 'ofb', 'ctr', 'xts', 'rsaesPkcs1V15', 'rsaesOaep']).optional(),
});

export const GET_PIN_BLOCK_ERROR_CODES = [
  'keyNotFound',
  'accessDenied',
  'keyNoValue',
  'useViolation',
  'noPin',
  'formatNotSupported',
  'invalidKeyLength',
  'algorithmNotSupported',
  'dukptOverflow',
  'cryptoMethodNotSupported',
] as const;

export const getPinBlockCompletion = z.object({
  errorCode: z.string().optional(),
  pinBlock: base64.optional(),
});

/** `keyManagement` in Common.Status: whether the EPP's keys are usable. */
export const keyManagementStatus = z.object({
  encryptionState: z.enum(['ready', 'notReady', 'notInitialized', 'busy', 'undefined', 'initialized']).optional(),
});
