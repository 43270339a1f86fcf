import { err, ok, type Result } from '../result';
import { type Minutia, normaliseAngle, SENSOR_HEIGHT, SENSOR_WIDTH } from './fingers';

/** Layout documented in TEMPLATE.md; change both together. */
export const CHAR_FILE_LENGTH = 512;
const CHAR_FILE_MAGIC = [0x53, 0x46] as const; // "SF": synthetic fingerprint
const CHAR_FILE_VERSION = 1;
const CHAR_FILE_HEADER_LENGTH = 10;
const MINUTIA_RECORD_LENGTH = 6;
const CHECKSUM_OFFSET = CHAR_FILE_LENGTH - 2;
export const MAX_MINUTIAE = Math.floor((CHECKSUM_OFFSET - CHAR_FILE_HEADER_LENGTH) / MINUTIA_RECORD_LENGTH);

const TYPE_CODES = { ending: 1, bifurcation: 2 } as const;

/** CRC-16/CCITT-FALSE: poly 1021, init FFFF, no reflection, no final xor ("123456789" → 29B1). */
export function crc16CcittFalse(bytes: Uint8Array, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = 0; i < end; i += 1) {
    crc ^= (bytes[i] ?? 0) << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

interface CharFile {
  readonly quality: number;
  readonly minutiae: Minutia[];
}

export type CharFileError =
  | { readonly type: 'wrongLength'; readonly length: number }
  | { readonly type: 'notSynthetic' }
  | { readonly type: 'unsupportedVersion'; readonly version: number }
  | { readonly type: 'badChecksum' }
  | { readonly type: 'badCount'; readonly count: number }
  | { readonly type: 'badRecord'; readonly index: number };

/** Minutiae beyond the record limit are dropped (a real char file has a fixed size too). */
export function encodeCharFile(file: CharFile): Uint8Array {
  const bytes = new Uint8Array(CHAR_FILE_LENGTH);
  const view = new DataView(bytes.buffer);
  const minutiae = file.minutiae.slice(0, MAX_MINUTIAE);
  bytes[0] = CHAR_FILE_MAGIC[0];
  bytes[1] = CHAR_FILE_MAGIC[1];
  bytes[2] = CHAR_FILE_VERSION;
  bytes[3] = Math.max(0, Math.min(100, Math.round(file.quality)));
  view.setUint16(4, SENSOR_WIDTH);
  view.setUint16(6, SENSOR_HEIGHT);
  bytes[8] = minutiae.length;
  minutiae.forEach((m, index) => {
    const at = CHAR_FILE_HEADER_LENGTH + index * MINUTIA_RECORD_LENGTH;
    view.setUint16(at, Math.max(0, Math.min(SENSOR_WIDTH - 1, Math.round(m.x))));
    view.setUint16(at + 2, Math.max(0, Math.min(SENSOR_HEIGHT - 1, Math.round(m.y))));
    bytes[at + 4] = Math.round((normaliseAngle(m.angle) * 256) / 360) & 0xff;
    bytes[at + 5] = TYPE_CODES[m.type];
  });
  view.setUint16(CHECKSUM_OFFSET, crc16CcittFalse(bytes, CHECKSUM_OFFSET));
  return bytes;
}

export function decodeCharFile(bytes: Uint8Array): Result<CharFile, CharFileError> {
  if (bytes.length !== CHAR_FILE_LENGTH) return err({ type: 'wrongLength', length: bytes.length });
  if (bytes[0] !== CHAR_FILE_MAGIC[0] || bytes[1] !== CHAR_FILE_MAGIC[1]) return err({ type: 'notSynthetic' });
  const version = bytes[2] ?? 0;
  if (version !== CHAR_FILE_VERSION) return err({ type: 'unsupportedVersion', version });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(CHECKSUM_OFFSET) !== crc16CcittFalse(bytes, CHECKSUM_OFFSET)) return err({ type: 'badChecksum' });
  const count = bytes[8] ?? 0;
  if (count > MAX_MINUTIAE) return err({ type: 'badCount', count });
  const minutiae: Minutia[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = CHAR_FILE_HEADER_LENGTH + index * MINUTIA_RECORD_LENGTH;
    const x = view.getUint16(at);
    const y = view.getUint16(at + 2);
    const typeCode = bytes[at + 5];
    if (x >= SENSOR_WIDTH || y >= SENSOR_HEIGHT || (typeCode !== 1 && typeCode !== 2)) {
      return err({ type: 'badRecord', index });
    }
    minutiae.push({ x, y, angle: ((bytes[at + 4] ?? 0) * 360) / 256, type: typeCode === 1 ? 'ending' : 'bifurcation' });
  }
  return ok({ quality: bytes[3] ?? 0, minutiae });
}
