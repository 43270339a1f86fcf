import { z } from 'zod';

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
