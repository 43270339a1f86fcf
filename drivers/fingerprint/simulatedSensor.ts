import { captureFinger } from '../../common/fingerprint/capture';
import { type Minutia, ridgePatternOf, type VirtualFinger } from '../../common/fingerprint/fingers';
import { blankPackedImage, renderPackedImage } from './synthetic/image';
import { createRng } from '../../common/fingerprint/prng';

/** What one GenImg saw: the finger's minutiae as this capture found them, and where the finger sat. */
export interface SensorImage {
  readonly finger: VirtualFinger;
  readonly minutiae: Minutia[];
  readonly quality: number;
  /** Too messy to extract features from (Img2Tz answers cc 06). */
  readonly poor: boolean;
  readonly shiftX: number;
  readonly shiftY: number;
  readonly seed: number;
}

/**
 * The simulated module's glass and image sensor: the virtual finger a person
 * rests on it, and the image GenImg takes of it. A scene may ask for a number
 * of messy images before a good one.
 */
export class SimulatedSensor {
  #finger: VirtualFinger | undefined;
  #poorImagesLeft = 0;

  get finger(): VirtualFinger | undefined {
    return this.#finger;
  }

  /** `poorImages`: that many captures come out too messy to use before a good one. */
  place(finger: VirtualFinger, poorImages: number): void {
    this.#finger = finger;
    this.#poorImagesLeft = poorImages;
  }

  lift(): void {
    this.#finger = undefined;
  }

  /** An image of the finger on the glass; none without a finger. `seed` makes each capture differ, repeatably. */
  capture(seed: number): SensorImage | undefined {
    const finger = this.#finger;
    if (!finger) return undefined;
    const capture = captureFinger(finger, seed);
    const poor = this.#poorImagesLeft > 0;
    if (poor) this.#poorImagesLeft -= 1;
    const jitter = createRng(seed);
    return {
      finger,
      minutiae: capture.minutiae,
      quality: capture.quality,
      poor,
      shiftX: jitter.between(-12, 12),
      shiftY: jitter.between(-12, 12),
      seed,
    };
  }
}

/** The image buffer as UpImage sends it: 4-bit grey, two pixels a byte; blank glass when there is no image. */
export function packedImageOf(image: SensorImage | undefined): Uint8Array {
  if (!image) return blankPackedImage();
  return renderPackedImage(ridgePatternOf(image.finger), image.shiftX, image.shiftY, image.seed);
}
