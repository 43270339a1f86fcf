import type { VirtualFinger } from '../../../common/fingerprint/fingers';
import type { CaptureGuidance } from '../readerTypes';
import type { FingerprintSimulator } from '../simulator';

/**
 * A person who does what the reader asks, as a capture's `onGuidance`: lifts
 * whatever is on the glass when asked to, and puts this finger down once the
 * glass is clear (again, if it left mid-capture). Each call is one person at one capture.
 */
export function personAtReader(
  simulator: FingerprintSimulator,
  finger: VirtualFinger,
  options: { poorImages?: number; also?: (guidance: CaptureGuidance) => void } = {},
): (guidance: CaptureGuidance) => void {
  return (guidance) => {
    options.also?.(guidance);
    if (guidance === 'liftFinger') simulator.liftFinger();
    const asked = guidance === 'waiting' || guidance === 'noFinger';
    if (asked && !simulator.fingerOnGlass) simulator.placeFinger(finger, options.poorImages === undefined ? {} : { poorImages: options.poorImages });
  };
}
