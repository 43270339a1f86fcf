import { err, ok, type Result } from '../../common/result';
import type { CommandText } from './commands';
import { readerError, type ReaderError, type SankyoErrorCode } from './errors';

/**
 * The text inside a Sankyo frame (DEVICES.md §2): command `C cm pm [data]`,
 * positive reply `P cm pm st1 st0 [data]`, negative reply `N cm pm e1 e0 [data]`.
 * cm, pm, st and e are ASCII characters; data may be binary (ATR, APDUs).
 * The command table is commands.ts, the error table errors.ts.
 */

export * from './commands';
export * from './errors';

export type CardPosition = 'noCard' | 'atGate' | 'inside';
const NO_DATA = new Uint8Array(0);

/** A reader's reply: what every reply carries, and the outcome. */
export type Reply = { readonly cm: string; readonly pm: string; readonly data: Uint8Array } & (
  | { readonly kind: 'positive'; readonly position: CardPosition }
  | { readonly kind: 'negative'; readonly error: ReaderError }
);

type TextError =
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
