import { createHash } from 'node:crypto';
import type { MaintenanceWindow, Rollout } from '../../../common/wire/updates';

/**
 * The kiosk's bucket, 0–99: the first 32 bits of SHA-256 of its id, mod 100.
 * Stable (the same kiosk lands in the same bucket on every run and every
 * version) and spread evenly, so a canary of N percent is about N in 100 kiosks,
 * and raising N only adds kiosks to the ring.
 */
export function bucketOf(kioskId: string): number {
  return createHash('sha256').update(`kiosk-rollout:${kioskId}`, 'utf8').digest().readUInt32BE(0) % 100;
}

type Target = { version: string; ring: 'canary' | 'all' } | null;

/** The version central names for this kiosk, and through which ring (null: none named). */
export function targetFor(rollout: Rollout | undefined, kioskId: string): Target {
  if (!rollout) return null;
  if (rollout.canary && bucketOf(kioskId) < rollout.canary.percent) return { version: rollout.canary.version, ring: 'canary' };
  return rollout.version === null ? null : { version: rollout.version, ring: 'all' };
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` (ms since the epoch) falls in the window, in the kiosks' local time; an end before the start runs past midnight. */
export function inMaintenanceWindow(window: MaintenanceWindow, at: number): boolean {
  const local = new Date(at + window.utcOffsetMinutes * 60_000);
  const now = local.getUTCHours() * 60 + local.getUTCMinutes();
  const start = minutes(window.start);
  const end = minutes(window.end);
  if (start === end) return true;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
