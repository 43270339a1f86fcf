import { captureFinger } from '../../common/fingerprint/capture';
import { encodeCharFile } from '../../common/fingerprint/charFile';
import type { LabPopulation } from '../../common/demo/population';
import { enrolledTemplate } from './enrolment';
import type { FingerprintMatcher } from './matcher';

interface MatcherEvaluation {
  readonly genuineComparisons: number;
  readonly falseRejections: number;
  readonly impostorComparisons: number;
  readonly falseAccepts: number;
  /** False reject rate, 0..1 */
  readonly frr: number;
  /** False accept rate, 0..1 */
  readonly far: number;
  /** Mean time of one 1:1 comparison, ms. */
  readonly msPerMatch: number;
  readonly lowestGenuineScore: number;
  readonly highestImpostorScore: number;
}

/**
 * Genuine: fresh captures of each enrolled finger against that finger's
 * reference. Impostor: a capture of someone else's finger against a reference
 * (1:1, one finger each, so every comparison counts). Deterministic seeds.
 */
export function evaluateMatcher(matcher: FingerprintMatcher, population: LabPopulation, options: { capturesPerFinger: number; impostorComparisons: number; fingersPerPerson?: number }): MatcherEvaluation {
  const references = population.people.flatMap((person) =>
    person.fingers.slice(0, options.fingersPerPerson ?? person.fingers.length).map((finger) => ({ personId: person.personId, finger, template: enrolledTemplate(person.personId, finger) })),
  );
  let elapsed = 0;
  /** The score of a fresh capture of `from`'s finger (seeded) against `reference`'s template. */
  const score = (reference: (typeof references)[number], from: (typeof references)[number], seed: number): number => {
    const live = captureFinger({ personId: from.personId, finger: from.finger }, seed);
    const probe = encodeCharFile({ quality: live.quality, minutiae: live.minutiae });
    const started = performance.now();
    const verdict = matcher.verify(probe, [{ finger: 'probe', template: reference.template }]);
    elapsed += performance.now() - started;
    return verdict.kind === 'unreadable' ? 0 : (verdict.best?.score ?? 0);
  };
  const genuine: number[] = [];
  for (const reference of references) {
    for (let capture = 0; capture < options.capturesPerFinger; capture += 1) genuine.push(score(reference, reference, 10_000 + capture));
  }
  const impostor: number[] = [];
  for (let i = 0; impostor.length < options.impostorComparisons; i += 1) {
    const reference = references[i % references.length];
    const other = references[(i * 7919 + 13) % references.length];
    if (reference && other && other.personId !== reference.personId) impostor.push(score(reference, other, 20_000 + i));
  }
  const rejected = genuine.filter((s) => s < matcher.threshold).length;
  const accepted = impostor.filter((s) => s >= matcher.threshold).length;
  return {
    genuineComparisons: genuine.length,
    falseRejections: rejected,
    impostorComparisons: impostor.length,
    falseAccepts: accepted,
    frr: genuine.length === 0 ? 0 : rejected / genuine.length,
    far: impostor.length === 0 ? 0 : accepted / impostor.length,
    msPerMatch: elapsed / Math.max(1, genuine.length + impostor.length),
    lowestGenuineScore: genuine.reduce((low, s) => Math.min(low, s), 100),
    highestImpostorScore: impostor.reduce((high, s) => Math.max(high, s), 0),
  };
}
