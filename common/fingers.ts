/** The ten fingers, in the order ISO/IEC 19794-2 numbers them from the right thumb. One list for the readers, central and the dock. */
export const FINGER_NAMES = [
  'rightThumb',
  'rightIndex',
  'rightMiddle',
  'rightRing',
  'rightLittle',
  'leftThumb',
  'leftIndex',
  'leftMiddle',
  'leftRing',
  'leftLittle',
] as const;

export type FingerName = (typeof FINGER_NAMES)[number];
