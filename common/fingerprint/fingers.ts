import { createRng, seedFrom } from './prng';

import type { FingerName } from '../fingers';

export { FINGER_NAMES, type FingerName } from '../fingers';

/** A person's finger in the simulated lab. */
export interface VirtualFinger {
  readonly personId: string;
  readonly finger: FingerName;
}

export type MinutiaType = 'ending' | 'bifurcation';

/** A ridge ending or bifurcation, in sensor pixels; angle in degrees [0, 360), from +x towards +y. */
export interface Minutia {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly type: MinutiaType;
}

/** The sensor of R30x-class modules: 256 × 288 pixels at about 500 dpi. */
export const SENSOR_WIDTH = 256;
export const SENSOR_HEIGHT = 288;

const MIN_SPACING = 14;

/** The ridge-flow centre and spread of a finger, shared by its minutiae and its image. */
export interface RidgePattern {
  readonly coreX: number;
  readonly coreY: number;
  /** Added to the whorl's tangent direction; bends it toward a loop. */
  readonly flowBias: number;
  readonly ridgePeriod: number;
}

export function ridgePatternOf(finger: VirtualFinger): RidgePattern {
  const rng = createRng(seedFrom('pattern', finger.personId, finger.finger));
  return {
    coreX: rng.between(96, 160),
    coreY: rng.between(110, 170),
    flowBias: rng.between(-40, 40),
    ridgePeriod: rng.between(8, 11),
  };
}

/** Ridge direction at a point, in degrees: tangent to rings around the core, bent by the bias. */
function ridgeDirectionAt(pattern: RidgePattern, x: number, y: number): number {
  const radial = (Math.atan2(y - pattern.coreY, x - pattern.coreX) * 180) / Math.PI;
  return radial + 90 + pattern.flowBias * Math.exp(-Math.hypot(x - pattern.coreX, y - pattern.coreY) / 120);
}

export const normaliseAngle = (degrees: number): number => ((degrees % 360) + 360) % 360;

/** The true minutiae of a finger: what every capture of it is a noisy view of. */
export function referenceMinutiae(finger: VirtualFinger): Minutia[] {
  const rng = createRng(seedFrom('minutiae', finger.personId, finger.finger));
  const pattern = ridgePatternOf(finger);
  const wanted = rng.integer(36, 52);
  const found: Minutia[] = [];
  for (let attempt = 0; attempt < 4000 && found.length < wanted; attempt += 1) {
    const x = rng.between(14, SENSOR_WIDTH - 14);
    const y = rng.between(14, SENSOR_HEIGHT - 14);
    // Prints are roughly elliptical; corners of the sensor hold no ridges.
    const inside = ((x - 128) / 118) ** 2 + ((y - 144) / 136) ** 2 <= 1;
    if (!inside || found.some((m) => Math.hypot(m.x - x, m.y - y) < MIN_SPACING)) continue;
    const flow = ridgeDirectionAt(pattern, x, y) + (rng.next() < 0.5 ? 0 : 180) + rng.normal() * 12;
    found.push({ x, y, angle: normaliseAngle(flow), type: rng.next() < 0.6 ? 'ending' : 'bifurcation' });
  }
  return found;
}
