import { err, ok, type Result } from '../../common/result';

/**
 * The text inside a Sankyo frame (DEVICES.md §2): command `C cm pm [data]`,
 * positive reply `P cm pm st1 st0 [data]`, negative reply `N cm pm e1 e0 [data]`.
 * cm, pm, st and e are ASCII characters; data may be binary (ATR, APDUs).
 */

export const CommandCode = {
  initialize: '0',
  status: '1',
  carry: '3',
  retrieve: '4',
  magneticRead: '6',
  entry: ':',
  icContact: '@',
  icc: 'I',
} as const;
export type CommandCode = (typeof CommandCode)[keyof typeof CommandCode];

export type InitializeMode = 'cardToGate' | 'capture' | 'keepInside' | 'dontMove';
export type EntryMode = 'anyCard' | 'disabled' | 'magneticOnly';
export type TrackNumber = 1 | 2 | 3;
export type IccProtocol = 'T0' | 'T1';
export type CardPosition = 'noCard' | 'atGate' | 'inside';

export interface CommandText {
  readonly cm: string;
  readonly pm: string;
  readonly data: Uint8Array;
}

const INITIALIZE_PM: Record<InitializeMode, string> = { cardToGate: '0', capture: '1', keepInside: '2', dontMove: '3' };
const ENTRY_PM: Record<EntryMode, string> = { anyCard: '0', disabled: '1', magneticOnly: '2' };
const NO_DATA = new Uint8Array(0);

function command(cm: CommandCode, pm: string, data: Uint8Array = NO_DATA): CommandText {
  return { cm, pm, data };
}

/** Every command the driver sends, by what it does at the slot. */
export const commands = {
  initialize: (mode: InitializeMode) => command(CommandCode.initialize, INITIALIZE_PM[mode]),
  status: () => command(CommandCode.status, '0'),
  entry: (mode: EntryMode) => command(CommandCode.entry, ENTRY_PM[mode]),
  ejectToGate: () => command(CommandCode.carry, '0'),
  captureToBin: () => command(CommandCode.carry, '1'),
  retrieve: () => command(CommandCode.retrieve, '0'),
  readTrack: (track: TrackNumber) => command(CommandCode.magneticRead, String(track)),
  moveToIc: () => command(CommandCode.icContact, '0'),
  releaseIc: () => command(CommandCode.icContact, '2'),
  iccActivate: () => command(CommandCode.icc, '0'),
  iccDeactivate: () => command(CommandCode.icc, '1'),
  apdu: (protocol: IccProtocol, apdu: Uint8Array) => command(CommandCode.icc, protocol === 'T0' ? '3' : '4', apdu),
} as const;

export function initializeModeOf(pm: string): InitializeMode | undefined {
  return (Object.keys(INITIALIZE_PM) as InitializeMode[]).find((mode) => INITIALIZE_PM[mode] === pm);
}

export function entryModeOf(pm: string): EntryMode | undefined {
  return (Object.keys(ENTRY_PM) as EntryMode[]).find((mode) => ENTRY_PM[mode] === pm);
}

const READER_ERRORS = {
  '00': 'unknown command',
  '01': 'bad parameter',
  '02': 'cannot execute now',
  '10': 'card jam',
  '11': 'shutter failure',
  '13': 'card too long',
  '14': 'card too short',
  '16': 'card moved by force',
  '20': 'magnetic read error',
  '21': 'magnetic read error',
  '22': 'magnetic read error',
  '23': 'magnetic read error',
  '24': 'no magnetic stripe or no data on the track',
  '25': 'magnetic read error',
  '26': 'magnetic read error',
  '27': 'magnetic read error',
  '28': 'magnetic read error',
  '29': 'magnetic read error',
  '30': 'power down',
  '40': 'card pulled out during capture',
  '46': 'ejected card not taken in time (captured)',
  '50': 'retract counter overflow',
  '60': 'ICC error',
  '61': 'ICC answer-to-reset error',
  '62': 'ICC error',
  '63': 'ICC did not respond',
  '64': 'ICC error',
  '65': 'ICC error',
  '66': 'unsupported ICC',
  '67': 'ICC error',
  '68': 'ICC error',
  '69': 'ICC error',
  B0: 'initialize not yet received',
} as const;

