import { err, ok, type Result } from '../../common/result';

/** ISO/IEC 7816-4 short APDUs: what the kiosk sends to a card's chip and how it reads the answer. */

interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** Expected response length 1..256; 256 is encoded as 00. Omit for no response data. */
  readonly le?: number;
}

export type ApduBuildError =
  | { readonly type: 'headerByte'; readonly field: 'cla' | 'ins' | 'p1' | 'p2'; readonly value: number }
  | { readonly type: 'dataTooLong'; readonly length: number }
  | { readonly type: 'leOutOfRange'; readonly le: number }
  | { readonly type: 'aidLength'; readonly length: number }
  | { readonly type: 'fileId'; readonly fileId: number }
  | { readonly type: 'offsetOutOfRange'; readonly offset: number };

const INS = { select: 0xa4, readBinary: 0xb0, getResponse: 0xc0 } as const;

function isByte(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff;
}

export function encodeCommandApdu(cmd: CommandApdu): Result<Uint8Array, ApduBuildError> {
  for (const field of ['cla', 'ins', 'p1', 'p2'] as const) {
    if (!isByte(cmd[field])) return err({ type: 'headerByte', field, value: cmd[field] });
  }
  const data = cmd.data ?? new Uint8Array(0);
  if (data.length > 255) return err({ type: 'dataTooLong', length: data.length });
  const le = cmd.le;
  if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > 256)) return err({ type: 'leOutOfRange', le });
  const bytes = new Uint8Array(4 + (data.length > 0 ? 1 + data.length : 0) + (le !== undefined ? 1 : 0));
  bytes.set([cmd.cla, cmd.ins, cmd.p1, cmd.p2]);
  let at = 4;
  if (data.length > 0) {
    bytes[at++] = data.length;
    bytes.set(data, at);
    at += data.length;
  }
  if (le !== undefined) bytes[at] = le & 0xff;
  return ok(bytes);
}

/** SELECT by DF name (AID), first occurrence, no response data (P2 = 0C). */
export function selectByAid(aid: Uint8Array): Result<Uint8Array, ApduBuildError> {
  if (aid.length < 5 || aid.length > 16) return err({ type: 'aidLength', length: aid.length });
  return encodeCommandApdu({ cla: 0x00, ins: INS.select, p1: 0x04, p2: 0x0c, data: aid });
}

/** SELECT an elementary file by its 2-byte id under the current DF, no response data. */
export function selectFile(fileId: number): Result<Uint8Array, ApduBuildError> {
  if (!Number.isInteger(fileId) || fileId < 0 || fileId > 0xffff) return err({ type: 'fileId', fileId });
  return encodeCommandApdu({ cla: 0x00, ins: INS.select, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fileId >>> 8, fileId & 0xff) });
}

/** READ BINARY of the current EF; offsets up to 7FFF (P1 bit 8 would mean a short file id). */
export function readBinary(offset: number, le: number): Result<Uint8Array, ApduBuildError> {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) return err({ type: 'offsetOutOfRange', offset });
  return encodeCommandApdu({ cla: 0x00, ins: INS.readBinary, p1: offset >>> 8, p2: offset & 0xff, le });
}

function getResponse(le: number): Result<Uint8Array, ApduBuildError> {
  return encodeCommandApdu({ cla: 0x00, ins: INS.getResponse, p1: 0, p2: 0, le });
}

export type StatusWord =
  | { readonly kind: 'ok' }
  /** 61xx: xx more bytes wait for GET RESPONSE (T=0). */
  | { readonly kind: 'moreData'; readonly available: number }
  /** 6Cxx: wrong Le, resend with Le = xx. */
  | { readonly kind: 'wrongLe'; readonly exact: number }
  | { readonly kind: 'endOfFile' }
  | { readonly kind: 'warning'; readonly sw: number }
  | {
      readonly kind: 'error';
      readonly sw: number;
      readonly meaning:
        | 'wrongLength'
        | 'securityNotSatisfied'
        | 'conditionsNotSatisfied'
        | 'fileNotFound'
        | 'wrongParameters'
        | 'offsetOutOfRange'
        | 'insNotSupported'
        | 'claNotSupported'
        | 'other';
    };

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
  readonly status: StatusWord;
}

export type ResponseError = { readonly type: 'tooShort'; readonly length: number };

