import type { CaptureGuidance } from '../../../../drivers/fingerprint/driver';

/** What the person at the reader is told; the renderer has a sentence for each in ar and en. */
export type PersonGuidance = 'placeFinger' | 'holdStill' | 'liftAndPlaceAgain' | 'poorQuality' | 'captured';

export function guidanceForPerson(guidance: CaptureGuidance): PersonGuidance {
  switch (guidance) {
    case 'waiting':
    case 'noFinger':
      return 'placeFinger';
    // The image is taken; features and the template follow, and a moving finger spoils them.
    case 'imageCaptured':
      return 'holdStill';
    case 'poorQuality':
      return 'poorQuality';
    // A finger already on the glass when the capture began: lift it, then place it when asked.
    case 'liftFinger':
    case 'liftAndPlaceAgain':
      return 'liftAndPlaceAgain';
  }
}

/** Passes guidance on, without repeating itself: the driver says "waiting" on every poll. */
export function guidanceRelay(listener: ((guidance: PersonGuidance) => void) | undefined): (guidance: PersonGuidance) => void {
  let last: PersonGuidance | undefined;
  return (guidance) => {
    if (guidance === last) return;
    last = guidance;
    listener?.(guidance);
  };
}
