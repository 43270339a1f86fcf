import { decodeCharFile } from '../../common/fingerprint/charFile';
import { matchMinutiae } from '../../common/fingerprint/match';

export interface FingerMatch {
  readonly finger: string;
  readonly score: number;
}

export type MatchVerdict =
  | { readonly kind: 'match'; readonly best: FingerMatch }
  | { readonly kind: 'noMatch'; readonly best: FingerMatch | null }
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface EnrolledFinger {
  readonly finger: string;
  readonly template: Uint8Array;
}

/** 1:1 against one claimed identity: the probe is compared with that person's enrolled fingers only. */
export interface FingerprintMatcher {
  readonly threshold: number;
  verify(probe: Uint8Array, enrolled: readonly EnrolledFinger[]): MatchVerdict;
}

/** Wraps the synthetic reference matcher (drivers/fingerprint/synthetic/match.ts) with a configurable threshold. */
export function syntheticMatcher(threshold: number): FingerprintMatcher {
  return {
    threshold,
    verify(probe, enrolled) {
      const decodedProbe = decodeCharFile(probe);
      if (!decodedProbe.ok) return { kind: 'unreadable', reason: decodedProbe.error.type };
      let best: FingerMatch | null = null;
      for (const reference of enrolled) {
        const decoded = decodeCharFile(reference.template);
        if (!decoded.ok) continue; // a damaged reference is skipped, never matched
        const { score } = matchMinutiae(decoded.value.minutiae, decodedProbe.value.minutiae);
        if (!best || score > best.score) best = { finger: reference.finger, score };
        if (score >= threshold) return { kind: 'match', best: { finger: reference.finger, score } };
      }
      return { kind: 'noMatch', best };
    },
  };
}
