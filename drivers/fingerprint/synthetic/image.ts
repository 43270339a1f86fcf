import { PACKED_IMAGE_LENGTH } from '../image';
import { type RidgePattern, SENSOR_HEIGHT, SENSOR_WIDTH } from '../../../common/fingerprint/fingers';
import { createRng } from '../../../common/fingerprint/prng';

/**
 * A plausible grey image of a print as the module would upload it: dark
 * ridges in rings around the core, inside the oval of the finger, on a light
 * background. 4 bits a pixel, high nibble = left pixel, rows top to bottom.
 */
export function renderPackedImage(pattern: RidgePattern, shiftX: number, shiftY: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const packed = new Uint8Array(PACKED_IMAGE_LENGTH);
  const coreX = pattern.coreX + shiftX;
  const coreY = pattern.coreY + shiftY;
  const frequency = (2 * Math.PI) / pattern.ridgePeriod;
  for (let y = 0; y < SENSOR_HEIGHT; y += 1) {
    for (let x = 0; x < SENSOR_WIDTH; x += 2) {
      let byte = 0;
      for (let half = 0; half < 2; half += 1) {
        const px = x + half;
        const oval = ((px - 128 - shiftX) / 112) ** 2 + ((y - 144 - shiftY) / 134) ** 2;
        let level = 15;
        if (oval <= 1) {
          const dx = px - coreX;
          const dy = y - coreY;
          // Elongated rings with a bend read as a loop rather than a bullseye.
          const ring = Math.hypot(dx * 1.1, dy * 0.9) + (pattern.flowBias / 40) * 6 * Math.sin(Math.atan2(dy, dx));
          const ridge = Math.cos(ring * frequency);
          const edgeFade = Math.min(1, (1 - oval) * 6);
          level = Math.round(8 + 6 * ridge * edgeFade + rng.normal() * 0.8);
          level = Math.max(0, Math.min(15, level));
        }
        byte = half === 0 ? level << 4 : byte | level;
      }
      packed[(y * SENSOR_WIDTH + x) >> 1] = byte;
    }
  }
  return packed;
}

/** Blank glass: what the image buffer holds before any capture. */
export function blankPackedImage(): Uint8Array {
  return new Uint8Array(PACKED_IMAGE_LENGTH).fill(0xff);
}
