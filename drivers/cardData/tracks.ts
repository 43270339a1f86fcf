import { err, ok, type Result } from '../../common/result';
import { isLuhnValid } from '../../common/luhn';

/**
 * ISO/IEC 7813 financial tracks (DEVICES.md §4). Readers differ on sentinels:
 * the Sankyo reader strips SS/ES/LRC, MagTek keeps SS and ES, so both forms parse.
 */

export interface CardholderName {
  readonly surname: string;
  readonly given: string;
}

interface Track1 {
  readonly pan: string;
  readonly name: CardholderName;
  /** YYMM as encoded. */
  readonly expiry: string;
  readonly serviceCode: string;
  readonly discretionary: string;
}

interface Track2 {
  readonly pan: string;
  readonly expiry: string;
  readonly serviceCode: string;
  readonly discretionary: string;
}

export type TrackError =
  | { readonly type: 'tooLong'; readonly length: number; readonly max: number }
  | { readonly type: 'badFormat'; readonly reason: string }
  | { readonly type: 'badPan'; readonly reason: 'length' | 'digits' }
  | { readonly type: 'luhn' }
  | { readonly type: 'badExpiry'; readonly expiry: string }
  | { readonly type: 'badServiceCode'; readonly serviceCode: string };

/** Character counts including sentinels (and LRC for the track limits of ISO 7811). */
const TRACK1_MAX = 79;
const TRACK2_MAX = 40;

const PAN = /^[0-9]{12,19}$/;

function stripSentinels(raw: string, start: string): string {
  let body = raw.startsWith(start) ? raw.slice(1) : raw;
  if (body.endsWith('?')) body = body.slice(0, -1);
  return body;
}

function checkPan(pan: string): Result<string, TrackError> {
  if (!/^[0-9]*$/.test(pan)) return err({ type: 'badPan', reason: 'digits' });
  if (!PAN.test(pan)) return err({ type: 'badPan', reason: 'length' });
  if (!isLuhnValid(pan)) return err({ type: 'luhn' });
  return ok(pan);
}

/** Expiry YYMM with a month 01..12, followed by a 3-digit service code. */
function splitExpiryAndService(rest: string): Result<{ expiry: string; serviceCode: string; discretionary: string }, TrackError> {
  const expiry = rest.slice(0, 4);
  if (!/^[0-9]{2}(0[1-9]|1[0-2])$/.test(expiry)) return err({ type: 'badExpiry', expiry });
  const serviceCode = rest.slice(4, 7);
  if (!/^[0-9]{3}$/.test(serviceCode)) return err({ type: 'badServiceCode', serviceCode });
  return ok({ expiry, serviceCode, discretionary: rest.slice(7) });
}

export function splitName(field: string): CardholderName {
  const slash = field.indexOf('/');
  if (slash < 0) return { surname: field.trim(), given: '' };
  return { surname: field.slice(0, slash).trim(), given: field.slice(slash + 1).trim() };
}

export function parseTrack1(raw: string): Result<Track1, TrackError> {
  if (raw.length > TRACK1_MAX) return err({ type: 'tooLong', length: raw.length, max: TRACK1_MAX });
  const body = stripSentinels(raw, '%');
  // Track 1 is 6-bit alphanumeric: space to underscore.
  if (!/^[\x20-\x5f]*$/.test(body)) return err({ type: 'badFormat', reason: 'character outside the track 1 set' });
  if (!body.startsWith('B')) return err({ type: 'badFormat', reason: 'format code is not B' });
  const fields = body.slice(1).split('^');
  if (fields.length !== 3) return err({ type: 'badFormat', reason: 'expected PAN^NAME^DATA' });
  const [panField, nameField, rest] = fields as [string, string, string];
  const pan = checkPan(panField);
  if (!pan.ok) return pan;
  if (nameField.length < 2 || nameField.length > 26) return err({ type: 'badFormat', reason: 'name must be 2..26 characters' });
  const tail = splitExpiryAndService(rest);
  if (!tail.ok) return tail;
  return ok({ pan: pan.value, name: splitName(nameField), ...tail.value });
}

export function parseTrack2(raw: string): Result<Track2, TrackError> {
  if (raw.length > TRACK2_MAX) return err({ type: 'tooLong', length: raw.length, max: TRACK2_MAX });
  const body = stripSentinels(raw, ';');
  if (!/^[0-9=]*$/.test(body)) return err({ type: 'badFormat', reason: 'character outside the track 2 set' });
  const fields = body.split('=');
  if (fields.length !== 2) return err({ type: 'badFormat', reason: 'expected PAN=DATA' });
  const [panField, rest] = fields as [string, string];
  const pan = checkPan(panField);
  if (!pan.ok) return pan;
  const tail = splitExpiryAndService(rest);
  if (!tail.ok) return tail;
  return ok({ pan: pan.value, ...tail.value });
}

interface TrackFields {
  readonly pan: string;
  readonly name: CardholderName;
  readonly expiry: string;
  readonly serviceCode: string;
  readonly discretionary?: string;
}

/** Track 1 as encoded on the stripe (with sentinels). The inverse of `parseTrack1` for valid fields. */
export function formatTrack1(fields: TrackFields): string {
  const name = fields.name.given ? `${fields.name.surname}/${fields.name.given}` : fields.name.surname;
  return `%B${fields.pan}^${name}^${fields.expiry}${fields.serviceCode}${fields.discretionary ?? ''}?`;
}

export function formatTrack2(fields: Omit<TrackFields, 'name'>): string {
  return `;${fields.pan}=${fields.expiry}${fields.serviceCode}${fields.discretionary ?? ''}?`;
}

/** A track with its start and end sentinels removed, as the Sankyo reader returns it. */
export function withoutSentinels(track: string): string {
  return track.replace(/^[%;]/, '').replace(/\?$/, '');
}
