import { FINGER_NAMES, type FingerName } from '../../common/fingerprint/fingers';

/**
 * The control API names fingers as a technician types them ("right-index");
 * the synthetic source and the central side use "rightIndex". Both are accepted.
 */

export function parseFingerName(text: string): FingerName | undefined {
  const folded = text.trim().toLowerCase().replace(/[-_ ]+/g, '');
  return FINGER_NAMES.find((name) => name.toLowerCase() === folded);
}

export function fingerLabel(name: FingerName): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