export function statusWord(sw: number): StatusWord {
  const sw1 = sw >>> 8;
  const sw2 = sw & 0xff;
  if (sw === 0x9000) return { kind: 'ok' };
  if (sw1 === 0x61) return { kind: 'moreData', available: sw2 === 0 ? 256 : sw2 };
  if (sw1 === 0x6c) return { kind: 'wrongLe', exact: sw2 === 0 ? 256 : sw2 };
  if (sw === 0x6282) return { kind: 'endOfFile' };
  if (sw1 === 0x62 || sw1 === 0x63) return { kind: 'warning', sw };
  const meaning = (() => {
    switch (sw) {
      case 0x6700:
        return 'wrongLength';
      case 0x6982:
        return 'securityNotSatisfied';
      case 0x6985:
        return 'conditionsNotSatisfied';
      case 0x6a82:
        return 'fileNotFound';
      case 0x6a86:
        return 'wrongParameters';
      case 0x6b00:
        return 'offsetOutOfRange';
      case 0x6d00:
        return 'insNotSupported';
      case 0x6e00:
        return 'claNotSupported';
      default:
        return 'other';
    }
  })();
  return { kind: 'error', sw, meaning };
}

export function parseResponseApdu(bytes: Uint8Array): Result<ResponseApdu, ResponseError> {
  if (bytes.length < 2) return err({ type: 'tooShort', length: bytes.length });
  const sw = ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0);
  return ok({ data: bytes.slice(0, -2), sw, status: statusWord(sw) });
}

/** Whatever carries one APDU to the card and back (a card slot's ICC command, a simulated chip). */
export type ApduTransmit<E> = (apdu: Uint8Array) => Promise<Result<Uint8Array, E>>;

export type TransceiveError<E> =
  | { readonly type: 'transport'; readonly error: E }
  | { readonly type: 'response'; readonly error: ResponseError }
  | { readonly type: 'build'; readonly error: ApduBuildError }
  /** The card kept asking for another GET RESPONSE or Le retry beyond reason. */
  | { readonly type: 'tooManyRounds' };

const MAX_ROUNDS = 16;

/**
 * Sends one command and follows the T=0 conventions: 61xx fetches the rest with
 * GET RESPONSE (data accumulates), 6Cxx resends the same command with Le = xx.
 * Whatever final status the card gives is returned for the caller to judge.
 */
export async function transceive<E>(
  transmit: ApduTransmit<E>,
  command: Uint8Array,
): Promise<Result<ResponseApdu, TransceiveError<E>>> {
  const chunks: Uint8Array[] = [];
  let next = command;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const sent = await transmit(next);
    if (!sent.ok) return err({ type: 'transport', error: sent.error });
    const response = parseResponseApdu(sent.value);
    if (!response.ok) return err({ type: 'response', error: response.error });
    const { status } = response.value;
    if (status.kind === 'moreData') {
      chunks.push(response.value.data);
      const request = getResponse(status.available);
      if (!request.ok) return err({ type: 'build', error: request.error });
      next = request.value;
      continue;
    }
    if (status.kind === 'wrongLe' && next.length >= 5) {
      // Le is the last byte of a case 2 / case 4 short APDU.
      const retry = next.slice();
      retry[retry.length - 1] = status.exact & 0xff;
      next = retry;
      continue;
    }
    chunks.push(response.value.data);
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const data = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    return ok({ data, sw: response.value.sw, status });
  }
  return err({ type: 'tooManyRounds' });
}

/** Protocols an ATR offers, from its TDi bytes (ISO/IEC 7816-3 §8.2); T=0 when none is indicated. */
export function atrProtocols(atr: Uint8Array): ('T0' | 'T1')[] {
  const found = new Set<'T0' | 'T1'>();
  if (atr.length < 2) return ['T0'];
  let y = (atr[1] ?? 0) >>> 4;
  let at = 2;
  for (let guard = 0; guard < 8; guard++) {
    if (y & 0x1) at++;
    if (y & 0x2) at++;
    if (y & 0x4) at++;
    if (!(y & 0x8)) break;
    const td = atr[at];
    if (td === undefined) break;
    at++;
    const protocol = td & 0x0f;
    if (protocol === 0) found.add('T0');
    if (protocol === 1) found.add('T1');
    y = td >>> 4;
  }
  if (found.size === 0) return ['T0'];
  return [...found];
}
