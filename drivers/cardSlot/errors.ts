/**
 * The reader's error codes (e1 e0 of a negative reply), each with a typed
 * reason. The list is the ICT3Q8 user-area error table (MCT3Q8-3A0264 §8.3,
 * explained in §10) plus the supervisor-area codes 70/71; codes the table
 * leaves blank ("--", e.g. 03, 41, 67) are not in it and come back unknown.
 */

export type ReaderErrorCategory = 'command' | 'mechanism' | 'magnetic' | 'power' | 'removal' | 'icc' | 'firmware';

const READER_ERRORS = {
  '00': { reason: 'unknownCommand', category: 'command', message: 'unknown command code' },
  '01': { reason: 'badParameter', category: 'command', message: 'bad parameter' },
  '02': { reason: 'cannotExecute', category: 'command', message: 'cannot execute now (no card, or the wrong state)' },
  '04': { reason: 'badCommandData', category: 'command', message: 'bad data in the command' },
  '10': { reason: 'jam', category: 'mechanism', message: 'card jam' },
  '11': { reason: 'shutterFailure', category: 'mechanism', message: 'shutter failure, or the shutter forced open' },
  '12': { reason: 'sensorFailure', category: 'mechanism', message: 'photo sensor failure, or more than one card inside' },
  '13': { reason: 'cardTooLong', category: 'mechanism', message: 'card too long' },
  '14': { reason: 'cardTooShort', category: 'mechanism', message: 'card too short' },
  '15': { reason: 'memoryError', category: 'firmware', message: 'flash ROM or EEPROM error' },
  '16': { reason: 'cardMovedByForce', category: 'mechanism', message: 'card moved by force' },
  '17': { reason: 'retrieveJam', category: 'mechanism', message: 'jam while retrieving the card' },
  '18': { reason: 'switchFailure', category: 'mechanism', message: 'card width or shutter switch failure (SW1/SW2)' },
  '19': { reason: 'noRearInsertion', category: 'mechanism', message: 'no card inserted from the rear in time' },
  '20': { reason: 'readParity', category: 'magnetic', message: 'magnetic read error (parity)' },
  '21': { reason: 'readError', category: 'magnetic', message: 'magnetic read error' },
  '22': { reason: 'writeError', category: 'magnetic', message: 'magnetic write error' },
  '23': { reason: 'readSentinelsOnly', category: 'magnetic', message: 'magnetic read error (only SS, ES and LRC on the track)' },
  '24': { reason: 'noStripeData', category: 'magnetic', message: 'no magnetic stripe or no data on the track' },
  '25': { reason: 'writeVerifyQuality', category: 'magnetic', message: 'write verify error (quality)' },
  '26': { reason: 'readNoStartSentinel', category: 'magnetic', message: 'magnetic read error (no start sentinel)' },
  '27': { reason: 'readNoEndSentinel', category: 'magnetic', message: 'magnetic read error (no end sentinel)' },
  '28': { reason: 'readLrc', category: 'magnetic', message: 'magnetic read error (LRC)' },
  '29': { reason: 'writeVerifyMismatch', category: 'magnetic', message: 'write verify error (data differ)' },
  '30': { reason: 'powerDown', category: 'power', message: 'power down' },
  '31': { reason: 'dsrOff', category: 'power', message: 'DSR signal went off' },
  '40': { reason: 'pulledDuringCapture', category: 'removal', message: 'card pulled out during capture' },
  '45': { reason: 'forcedEject', category: 'removal', message: 'card lost during acceptance and ejected to the gate' },
  '46': { reason: 'notTaken', category: 'removal', message: 'ejected card not taken in time' },
  '50': { reason: 'retractCounterOverflow', category: 'mechanism', message: 'retract counter overflow' },
  '51': { reason: 'motorError', category: 'mechanism', message: 'motor error' },
  '60': { reason: 'iccPowerFault', category: 'icc', message: 'ICC supply (Vcc) fault' },
  '61': { reason: 'atrError', category: 'icc', message: 'ICC answer-to-reset error' },
  '62': { reason: 'iccProtocolMismatch', category: 'icc', message: 'ICC protocol differs from the command' },
  '63': { reason: 'iccNoResponse', category: 'icc', message: 'ICC did not respond' },
  '64': { reason: 'iccProtocolError', category: 'icc', message: 'ICC communication error' },
  '65': { reason: 'iccNotActivated', category: 'icc', message: 'ICC not activated' },
  '66': { reason: 'iccUnsupported', category: 'icc', message: 'unsupported ICC' },
  '69': { reason: 'iccNotEmv', category: 'icc', message: 'ICC answer to reset is not EMV' },
  '70': { reason: 'flashWriteError', category: 'firmware', message: 'flash ROM write error' },
  '71': { reason: 'firmwareCrc', category: 'firmware', message: 'user program area CRC error' },
  B0: { reason: 'notInitialized', category: 'command', message: 'initialize not yet received' },
} as const satisfies Record<string, { reason: string; category: ReaderErrorCategory; message: string }>;

export type SankyoErrorCode = keyof typeof READER_ERRORS;
export type ReaderErrorReason = (typeof READER_ERRORS)[SankyoErrorCode]['reason'];

/** An error the reader reported in a negative reply. Codes outside the documented table are kept, not dropped. */
export type ReaderError =
  | {
      readonly known: true;
      readonly code: SankyoErrorCode;
      readonly reason: ReaderErrorReason;
      readonly category: ReaderErrorCategory;
      readonly message: string;
    }
  | { readonly known: false; readonly code: string; readonly reason: 'undocumented'; readonly message: string };

function isSankyoErrorCode(code: string): code is SankyoErrorCode {
  return Object.hasOwn(READER_ERRORS, code);
}

export function readerError(code: string): ReaderError {
  if (!isSankyoErrorCode(code)) return { known: false, code, reason: 'undocumented', message: `reader error ${code} (not in the documented list)` };
  const { reason, category, message } = READER_ERRORS[code];
  return { known: true, code, reason, category, message };
}

export const SANKYO_ERROR_CODES = Object.keys(READER_ERRORS) as SankyoErrorCode[];
