import { ok, type Result } from '../result';
import { type CharFileError, decodeCharFile } from './charFile';
import { type Minutia, normaliseAngle } from './fingers';

/**
 * Reference 1:1 matcher for synthetic char files (TEMPLATE.md). It guesses
 * the rotation and shift between two captures by letting every minutia pair
 * vote (a Hough transform), then counts the minutiae that pair up under the
 * best few guesses. Tolerates rotation, shift, jitter and missing points.
 */

interface MatchTolerances {
  /** Paired minutiae may lie this far apart after alignment, in pixels. */
  distancePixels: number;
  /** … and differ this much in direction, in degrees. */
  angleDegrees: number;
  /** Placements rotated further than this are not considered. */
  maxRotationDegrees: number;
}

const DEFAULT_TOLERANCES: MatchTolerances = { distancePixels: 10, angleDegrees: 20, maxRotationDegrees: 30 };

/** Score at or above which two captures are taken to be the same finger. */
export const MATCH_THRESHOLD = 30;

export interface Alignment {
  /** Applied to the probe: rotate by `rotation` degrees about the origin, then shift. */
  readonly rotation: number;
  readonly shiftX: number;
  readonly shiftY: number;
}

export interface MatchResult {
  /** 0..100: paired² / (reference count × probe count), as a percentage. */
  readonly score: number;
  readonly paired: number;
  readonly alignment: Alignment;
  /** [reference index, probe index] of each pair. */
  readonly pairs: readonly (readonly [number, number])[];
}

const ROTATION_BIN = 6;
const SHIFT_BIN = 12;
const SHIFT_RANGE = 600;
const SHIFT_BINS = Math.ceil((2 * SHIFT_RANGE) / SHIFT_BIN);
const CANDIDATES = 6;

const angleGap = (a: number, b: number): number => {
  const d = Math.abs(normaliseAngle(a - b));
  return d > 180 ? 360 - d : d;
};
const signedAngle = (degrees: number): number => {
  const n = normaliseAngle(degrees);
  return n > 180 ? n - 360 : n;
};

