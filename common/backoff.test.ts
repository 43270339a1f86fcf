import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, retry, type BackoffPolicy } from './backoff';

const full: BackoffPolicy = { baseMs: 500, capMs: 60_000, jitter: 'full' };

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(full, attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(60_000, 500 * 2 ** attempt));
      }),
    );
  });

  it('uses the whole range: the random number picks the point', () => {
    const p: BackoffPolicy = { baseMs: 1_000, capMs: 10_000, jitter: 'full' };
    expect(backoffDelay(p, 3, () => 0)).toBe(0);
    expect(backoffDelay(p, 3, () => 0.5)).toBe(4_000);
    expect(backoffDelay(p, 10, () => 0.999_999)).toBe(9_999);
  });
});

describe('backoff without jitter', () => {
  const p: BackoffPolicy = { baseMs: 250, capMs: 10_000, jitter: 'none' };
  it('doubles from the base to the cap, whatever the random source says', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(p, n, () => 0))).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
  it('treats a negative or fractional attempt as the nearest sane one and never overflows', () => {
    expect(backoffDelay(p, -3)).toBe(250);
    expect(backoffDelay(p, 1.7)).toBe(500);
    expect(backoffDelay(p, 10_000)).toBe(10_000);
  });
  it('grows by the given factor', () => {
    expect(backoffDelay({ baseMs: 100, capMs: 1e9, factor: 3, jitter: 'none' }, 2)).toBe(900);
  });
});

describe('retry', () => {
  const policy: BackoffPolicy = { baseMs: 100, capMs: 1_000, jitter: 'none' };
  it('tries again while the result is worth it, pausing by the policy, and answers the last result', async () => {
    const pauses: number[] = [];
    const seen: number[] = [];
    const result = await retry(async (n) => (seen.push(n), n < 2 ? 'lost' : 'done'), { attempts: 5, policy, again: (r) => r === 'lost', pause: async (ms) => pauses.push(ms) });
    expect(result).toBe('done');
    expect(seen).toEqual([0, 1, 2]);
    expect(pauses).toEqual([100, 200]);
  });
  it('stops at the number of attempts, and at once on a result not worth another try', async () => {
    let calls = 0;
    expect(await retry(async () => (calls++, 'lost'), { attempts: 3, policy, again: () => true, pause: async () => undefined })).toBe('lost');
    expect(calls).toBe(3);
    calls = 0;
    expect(await retry(async () => (calls++, 'refused'), { attempts: 3, policy, again: (r) => r === 'lost', pause: async () => undefined })).toBe('refused');
    expect(calls).toBe(1);
  });
});
