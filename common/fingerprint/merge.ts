import { MAX_MINUTIAE } from './charFile';
import { type Minutia, normaliseAngle, SENSOR_HEIGHT, SENSOR_WIDTH } from './fingers';
import { type MatchResult, matchMinutiae } from './match';

/**
 * RegModel: two captures of one finger become one template. Points the
 * second capture saw and the first missed are carried over into the first
 * one's frame, so the enrolled template is fuller than either capture.
 */
export function mergeCaptures(first: readonly Minutia[], second: readonly Minutia[], match: MatchResult = matchMinutiae(first, second)): Minutia[] {
  const pairedInSecond = new Set(match.pairs.map(([, probe]) => probe));
  const radians = (match.alignment.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const merged = [...first];
  second.forEach((m, index) => {
    if (pairedInSecond.has(index) || merged.length >= MAX_MINUTIAE) return;
    const x = m.x * cos - m.y * sin + match.alignment.shiftX;
    const y = m.x * sin + m.y * cos + match.alignment.shiftY;
    if (x < 0 || y < 0 || x >= SENSOR_WIDTH || y >= SENSOR_HEIGHT) return;
    merged.push({ x, y, angle: normaliseAngle(m.angle + match.alignment.rotation), type: m.type });
  });
  return merged;
}
