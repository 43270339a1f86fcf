import { createRng, seedFrom } from './prng';
import { type Minutia, normaliseAngle, referenceMinutiae, SENSOR_HEIGHT, SENSOR_WIDTH, type VirtualFinger } from './fingers';

/** How a finger lands on the glass differs every time; these are the bounds. */
interface CaptureNoise {
  maxRotationDegrees: number;
  maxShiftPixels: number;
  positionJitterPixels: number;
  angleJitterDegrees: number;
  missingProbability: number;
  maxSpurious: number;
  typeFlipProbability: number;
}

const DEFAULT_CAPTURE_NOISE: CaptureNoise = {
  maxRotationDegrees: 12,
  maxShiftPixels: 16,
  positionJitterPixels: 1.5,
  angleJitterDegrees: 4,
  missingProbability: 0.12,
  maxSpurious: 4,
  typeFlipProbability: 0.05,
};

interface Capture {
  readonly minutiae: Minutia[];
  /** Share of the finger's true minutiae this capture kept, 0..100. */
  readonly quality: number;
}

/**
 * One placement of a finger: the true minutiae rotated about the sensor
 * centre and shifted, each jittered, some lost, a few spurious ones added.
 * The same `captureSeed` gives the same capture.
 */
export function captureFinger(finger: VirtualFinger, captureSeed: number, noise: CaptureNoise = DEFAULT_CAPTURE_NOISE): Capture {
  const truth = referenceMinutiae(finger);
  const rng = createRng(seedFrom('capture', finger.personId, finger.finger, captureSeed));
  const rotation = rng.between(-noise.maxRotationDegrees, noise.maxRotationDegrees);
  const shiftX = rng.between(-noise.maxShiftPixels, noise.maxShiftPixels);
  const shiftY = rng.between(-noise.maxShiftPixels, noise.maxShiftPixels);
  const radians = (rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const centreX = SENSOR_WIDTH / 2;
  const centreY = SENSOR_HEIGHT / 2;
  const onSensor = (x: number, y: number): boolean => x >= 4 && x < SENSOR_WIDTH - 4 && y >= 4 && y < SENSOR_HEIGHT - 4;

  const seen: Minutia[] = [];
  for (const m of truth) {
    if (rng.next() < noise.missingProbability) continue;
    const dx = m.x - centreX;
    const dy = m.y - centreY;
    const x = centreX + dx * cos - dy * sin + shiftX + rng.normal() * noise.positionJitterPixels;
    const y = centreY + dx * sin + dy * cos + shiftY + rng.normal() * noise.positionJitterPixels;
    if (!onSensor(x, y)) continue;
    const flipped = rng.next() < noise.typeFlipProbability;
    seen.push({
      x,
      y,
      angle: normaliseAngle(m.angle + rotation + rng.normal() * noise.angleJitterDegrees),
      type: flipped ? (m.type === 'ending' ? 'bifurcation' : 'ending') : m.type,
    });
  }
  const kept = seen.length;
  const spurious = rng.integer(0, noise.maxSpurious);
  for (let i = 0; i < spurious; i += 1) {
    seen.push({
      x: rng.between(10, SENSOR_WIDTH - 10),
      y: rng.between(10, SENSOR_HEIGHT - 10),
      angle: rng.between(0, 360),
      type: rng.next() < 0.5 ? 'ending' : 'bifurcation',
    });
  }
  // Spurious points should not sit at the end of the record, where a reader could spot them.
  for (let i = seen.length - 1; i > 0; i -= 1) {
    const j = rng.integer(0, i);
    const a = seen[i];
    const b = seen[j];
    if (a && b) {
      seen[i] = b;
      seen[j] = a;
    }
  }
  return { minutiae: seen, quality: truth.length === 0 ? 0 : Math.round((100 * kept) / truth.length) };
}
