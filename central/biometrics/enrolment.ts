import { captureFinger } from '../../common/fingerprint/capture';
import { encodeCharFile } from '../../common/fingerprint/charFile';
import type { FingerName } from '../../common/fingerprint/fingers';
import { mergeCaptures } from '../../common/fingerprint/merge';

/** Capture seeds the enrolment office used; live captures at a kiosk use any other seed. */
const ENROLMENT_CAPTURE_SEEDS = [1, 2] as const;

/**
 * The reference template the registry holds for a finger, made the way an
 * enrolment station makes one: two placements merged into one char file.
 */
export function enrolledTemplate(personId: string, finger: FingerName): Uint8Array {
  const first = captureFinger({ personId, finger }, ENROLMENT_CAPTURE_SEEDS[0]);
  const second = captureFinger({ personId, finger }, ENROLMENT_CAPTURE_SEEDS[1]);
  return encodeCharFile({ quality: Math.min(first.quality, second.quality), minutiae: mergeCaptures(first.minutiae, second.minutiae) });
}
