import { describe, expect, it } from 'vitest';
import { captureFinger } from './capture';
import { encodeCharFile } from './charFile';
import { FINGER_NAMES, type VirtualFinger } from './fingers';
import { MATCH_THRESHOLD, matchCharFiles, matchMinutiae } from './match';
import { mergeCaptures } from './merge';

const population: VirtualFinger[] = Array.from({ length: 50 }, (_, p) =>
  FINGER_NAMES.map((finger) => ({ personId: `person-${p}`, finger })),
).flat();

function score(reference: Uint8Array, probe: Uint8Array): number {
  const result = matchCharFiles(reference, probe);
  if (!result.ok) throw new Error(result.error.type);
  return result.value.score;
}

describe('reference 1:1 matcher on 50 people × 10 fingers', () => {
  const enrolled = population.map((finger) => encodeCharFile(captureFinger(finger, 1)));
  const probes = population.map((finger) => encodeCharFile(captureFinger(finger, 2)));

  it('accepts every genuine capture (false-reject rate 0 of 500)', () => {
    const rejected = population.filter((_, i) => score(enrolled[i] ?? new Uint8Array(), probes[i] ?? new Uint8Array()) < MATCH_THRESHOLD);
    expect(rejected).toEqual([]);
  });

  it('rejects impostors: other fingers of the same person and other people (false-accept rate 0 of 5000)', () => {
    let accepted = 0;
    population.forEach((_, i) => {
      for (let k = 1; k <= 10; k += 1) {
        // k = 1 is often the same person's next finger; the rest are other people.
        const j = (i + (k === 1 ? 1 : k * 37)) % population.length;
        if (score(enrolled[i] ?? new Uint8Array(), probes[j] ?? new Uint8Array()) >= MATCH_THRESHOLD) accepted += 1;
      }
    });
    expect(accepted).toBe(0);
  });

  it('recovers the placement: a capture rotated and shifted aligns back onto the enrolment', () => {
    const finger = population[0];
    if (!finger) throw new Error('no finger');
    const reference = captureFinger(finger, 10).minutiae;
    const probe = captureFinger(finger, 11).minutiae;
    const match = matchMinutiae(reference, probe);
    expect(match.paired).toBeGreaterThanOrEqual(Math.min(reference.length, probe.length) * 0.6);
    expect(Math.abs(match.alignment.rotation)).toBeLessThanOrEqual(25);
  });

  it('an enrolment merged from two captures holds more of the finger than either', () => {
    const finger = population[7];
    if (!finger) throw new Error('no finger');
    const first = captureFinger(finger, 20).minutiae;
    const second = captureFinger(finger, 21).minutiae;
    const merged = mergeCaptures(first, second);
    expect(merged.length).toBeGreaterThan(Math.max(first.length, second.length));
    const probe = captureFinger(finger, 22).minutiae;
    expect(matchMinutiae(merged, probe).paired).toBeGreaterThanOrEqual(matchMinutiae(first, probe).paired);
  });

  it('the same person and finger always give the same template, on any machine', () => {
    const finger: VirtualFinger = { personId: 'stable', finger: 'leftLittle' };
    expect(encodeCharFile(captureFinger(finger, 3))).toEqual(encodeCharFile(captureFinger(finger, 3)));
    expect(encodeCharFile(captureFinger(finger, 3))).not.toEqual(encodeCharFile(captureFinger(finger, 4)));
  });
});
