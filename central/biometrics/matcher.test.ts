import { describe, expect, it } from 'vitest';
import { captureFinger } from '../../common/fingerprint/capture';
import { encodeCharFile } from '../../common/fingerprint/charFile';
import { generatePopulation } from '../../common/demo/population';
import { enrolledTemplate } from './enrolment';
import { evaluateMatcher } from './evaluate';
import { syntheticMatcher } from './matcher';

const population = generatePopulation();

describe('the central 1:1 matcher on the seeded population', () => {
  it('accepts genuine captures and refuses impostors (FRR ≤ 1 %, FAR 0 on 2,000 impostor comparisons)', () => {
    const result = evaluateMatcher(syntheticMatcher(30), population, { capturesPerFinger: 2, fingersPerPerson: 3, impostorComparisons: 2000 });
    console.info(
      `matcher: FRR ${(result.frr * 100).toFixed(2)} % (${result.falseRejections}/${result.genuineComparisons}), ` +
        `FAR ${(result.far * 100).toFixed(3)} % (${result.falseAccepts}/${result.impostorComparisons}), ` +
        `lowest genuine score ${result.lowestGenuineScore}, highest impostor score ${result.highestImpostorScore}`,
    );
    expect(result.genuineComparisons).toBeGreaterThanOrEqual(300);
    expect(result.frr).toBeLessThanOrEqual(0.01);
    expect(result.falseAccepts).toBe(0);
  });

  it('the threshold is the matcher’s: set above every score, nothing matches', () => {
    const person = population.people[0];
    if (!person) throw new Error('no people');
    const live = captureFinger({ personId: person.personId, finger: 'rightIndex' }, 77);
    const probe = encodeCharFile({ quality: live.quality, minutiae: live.minutiae });
    const enrolled = [{ finger: 'rightIndex', template: enrolledTemplate(person.personId, 'rightIndex') }];
    expect(syntheticMatcher(30).verify(probe, enrolled).kind).toBe('match');
    expect(syntheticMatcher(101).verify(probe, enrolled).kind).toBe('noMatch');
  });

  it('tries every enrolled finger of the claimed person, and reports an unreadable probe as such', () => {
    const person = population.people[0];
    if (!person) throw new Error('no people');
    const live = captureFinger({ personId: person.personId, finger: 'leftThumb' }, 78);
    const probe = encodeCharFile({ quality: live.quality, minutiae: live.minutiae });
    const enrolled = ['rightIndex', 'leftThumb'].map((finger) => ({ finger, template: enrolledTemplate(person.personId, finger as 'rightIndex') }));
    const verdict = syntheticMatcher(30).verify(probe, enrolled);
    expect(verdict.kind === 'match' && verdict.best.finger).toBe('leftThumb');
    expect(syntheticMatcher(30).verify(new Uint8Array(512), enrolled)).toMatchObject({ kind: 'unreadable' });
  });
});
