import { err, ok, type Result } from '../../common/result';
import type { EntryMode, TrackNumber } from './commands';

/**
 * The data part of the replies that carry some (MCT3Q8-3A0264 §9): sensor
 * bytes, track presence, the retract counter, the reader type code, ICC and
 * SAM status bytes, sensor levels, external inputs and stripe write results.
 * Each layout has its encoder (the simulator's) and its decoder (the driver's).
 */

export interface DataError {
  readonly type: 'badData';
  readonly layout: string;
  readonly length: number;
}

function bad(layout: string, data: Uint8Array): Result<never, DataError> {
  return err({ type: 'badData', layout, length: data.length });
}

function bit(byte: number, at: number): boolean {
  return ((byte >> at) & 1) === 1;
}

function bits(...flags: boolean[]): number {
  return flags.reduce((byte, flag, at) => byte | (flag ? 1 << at : 0), 0);
}

function text(data: Uint8Array): string {
  return String.fromCharCode(...data);
}

function ascii(value: string): Uint8Array {
  return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
}

/** Se (status pm 1): the card-path sensors, 0 1 0 SW1 SW2 PD1 PD2 PD3. */
interface PathSensors {
  /** SW1: a card at the gate (card-width switch). */
  readonly gateSwitch: boolean;
  /** SW2: the shutter is open or a card lies beneath it. */
  readonly shutter: boolean;
  readonly pd1: boolean;
  readonly pd2: boolean;
  readonly pd3: boolean;
}

/** Se1 Se0 Se2 Se3 (status pm 2/3, port input). */
export interface ReaderSensors extends PathSensors {
  /** PHD: the pre-head feels a stripe at the gate (meaningless once a card is inside). */
  readonly preHeadFlux: boolean;
  /** PDI: a card at the IC position. */
  readonly icPosition: boolean;
  /** ICD: the IC contacts are landed. */
  readonly icContact: boolean;
  readonly captureBox: boolean;
  /** The pass counter passed one million: service the reader. */
  readonly lifeExceeded: boolean;
  readonly entry: EntryMode;
}

function pathByte(s: PathSensors): number {
  return 0x40 | bits(s.pd3, s.pd2, s.pd1, s.shutter, s.gateSwitch);
}

function pathOf(byte: number): PathSensors {
  return { pd3: bit(byte, 0), pd2: bit(byte, 1), pd1: bit(byte, 2), shutter: bit(byte, 3), gateSwitch: bit(byte, 4) };
}

export function encodePathSensors(sensors: PathSensors): Uint8Array {
  return Uint8Array.of(pathByte(sensors));
}

export function decodePathSensors(data: Uint8Array): Result<PathSensors, DataError> {
  const byte = data[0];
  if (data.length !== 1 || byte === undefined) return bad('Se', data);
  return ok(pathOf(byte));
}

export function encodeReaderSensors(s: ReaderSensors): Uint8Array {
  const enabled = s.entry !== 'disabled';
  return Uint8Array.of(
    0x40 | bits(s.preHeadFlux, s.icPosition, s.icContact, s.captureBox),
    pathByte(s),
    0x40 | bits(false, false, false, false, s.lifeExceeded),
    0x40 | bits(false, s.entry === 'magneticOnly', enabled),
  );
}

export function decodeReaderSensors(data: Uint8Array): Result<ReaderSensors, DataError> {
  const [se1, se0, se2, se3] = data;
  if (data.length !== 4 || se1 === undefined || se0 === undefined || se2 === undefined || se3 === undefined) return bad('Se1 Se0 Se2 Se3', data);
  const entry: EntryMode = !bit(se3, 2) ? 'disabled' : bit(se3, 1) ? 'magneticOnly' : 'anyCard';
  return ok({
    ...pathOf(se0),
    preHeadFlux: bit(se1, 0),
    icPosition: bit(se1, 1),
    icContact: bit(se1, 2),
    captureBox: bit(se1, 3),
    lifeExceeded: bit(se2, 4),
    entry,
  });
}

export type TrackPresence = { readonly [T in TrackNumber]: boolean };

/** Read status (C 6 7): "0"/"1" per ISO track, 1 to 3. */
export function encodeTrackPresence(presence: TrackPresence): Uint8Array {
  return ascii([1, 2, 3].map((track) => (presence[track as TrackNumber] ? '1' : '0')).join(''));
}

