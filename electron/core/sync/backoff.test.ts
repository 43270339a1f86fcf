import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = fullJitterDelay({ baseMs: 500, capMs: 60_000 }, attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(60_000, 500 * 2 ** attempt));
      }),
    );
  });

  it('uses the whole range: the random number picks the point', () => {
    expect(fullJitterDelay({ baseMs: 1_000, capMs: 10_000 }, 3, () => 0)).toBe(0);
    expect(fullJitterDelay({ baseMs: 1_000, capMs: 10_000 }, 3, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay({ baseMs: 1_000, capMs: 10_000 }, 10, () => 0.999_999)).toBe(9_999);
  });
});
