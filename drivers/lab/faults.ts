import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';

/**
 * Faults the lab can inject, as the control API accepts them. Not every fault
 * fits every device (a fingerprint module has no card to jam); the station
 * answers `notApplicable` and the API turns that into a 400.
 */

export const FAULT_KINDS = ['unplug', 'replug', 'jam', 'garble', 'truncate', 'noAck', 'slow', 'liftMidCapture', 'cardPulled', 'none'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const LAB_DEVICES = ['fingerprint', 'cardSlot'] as const;
export type LabDevice = (typeof LAB_DEVICES)[number];

export const faultRequestSchema = z
  .object({
    device: z.enum(LAB_DEVICES),
    kind: z.enum(FAULT_KINDS),
    /** For `slow`: extra delay before every reply. */
    delayMs: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();
export type FaultRequest = z.infer<typeof faultRequestSchema>;

/** What `slow` adds when no delay is given: long enough to notice, short of the drivers' timeouts. */
export const DEFAULT_SLOW_MS = 400;

export type FaultError = { readonly type: 'notApplicable'; readonly device: LabDevice; readonly kind: FaultKind };

/**
 * A fault at a station on a serial line: the cable's own (`unplug`, `replug`) every station takes; the others are what
 * `actions` does for each kind its device knows, and a kind it does not know is `notApplicable`.
 */
export async function applyStationFault(
  fault: FaultRequest,
  device: LabDevice,
  cable: (kind: 'unplug' | 'replug') => Promise<void>,
  actions: Partial<Record<Exclude<FaultKind, 'unplug' | 'replug'>, (fault: FaultRequest) => void>>,
): Promise<Result<void, FaultError>> {
  if (fault.kind === 'unplug' || fault.kind === 'replug') {
    await cable(fault.kind);
    return ok();
  }
  const action = actions[fault.kind];
  if (!action) return err({ type: 'notApplicable', device, kind: fault.kind });
  action(fault);
  return ok();
}