export function decodeTrackPresence(data: Uint8Array): Result<TrackPresence, DataError> {
  const value = text(data);
  if (!/^[01]{3}$/.test(value)) return bad('ISO#1 ISO#2 ISO#3', data);
  return ok({ 1: value[0] === '1', 2: value[1] === '1', 3: value[2] === '1' });
}

/** Two ASCII digits, 00..99 (retract counter, removal monitor seconds). */
export function encodeTwoDigits(value: number): Uint8Array {
  return ascii(String(Math.max(0, Math.min(99, Math.trunc(value)))).padStart(2, '0'));
}

export function decodeTwoDigits(data: Uint8Array): Result<number, DataError> {
  const value = text(data);
  if (!/^[0-9]{2}$/.test(value)) return bad('ct10 ct1', data);
  return ok(Number(value));
}

export type TrackCapability = 'none' | 'readOnly' | 'readWrite';

/** The type code Initialize answers with when asked (Ty=1): 16 characters. */
export interface ReaderType {
  readonly tracks: { readonly [T in TrackNumber]: TrackCapability };
  readonly ic: 'none' | 'present' | 'vccError';
  readonly hiCoWrite: boolean;
}

const CAPABILITY = ['none', 'readOnly', 'readWrite'] as const;

export function encodeReaderType(type: ReaderType): Uint8Array {
  const track = (t: TrackNumber): string => String(CAPABILITY.indexOf(type.tracks[t]));
  const ic = type.ic === 'none' ? '0' : type.ic === 'present' ? '1' : '3';
  return ascii(track(1) + track(2) + track(3) + '0' + ic + (type.hiCoWrite ? '1' : '0') + '0'.repeat(10));
}

export function decodeReaderType(data: Uint8Array): Result<ReaderType, DataError> {
  const value = text(data);
  if (!/^[012]{3}0[013][01]0{10}$/.test(value)) return bad('type recognising code', data);
  const track = (at: number): TrackCapability => CAPABILITY[Number(value[at])] ?? 'none';
  return ok({
    tracks: { 1: track(0), 2: track(1), 3: track(2) },
    ic: value[4] === '0' ? 'none' : value[4] === '1' ? 'present' : 'vccError',
    hiCoWrite: value[5] === '1',
  });
}

/** sti of ICC and SAM status: 0 1 0 0 clock(2) 3V active. */
export interface ContactStatus {
  readonly active: boolean;
  readonly volts: 3 | 5;
  readonly clockMHz: 0 | 3.58 | 7.16;
}

const CLOCKS = [0, 3.58, 7.16] as const;

export function encodeContactStatus(status: ContactStatus): number {
  return 0x40 | bits(status.active, status.volts === 3) | (CLOCKS.indexOf(status.clockMHz) << 2);
}

export function decodeContactStatus(data: Uint8Array): Result<ContactStatus, DataError> {
  const byte = data[0];
  const clock = byte === undefined ? undefined : CLOCKS[(byte >> 2) & 0x03];
  if (data.length !== 1 || byte === undefined || clock === undefined) return bad('sti', data);
  return ok({ active: bit(byte, 0), volts: bit(byte, 1) ? 3 : 5, clockMHz: clock });
}

export interface SamStatus extends ContactStatus {
  readonly selected: 1 | 2 | 3 | 4 | 5;
}

export function encodeSamStatus(status: SamStatus): Uint8Array {
  return Uint8Array.of(encodeContactStatus(status), 0x30 | (status.selected - 1));
}

export function decodeSamStatus(data: Uint8Array): Result<SamStatus, DataError> {
  const contact = decodeContactStatus(data.slice(0, 1));
  const stj = data[1];
  if (data.length !== 2 || !contact.ok || stj === undefined || (stj & 0xf8) !== 0x30 || (stj & 0x07) > 4) return bad('sti stj', data);
  return ok({ ...contact.value, selected: ((stj & 0x07) + 1) as SamStatus['selected'] });
}

/** I2C sti: 0 1 0 wordAddress 0 0 3V active. */
export interface I2cStatus {
  readonly active: boolean;
  readonly volts: 3 | 5;
  readonly addressBytes: 1 | 2;
}

export function encodeI2cStatus(status: I2cStatus): Uint8Array {
  return Uint8Array.of(0x40 | bits(status.active, status.volts === 3, false, false, status.addressBytes === 2));
}

