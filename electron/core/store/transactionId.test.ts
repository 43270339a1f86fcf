import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transactionIds } from './transactionId';

describe('transaction ids', () => {
  it('carry the kiosk id and a 26-character ULID', () => {
    expect(transactionIds('KIOSK-0000ABCD')()).toMatch(/^KIOSK-0000ABCD-[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('strictly increase even when the clock stands still or steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 200 }), (times) => {
        let i = 0;
        const next = transactionIds('K-1', { now: () => times[i++ % times.length] ?? 0 });
        const ids = times.map(() => next());
        const sorted = [...ids].sort();
        expect(ids).toEqual(sorted);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it('carries into the next byte when the random part overflows one', () => {
    const next = transactionIds('K-1', { now: () => 5, randomBytes: () => Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 255]) });
    const a = next();
    const b = next();
    expect(b > a).toBe(true);
  });
});
