import { scrypt, timingSafeEqual } from 'node:crypto';
import { verifierInput } from '../../../common/rules/technicianCardSecret';
import { type PushedTechnician, scryptHashSchema } from '../../../common/wire/technicians';
import type { TechnicianSecretRead } from '../devices/cardSlot/types';

/**
 * The PIN check while central is unreachable (issue 13): against the
 * verifier central pushed for this technician, scrypt(PIN ‖ the secret on
 * track 3 of their card) (`scrypt$N$r$p$salt$hash`, central's
 * technicians/cardVerifier.ts, the same bytes: `verifierInput`). It needs
 * the physical card, still in the slot while the PIN pad is open; the
 * service gesture (no card) and the devices CLI cannot be checked offline.
 * A legacy hash of the PIN alone is never checked. A hash not in that
 * format, or whose cost is beyond what the kiosk allows (the wire schema
 * bounds it), matches nothing.
 */

/** Why nothing could be checked offline: no card in the slot, a card without a readable secret, no card issued, a legacy configuration. */
export type OfflineRefusal = 'needsCard' | 'cardUnreadable' | 'noVerifier' | 'legacyVerifier';

export type OfflineVerdict = { outcome: 'verified'; name: string } | { outcome: 'wrong' } | { outcome: 'cannotCheck'; why?: OfflineRefusal };

/** The technician card in the slot during this PIN pad: its track 3 read on demand (CardSlotDevice.readTechnicianSecret). */
export type HeldTechnicianCard = () => Promise<TechnicianSecretRead | null>;

export async function offlineVerifierMatches(pin: string, secret: Uint8Array, stored: string): Promise<boolean> {
  if (!scryptHashSchema.safeParse(stored).success || !/^[0-9]{4,8}$/.test(pin)) return false;
  const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(verifierInput(pin, secret), Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  return timingSafeEqual(key, expected);
}

/**
 * One offline check: `card` null when no technician card is in the slot
 * (the gesture, the CLI). Only a verifier of the PIN with the card's secret
 * lets a technician in; the right PIN with another card's secret is a wrong
 * PIN (counted as one). An unknown number costs the same scrypt work.
 */
export async function checkOffline(technicians: readonly PushedTechnician[], technicianId: string, pin: string, card: HeldTechnicianCard | null): Promise<OfflineVerdict> {
  if (technicians.length === 0) return { outcome: 'cannotCheck' };
  if (!card) return { outcome: 'cannotCheck', why: 'needsCard' };
  const technician = technicians.find((t) => t.technicianId === technicianId);
  if (technician && 'pinHash' in technician) return { outcome: 'cannotCheck', why: 'legacyVerifier' };
  if (technician && technician.offlineVerifier === null) return { outcome: 'cannotCheck', why: 'noVerifier' };
  const read = await card();
  if (!read || read.kind !== 'secret') return { outcome: 'cannotCheck', why: 'cardUnreadable' };
  const decoy = technicians.find((t): t is Extract<PushedTechnician, { offlineVerifier: unknown }> => 'offlineVerifier' in t && t.offlineVerifier !== null);
  const against = technician?.offlineVerifier?.hash ?? decoy?.offlineVerifier?.hash;
  if (!against) return { outcome: 'wrong' };
  const matched = await offlineVerifierMatches(pin, read.secret, against).finally(() => read.secret.fill(0));
  return technician && matched ? { outcome: 'verified', name: technician.name } : { outcome: 'wrong' };
}

/**
 * A configuration from a central before card secrets carries PIN-only
 * hashes (`pinHash`): they are never checked (checkOffline answers
 * `legacyVerifier` for them). `refusedIn` says which technicians such a list
 * names, once per distinct list (null when there is nothing new to audit):
 * the kiosk audits `maintenance.offlineVerifierRefused` for them.
 */
export class LegacyVerifierRefusal {
  private last = '';

  refusedIn(list: readonly PushedTechnician[]): string[] | null {
    const legacy = list.filter((t) => 'pinHash' in t).map((t) => t.technicianId);
    const key = legacy.join(',');
    if (key === this.last) return null;
    this.last = key;
    return legacy.length > 0 ? legacy : null;
  }
}