export function decodeI2cStatus(data: Uint8Array): Result<I2cStatus, DataError> {
  const byte = data[0];
  if (data.length !== 1 || byte === undefined) return bad('sti', data);
  return ok({ active: bit(byte, 0), volts: bit(byte, 1) ? 3 : 5, addressBytes: bit(byte, 4) ? 2 : 1 });
}

/** IN-P of the security port: 0 0 1 1 IN4 IN3 IN2 IN1. */
export type ExternalInputs = readonly [boolean, boolean, boolean, boolean];

export function encodeExternalInputs(inputs: ExternalInputs): Uint8Array {
  return Uint8Array.of(0x30 | bits(...inputs));
}

export function decodeExternalInputs(data: Uint8Array): Result<ExternalInputs, DataError> {
  const byte = data[0];
  if (data.length !== 1 || byte === undefined || (byte & 0xf0) !== 0x30) return bad('IN-P', data);
  return ok([bit(byte, 0), bit(byte, 1), bit(byte, 2), bit(byte, 3)]);
}

/** PD1 PD2 PD3 PDI: sensor levels in volts (C > 0/1), or percentages of the standard (life check, C > 2). */
export type SensorValues = readonly [number, number, number, number];

/**
 * Sensor levels go as two ASCII digits per sensor, volts and tenths: the
 * manual's worked example sends E5H (4.5 V) as 34H 35H. (Its prose speaks of
 * the byte's two nibbles + 30H, which would be 3EH 35H; we follow the example.)
 */
export function encodeSensorLevels(volts: SensorValues): Uint8Array {
  return Uint8Array.from(volts.flatMap((value) => {
    const tenths = Math.max(0, Math.min(99, Math.round(value * 10)));
    return [0x30 + Math.floor(tenths / 10), 0x30 + (tenths % 10)];
  }));
}

export function decodeSensorLevels(data: Uint8Array): Result<SensorValues, DataError> {
  if (data.length !== 8 || data.some((byte) => byte < 0x30 || byte > 0x39)) return bad('v1h v1l .. v4h v4l', data);
  const at = (i: number): number => ((data[2 * i] ?? 0x30) - 0x30) + ((data[2 * i + 1] ?? 0x30) - 0x30) / 10;
  return ok([at(0), at(1), at(2), at(3)]);
}

export function decodeLifeCheck(data: Uint8Array): Result<SensorValues, DataError> {
  const [a, b, c, d] = data;
  if (data.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) return bad('v1 v2 v3 v4', data);
  return ok([a, b, c, d]);
}

/** An A/D byte of a photo sensor in volts (5 V full scale), to one decimal as the reader sends it. */
export function sensorVolts(value: number): number {
  return Math.floor((50 * value) / 255) / 10;
}

/** Per track, what a stripe write did: written (with its verify level), failed (a 2x code), or not asked. */
export type TrackWriteResult =
  | { readonly kind: 'written'; readonly verify: 'good' | 'weak' | 'weaker' }
  | { readonly kind: 'failed'; readonly code: string }
  | { readonly kind: 'notWritten' };

export type WriteResults = readonly [TrackWriteResult, TrackWriteResult, TrackWriteResult];

const VERIFY = ['good', 'weak', 'weaker'] as const;
const TRACK_SEPARATOR = 0x7e;

export function encodeWriteResults(results: WriteResults): Uint8Array {
  const one = (result: TrackWriteResult): string =>
    result.kind === 'written' ? `P0${VERIFY.indexOf(result.verify)}` : result.kind === 'failed' ? `N${result.code}` : 'X00';
  return ascii(results.map(one).join(String.fromCharCode(TRACK_SEPARATOR)));
}

export function decodeWriteResults(data: Uint8Array): Result<WriteResults, DataError> {
  const parts = text(data).split(String.fromCharCode(TRACK_SEPARATOR));
  const results: TrackWriteResult[] = [];
  for (const part of parts) {
    if (/^P0[012]$/.test(part)) results.push({ kind: 'written', verify: VERIFY[Number(part[2])] ?? 'good' });
    else if (/^N2[0-9]$/.test(part)) results.push({ kind: 'failed', code: part.slice(1) });
    else if (part === 'X00') results.push({ kind: 'notWritten' });
    else return bad('Result #1 ~ #2 ~ #3', data);
  }
  const [one, two, three] = results;
  if (results.length !== 3 || !one || !two || !three) return bad('Result #1 ~ #2 ~ #3', data);
  return ok([one, two, three]);
}
