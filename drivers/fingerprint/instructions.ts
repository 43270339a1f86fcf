/** Instruction and confirmation codes of the ZFM / R30x / AS608 protocol (DEVICES.md §1). */

export const INSTRUCTIONS = {
  genImg: 0x01,
  img2Tz: 0x02,
  match: 0x03,
  search: 0x04,
  regModel: 0x05,
  store: 0x06,
  loadChar: 0x07,
  upChar: 0x08,
  downChar: 0x09,
  upImage: 0x0a,
  deleteChar: 0x0c,
  empty: 0x0d,
  setSysPara: 0x0e,
  readSysPara: 0x0f,
  vfyPwd: 0x13,
  getRandomCode: 0x14,
  templateNum: 0x1d,
  readConList: 0x1f,
  /** Not in every datasheet, but R30x modules answer it and Adafruit's finger_fast_search uses it. */
  highSpeedSearch: 0x1b,
  auraLed: 0x35,
} as const;
export type InstructionName = keyof typeof INSTRUCTIONS;

/** Parameter bytes after the instruction code; shorter content is a packet error. */
export const PARAMETER_LENGTHS: Record<InstructionName, number> = {
  genImg: 0,
  img2Tz: 1,
  match: 0,
  search: 5,
  regModel: 0,
  store: 3,
  loadChar: 3,
  upChar: 1,
  downChar: 1,
  upImage: 0,
  deleteChar: 4,
  empty: 0,
  setSysPara: 2,
  readSysPara: 0,
  vfyPwd: 4,
  getRandomCode: 0,
  templateNum: 0,
  readConList: 1,
  highSpeedSearch: 5,
  auraLed: 4,
};

export function instructionNameOf(code: number): InstructionName | undefined {
  for (const [name, value] of Object.entries(INSTRUCTIONS)) {
    if (value === code) return name as InstructionName;
  }
  return undefined;
}

/** What the module says, in a technician's words. */
export const CONFIRMATIONS = {
  0x00: { reason: 'ok', message: 'Command completed' },
  0x01: { reason: 'packetError', message: 'The module could not read the command packet' },
  0x02: { reason: 'noFinger', message: 'No finger on the sensor' },
  0x03: { reason: 'imageFailed', message: 'The fingerprint image could not be taken' },
  0x06: { reason: 'imageMessy', message: 'The fingerprint image is too messy to use' },
  0x07: { reason: 'tooFewFeatures', message: 'The fingerprint image has too few features' },
  0x08: { reason: 'noMatch', message: 'The fingerprints do not match' },
  0x09: { reason: 'notFound', message: 'No matching fingerprint in the library' },
  0x0a: { reason: 'mergeFailed', message: 'The two captures could not be combined into one template' },
  0x0b: { reason: 'pageOutOfRange', message: 'The library page number is out of range' },
  0x0c: { reason: 'templateInvalid', message: 'The stored template could not be read, or the page is empty' },
  0x0d: { reason: 'uploadFailed', message: 'The template could not be sent to the host' },
  0x0e: { reason: 'receiveFailed', message: 'The module could not receive the data packets' },
  0x0f: { reason: 'imageUploadFailed', message: 'The image could not be sent to the host' },
  0x10: { reason: 'deleteFailed', message: 'The templates could not be deleted' },
  0x11: { reason: 'emptyFailed', message: 'The library could not be emptied' },
  0x13: { reason: 'wrongPassword', message: 'The module password is wrong' },
  0x15: { reason: 'noImage', message: 'There is no valid image in the image buffer' },
  0x18: { reason: 'flashError', message: 'The module failed writing its flash memory' },
  0x19: { reason: 'undefinedError', message: 'The module reported an undefined error' },
  0x1a: { reason: 'invalidRegister', message: 'The system parameter or its value is invalid' },
  0x1b: { reason: 'badRegisterContent', message: 'The register content is wrong' },
  0x1c: { reason: 'badNotepadPage', message: 'The notepad page number is wrong' },
  0x1d: { reason: 'portFailed', message: 'The module port operation failed' },
  0x20: { reason: 'addressError', message: 'The module address is wrong' },
  0x21: { reason: 'passwordRequired', message: 'The module password must be verified first' },
} as const;

type ConfirmationCode = keyof typeof CONFIRMATIONS;
type ConfirmationReason = (typeof CONFIRMATIONS)[ConfirmationCode]['reason'];
export type RefusalReason = Exclude<ConfirmationReason, 'ok'> | 'unknownCode';

/** The module answered, and the answer was no. */
export interface DeviceRefusal {
  readonly type: 'refused';
  readonly reason: RefusalReason;
  readonly code: number;
  readonly instruction: InstructionName;
  readonly message: string;
}

/** By name, for the simulator and tests: `CONFIRMATION_CODES.noFinger === 0x02`. */
export const CONFIRMATION_CODES = Object.fromEntries(
  Object.entries(CONFIRMATIONS).map(([code, { reason }]) => [reason, Number(code)]),
) as { readonly [R in ConfirmationReason]: number };

function isKnownConfirmation(code: number): code is ConfirmationCode {
  return Object.hasOwn(CONFIRMATIONS, code);
}

export function describeConfirmation(code: number): { reason: ConfirmationReason | 'unknownCode'; message: string } {
  if (isKnownConfirmation(code)) return CONFIRMATIONS[code];
  return { reason: 'unknownCode', message: `The module answered with unknown code 0x${code.toString(16).padStart(2, '0')}` };
}

export function refusal(instruction: InstructionName, code: number): DeviceRefusal {
  const { reason, message } = describeConfirmation(code);
  // Code 00 is never a refusal; a caller passing it has a bug.
  if (reason === 'ok') throw new Error(`confirmation 00 for ${instruction} is not a refusal`);
  return { type: 'refused', reason, code, instruction, message };
}

/** SetSysPara register numbers. */
export const SYSTEM_PARAMETERS = { baudRate: 4, securityLevel: 5, packetSize: 6 } as const;

/** Packet-size codes 0..3 in ReadSysPara and SetSysPara. */
export const PACKET_SIZES = [32, 64, 128, 256] as const;
export type PacketSize = (typeof PACKET_SIZES)[number];

/** The baud register holds N for 9600 × N. */
export const BAUD_UNIT = 9600;

/** R503 aura LED. */
export const AURA_CONTROLS = { breathing: 1, flashing: 2, on: 3, off: 4, fadeIn: 5, fadeOut: 6 } as const;
export const AURA_COLOURS = { red: 1, blue: 2, purple: 3 } as const;
export type AuraControl = keyof typeof AURA_CONTROLS;
export type AuraColour = keyof typeof AURA_COLOURS;