export type SankyoErrorCode = keyof typeof READER_ERRORS;

/** An error the reader reported in a negative reply. Codes outside DEVICES.md §2 are kept, not dropped. */
export type ReaderError =
  | { readonly known: true; readonly code: SankyoErrorCode; readonly message: string }
  | { readonly known: false; readonly code: string; readonly message: string };

export function isSankyoErrorCode(code: string): code is SankyoErrorCode {
  return Object.hasOwn(READER_ERRORS, code);
}

export function readerError(code: string): ReaderError {
  return isSankyoErrorCode(code)
    ? { known: true, code, message: READER_ERRORS[code] }
    : { known: false, code, message: `reader error ${code} (not in the documented list)` };
}

export const SANKYO_ERROR_CODES = Object.keys(READER_ERRORS) as SankyoErrorCode[];

export type Reply =
  | {
      readonly kind: 'positive';
      readonly cm: string;
      readonly pm: string;
      readonly position: CardPosition;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: 'negative';
      readonly cm: string;
      readonly pm: string;
      readonly error: ReaderError;
      readonly data: Uint8Array;
    };

export type TextError =
  | { readonly type: 'tooShort'; readonly length: number }
  | { readonly type: 'unexpectedHead'; readonly head: number }
  | { readonly type: 'badStatus'; readonly status: string };

const POSITIONS: Record<string, CardPosition> = { '00': 'noCard', '01': 'atGate', '02': 'inside' };
const POSITION_CODES: Record<CardPosition, string> = { noCard: '00', atGate: '01', inside: '02' };

const HEAD_COMMAND = 0x43; // 'C'
const HEAD_POSITIVE = 0x50; // 'P'
const HEAD_NEGATIVE = 0x4e; // 'N'

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

function withHead(head: number, fields: string, data: Uint8Array): Uint8Array {
  const text = new Uint8Array(1 + fields.length + data.length);
  text[0] = head;
  for (let i = 0; i < fields.length; i++) text[1 + i] = fields.charCodeAt(i) & 0xff;
  text.set(data, 1 + fields.length);
  return text;
}

export function encodeCommand(cmd: CommandText): Uint8Array {
  return withHead(HEAD_COMMAND, cmd.cm + cmd.pm, cmd.data);
}

export function decodeCommand(text: Uint8Array): Result<CommandText, TextError> {
  if (text.length < 3) return err({ type: 'tooShort', length: text.length });
  if (text[0] !== HEAD_COMMAND) return err({ type: 'unexpectedHead', head: text[0] ?? 0 });
  return ok({ cm: ascii(text, 1, 2), pm: ascii(text, 2, 3), data: text.slice(3) });
}

export function encodePositive(cm: string, pm: string, position: CardPosition, data: Uint8Array = NO_DATA): Uint8Array {
  return withHead(HEAD_POSITIVE, cm + pm + POSITION_CODES[position], data);
}

export function encodeNegative(cm: string, pm: string, code: SankyoErrorCode, data: Uint8Array = NO_DATA): Uint8Array {
  return withHead(HEAD_NEGATIVE, cm + pm + code, data);
}

export function decodeReply(text: Uint8Array): Result<Reply, TextError> {
  if (text.length < 5) return err({ type: 'tooShort', length: text.length });
  const head = text[0] ?? 0;
  const cm = ascii(text, 1, 2);
  const pm = ascii(text, 2, 3);
  const code = ascii(text, 3, 5);
  const data = text.slice(5);
  if (head === HEAD_POSITIVE) {
    const position = POSITIONS[code];
    if (position === undefined) return err({ type: 'badStatus', status: code });
    return ok({ kind: 'positive', cm, pm, position, data });
  }
  // The error sits after the echoed cm pm, at text[3..4] (one open implementation reads text[1..2]).
  if (head === HEAD_NEGATIVE) return ok({ kind: 'negative', cm, pm, error: readerError(code), data });
  return err({ type: 'unexpectedHead', head });
}