function pairUnder(reference: readonly Minutia[], probe: readonly Minutia[], alignment: Alignment, tolerances: MatchTolerances): [number, number][] {
  const radians = (alignment.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const taken = new Uint8Array(reference.length);
  const pairs: [number, number][] = [];
  const maxDistanceSquared = tolerances.distancePixels ** 2;
  probe.forEach((p, probeIndex) => {
    const x = p.x * cos - p.y * sin + alignment.shiftX;
    const y = p.x * sin + p.y * cos + alignment.shiftY;
    const angle = p.angle + alignment.rotation;
    let best = -1;
    let bestDistance = maxDistanceSquared;
    reference.forEach((r, referenceIndex) => {
      if (taken[referenceIndex]) return;
      const distance = (r.x - x) ** 2 + (r.y - y) ** 2;
      if (distance <= bestDistance && angleGap(r.angle, angle) <= tolerances.angleDegrees) {
        best = referenceIndex;
        bestDistance = distance;
      }
    });
    if (best >= 0) {
      taken[best] = 1;
      pairs.push([best, probeIndex]);
    }
  });
  return pairs;
}

/** Least-squares rotation and shift mapping the paired probe points onto the reference ones. */
function refine(reference: readonly Minutia[], probe: readonly Minutia[], pairs: readonly (readonly [number, number])[], fallback: Alignment): Alignment {
  if (pairs.length < 2) return fallback;
  let rx = 0, ry = 0, px = 0, py = 0;
  for (const [r, p] of pairs) {
    rx += reference[r]?.x ?? 0; ry += reference[r]?.y ?? 0;
    px += probe[p]?.x ?? 0; py += probe[p]?.y ?? 0;
  }
  const n = pairs.length;
  rx /= n; ry /= n; px /= n; py /= n;
  let dot = 0, cross = 0;
  for (const [r, p] of pairs) {
    const ax = (probe[p]?.x ?? 0) - px, ay = (probe[p]?.y ?? 0) - py;
    const bx = (reference[r]?.x ?? 0) - rx, by = (reference[r]?.y ?? 0) - ry;
    dot += ax * bx + ay * by;
    cross += ax * by - ay * bx;
  }
  const radians = Math.atan2(cross, dot);
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  return { rotation: (radians * 180) / Math.PI, shiftX: rx - (px * cos - py * sin), shiftY: ry - (px * sin + py * cos) };
}

export function matchMinutiae(
  reference: readonly Minutia[],
  probe: readonly Minutia[],
  tolerances: MatchTolerances = DEFAULT_TOLERANCES,
): MatchResult {
  const none: MatchResult = { score: 0, paired: 0, alignment: { rotation: 0, shiftX: 0, shiftY: 0 }, pairs: [] };
  if (reference.length === 0 || probe.length === 0) return none;

  const rotationBins = Math.ceil((2 * tolerances.maxRotationDegrees) / ROTATION_BIN) + 1;
  const votes = new Map<number, { count: number; rotation: number; shiftX: number; shiftY: number }>();
  for (const r of reference) {
    for (const p of probe) {
      const rotation = signedAngle(r.angle - p.angle);
      if (Math.abs(rotation) > tolerances.maxRotationDegrees) continue;
      const radians = (rotation * Math.PI) / 180;
      const shiftX = r.x - (p.x * Math.cos(radians) - p.y * Math.sin(radians));
      const shiftY = r.y - (p.x * Math.sin(radians) + p.y * Math.cos(radians));
      const rotationBin = Math.floor((rotation + tolerances.maxRotationDegrees) / ROTATION_BIN);
      const xBin = Math.floor((shiftX + SHIFT_RANGE) / SHIFT_BIN);
      const yBin = Math.floor((shiftY + SHIFT_RANGE) / SHIFT_BIN);
      if (xBin < 0 || yBin < 0 || xBin >= SHIFT_BINS || yBin >= SHIFT_BINS || rotationBin >= rotationBins) continue;
      const key = (rotationBin * SHIFT_BINS + xBin) * SHIFT_BINS + yBin;
      const bin = votes.get(key);
      if (bin) {
        bin.count += 1;
        bin.rotation += rotation;
        bin.shiftX += shiftX;
        bin.shiftY += shiftY;
      } else votes.set(key, { count: 1, rotation, shiftX, shiftY });
    }
  }
  const candidates = [...votes.values()].sort((a, b) => b.count - a.count).slice(0, CANDIDATES);

  let best = none;
  for (const candidate of candidates) {
    const guess: Alignment = {
      rotation: candidate.rotation / candidate.count,
      shiftX: candidate.shiftX / candidate.count,
      shiftY: candidate.shiftY / candidate.count,
    };
    let pairs = pairUnder(reference, probe, guess, tolerances);
    let alignment = guess;
    const refined = refine(reference, probe, pairs, guess);
    if (Math.abs(signedAngle(refined.rotation)) <= tolerances.maxRotationDegrees) {
      const again = pairUnder(reference, probe, refined, tolerances);
      if (again.length >= pairs.length) {
        pairs = again;
        alignment = refined;
      }
    }
    if (pairs.length > best.paired) {
      const score = Math.min(100, Math.round((100 * pairs.length * pairs.length) / (reference.length * probe.length)));
      best = { score, paired: pairs.length, alignment, pairs };
    }
  }
  return best;
}

/** 1:1 match of two 512-byte synthetic char files; a malformed file is an error, not a zero. */
export function matchCharFiles(reference: Uint8Array, probe: Uint8Array): Result<MatchResult, CharFileError> {
  const a = decodeCharFile(reference);
  if (!a.ok) return a;
  const b = decodeCharFile(probe);
  if (!b.ok) return b;
  return ok(matchMinutiae(a.value.minutiae, b.value.minutiae));
}

