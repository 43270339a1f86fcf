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
  let genuine = 0;
  let rejected = 0;
  let impostor = 0;
  let accepted = 0;
  let lowestGenuine = 100;
  let highestImpostor = 0;
  let elapsed = 0;
  const compare = (reference: Uint8Array, probe: Uint8Array): number => {
    const started = performance.now();
    const verdict = matcher.verify(probe, [{ finger: 'probe', template: reference }]);
    elapsed += performance.now() - started;
    return verdict.kind === 'unreadable' ? 0 : (verdict.best?.score ?? 0);
  };
  for (const reference of references) {
    for (let capture = 0; capture < options.capturesPerFinger; capture += 1) {
      const live = captureFinger({ personId: reference.personId, finger: reference.finger }, 10_000 + capture);
      const score = compare(reference.template, encodeCharFile({ quality: live.quality, minutiae: live.minutiae }));
      genuine += 1;
      lowestGenuine = Math.min(lowestGenuine, score);
      if (score < matcher.threshold) rejected += 1;
    }
  }
  for (let i = 0; impostor < options.impostorComparisons; i += 1) {
    const reference = references[i % references.length];
    const other = references[(i * 7919 + 13) % references.length];
    if (!reference || !other || other.personId === reference.personId) continue;
    const live = captureFinger({ personId: other.personId, finger: other.finger }, 20_000 + i);
    const score = compare(reference.template, encodeCharFile({ quality: live.quality, minutiae: live.minutiae }));
    impostor += 1;
    highestImpostor = Math.max(highestImpostor, score);
    if (score >= matcher.threshold) accepted += 1;
  }
  return {
    genuineComparisons: genuine,
    falseRejections: rejected,
    impostorComparisons: impostor,
    falseAccepts: accepted,
    frr: genuine === 0 ? 0 : rejected / genuine,
    far: impostor === 0 ? 0 : accepted / impostor,
    msPerMatch: elapsed / Math.max(1, genuine + impostor),
    lowestGenuineScore: lowestGenuine,
    highestImpostorScore: highestImpostor,
  };
}
