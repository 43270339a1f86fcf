import { err, ok, type Result } from '../../common/result';

/** The MagTek HID swipe reader's 337-byte input report (DEVICES.md §3). */

export const MAGTEK_VENDOR_ID = 0x0801;
/** 0002 is the HID swipe reader; 0001 is the keyboard-emulation variant, not for us. */
export const MAGTEK_HID_PRODUCT_ID = 0x0002;

export const REPORT_LENGTH = 337;
const TRACK_CAPACITY = 110;
const TRACK_OFFSETS = [7, 117, 227] as const;

export const ENCODE_TYPES = { 0: 'isoAba', 1: 'aamva', 3: 'blank', 4: 'other', 5: 'undetermined', 6: 'none' } as const;
export type EncodeType = (typeof ENCODE_TYPES)[keyof typeof ENCODE_TYPES];

export type MagstripeTrack =
  | { readonly kind: 'data'; readonly text: string }
  | { readonly kind: 'empty' }
  /** The head saw the track but could not decode it (status byte non-zero). */
  | { readonly kind: 'decodeError'; readonly status: number };

export interface MagstripeSwipe {
  readonly encodeType: EncodeType;
  readonly tracks: readonly [MagstripeTrack, MagstripeTrack, MagstripeTrack];
}

export type MagtekReportError =
  | { readonly type: 'wrongLength'; readonly length: number }
  | { readonly type: 'trackLengthOutOfRange'; readonly track: 1 | 2 | 3; readonly length: number }
  | { readonly type: 'unknownEncodeType'; readonly value: number }
  | { readonly type: 'notText'; readonly track: 1 | 2 | 3 };

function encodeTypeOf(value: number): EncodeType | undefined {
  return Object.hasOwn(ENCODE_TYPES, value) ? ENCODE_TYPES[value as keyof typeof ENCODE_TYPES] : undefined;
}

export function parseMagtekReport(report: Uint8Array): Result<MagstripeSwipe, MagtekReportError> {
  if (report.length !== REPORT_LENGTH) return err({ type: 'wrongLength', length: report.length });
  const encodeByte = report[6] ?? 0;
  const encodeType = encodeTypeOf(encodeByte);
  if (!encodeType) return err({ type: 'unknownEncodeType', value: encodeByte });
  const tracks: MagstripeTrack[] = [];
  for (const index of [0, 1, 2] as const) {
    const track = (index + 1) as 1 | 2 | 3;
    const status = report[index] ?? 0;
    const length = report[3 + index] ?? 0;
    if (length > TRACK_CAPACITY) return err({ type: 'trackLengthOutOfRange', track, length });
    if (status !== 0) {
      tracks.push({ kind: 'decodeError', status });
      continue;
    }
    if (length === 0) {
      tracks.push({ kind: 'empty' });
      continue;
    }
    const start = TRACK_OFFSETS[index];
    let text = '';
    for (let i = start; i < start + length; i++) {
      const byte = report[i] ?? 0;
      if (byte < 0x20 || byte > 0x7e) return err({ type: 'notText', track });
      text += String.fromCharCode(byte);
    }
    tracks.push({ kind: 'data', text });
  }
  const [track1, track2, track3] = tracks as [MagstripeTrack, MagstripeTrack, MagstripeTrack];
  return ok({ encodeType, tracks: [track1, track2, track3] });
}

export interface ReportTrack {
  readonly status?: number | undefined;
  readonly text?: string | undefined;
}

/** Builds a report as the reader sends it (for the simulator and tests). Text beyond 110 characters is a RangeError. */
export function buildMagtekReport(tracks: readonly [ReportTrack, ReportTrack, ReportTrack], encodeType: EncodeType): Uint8Array {
  const report = new Uint8Array(REPORT_LENGTH);
  const code = Number(Object.entries(ENCODE_TYPES).find(([, name]) => name === encodeType)?.[0] ?? 6);
  report[6] = code;
  tracks.forEach((track, index) => {
    const text = track.text ?? '';
    if (text.length > TRACK_CAPACITY) throw new RangeError(`track ${index + 1} holds at most ${TRACK_CAPACITY} characters`);
    report[index] = track.status ?? 0;
    report[3 + index] = text.length;
    const start = TRACK_OFFSETS[index] ?? 0;
    for (let i = 0; i < text.length; i++) report[start + i] = text.charCodeAt(i) & 0xff;
  });
  return report;
}
