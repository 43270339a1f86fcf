import { isLuhnValid } from '../../common/luhn';
import type { IdentityFile } from './nationalIdCard';
import { parseTrack1, parseTrack2, type CardholderName, type TrackError } from './tracks';

/**
 * What kind of card is in the slot, from what could be read off it. Pure: the
 * reading is done by the device layer (see drivers/cardSlot/identify.ts).
 *
 * Technician cards are defined by the project: an ISO 7813 card whose PAN
 * starts with a configured technician prefix (issuer number); the digits
 * between the prefix and the Luhn check digit are the technician id.
 */

/** Major industry identifier 9 (national assignment), far from any bank BIN. */
export const DEFAULT_TECHNICIAN_PREFIX = '999901';
/** Technician PANs are 16 digits: prefix, zero-padded technician id, check digit. */
export const TECHNICIAN_PAN_LENGTH = 16;

export interface ClassifyConfig {
  readonly technicianPrefixes: readonly string[];
}

export const DEFAULT_CLASSIFY_CONFIG: ClassifyConfig = { technicianPrefixes: [DEFAULT_TECHNICIAN_PREFIX] };

interface CardEvidence {
  /** Track text as read, with or without sentinels; absent when the track had no data. */
  readonly track1?: string | undefined;
  readonly track2?: string | undefined;
  /** The identity file, when the chip answered the ID application. */
  readonly chipIdentity?: IdentityFile | undefined;
}

export type UnknownCardReason =
  | { readonly type: 'nothingReadable' }
  | { readonly type: 'badTrack'; readonly track: 1 | 2; readonly error: TrackError }
  | { readonly type: 'invalidIdNumber' }
  /** The chip carries the ID application but its identity file could not be read or decoded. */
  | { readonly type: 'unreadableChip' }
  /** The file says citizen but the number says resident, or the other way round. */
  | { readonly type: 'documentTypeMismatch' };

export type CardIdentity =
  | { readonly kind: 'bank'; readonly pan: string; readonly expiry: string; readonly name?: CardholderName }
  | { readonly kind: 'nationalId' | 'iqama'; readonly idNumber: string; readonly expiry: string }
  | { readonly kind: 'technician'; readonly technicianId: string; readonly pan: string }
  | { readonly kind: 'unknown'; readonly reason: UnknownCardReason };

/** 10 digits, first digit 1 (citizen) or 2 (resident), Luhn check digit last. */
export function idNumberKind(idNumber: string): 'nationalId' | 'iqama' | undefined {
  if (!/^[12][0-9]{9}$/.test(idNumber) || !isLuhnValid(idNumber)) return undefined;
  return idNumber.startsWith('1') ? 'nationalId' : 'iqama';
}

function technicianId(pan: string, config: ClassifyConfig): string | undefined {
  const prefix = config.technicianPrefixes.find((candidate) => candidate.length > 0 && pan.startsWith(candidate));
  if (prefix === undefined) return undefined;
  return pan.slice(prefix.length, -1);
}

export function classifyCard(evidence: CardEvidence, config: ClassifyConfig = DEFAULT_CLASSIFY_CONFIG): CardIdentity {
  if (evidence.chipIdentity) {
    const { idNumber, documentType, expiry } = evidence.chipIdentity;
    const kind = idNumberKind(idNumber);
    if (!kind) return { kind: 'unknown', reason: { type: 'invalidIdNumber' } };
    if (kind !== documentType) return { kind: 'unknown', reason: { type: 'documentTypeMismatch' } };
    return { kind, idNumber, expiry };
  }

  const track1 = evidence.track1 === undefined ? undefined : parseTrack1(evidence.track1);
  const track2 = evidence.track2 === undefined ? undefined : parseTrack2(evidence.track2);
  // Track 2 is the one banks rely on; track 1 only adds the name when it agrees.
  const primary = track2 ?? track1;
  if (!primary) return { kind: 'unknown', reason: { type: 'nothingReadable' } };
  if (!primary.ok) return { kind: 'unknown', reason: { type: 'badTrack', track: track2 ? 2 : 1, error: primary.error } };
  const { pan, expiry } = primary.value;
  const techId = technicianId(pan, config);
  if (techId !== undefined) return { kind: 'technician', technicianId: techId, pan };
  const name = track1?.ok && track1.value.pan === pan ? track1.value.name : undefined;
  return name ? { kind: 'bank', pan, expiry, name } : { kind: 'bank', pan, expiry };
}
