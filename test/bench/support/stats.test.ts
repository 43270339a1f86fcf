import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../history.mjs';
import { compare, median, paired, percentile, percentileBand, spread } from './stats';

describe('bench statistics', () => {
  it('takes the middle value, the mean of the two middle ones for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
  });

  it('keeps min ≤ median ≤ max for any runs', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const s = spread(values);
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.max);
        expect(s.runs).toBe(values.length);
      }),
    );
  });

  it("puts a percentile's noise band around the percentile itself, narrower with more samples", () => {
    const single = (values: number[]) => values.map((v) => [v]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), { minLength: 20, maxLength: 200 }), (values) => {
        const few = percentileBand(single(values), 95, 10, { resamples: 200 });
        expect(few.low).toBeLessThanOrEqual(few.high);
        expect(Math.min(...values)).toBeLessThanOrEqual(few.low);
        expect(few.high).toBeLessThanOrEqual(Math.max(...values));
        expect(percentileBand(single(values), 95, 10, { resamples: 200 })).toEqual(few);
      }),
      { numRuns: 50 },
    );
    // Taps of 15–20 ms with one in ten at 40 (a missed frame): the p95 of 100 such taps lands at 40 almost always.
    const taps = Array.from({ length: 1_000 }, (_, i) => (i % 10 === 0 ? 40 : 15 + (i % 5)));
    expect(percentileBand(single(taps), 95, 100).high).toBe(40);
    const width = (band: { low: number; high: number }) => band.high - band.low;
    const smooth = Array.from({ length: 1_000 }, (_, i) => 15 + (i % 97) / 4);
    expect(width(percentileBand(single(smooth), 95, 400))).toBeLessThan(width(percentileBand(single(smooth), 95, 10)));
    const middle = percentileBand(single(taps), 50, 100);
    expect(middle.low).toBeGreaterThanOrEqual(16);
    expect(middle.high).toBeLessThanOrEqual(18);
  });

  it('draws samples that move together as whole blocks, so their band is as wide as their windows differ', () => {
    // Forty windows of ten taps; in every fourth window the machine was slower and all its taps took 10 ms more.
    const windows = Array.from({ length: 40 }, (_, w) => Array.from({ length: 10 }, (_, i) => 15 + (i % 5) + (w % 4 === 0 ? 10 : 0)));
    const asBlocks = percentileBand(windows, 95, 10);
    const asTaps = percentileBand(windows.flat().map((v) => [v]), 95, 100);
    // Ten windows drawn may hold no slow one or several: the p95 of their taps can land anywhere from 19 to 29 ms.
    expect(asBlocks.low).toBeLessThanOrEqual(19);
    expect(asBlocks.high).toBe(29);
    // A hundred taps drawn one by one always hold about a quarter slow ones: the band is narrow, and wrong for windows.
    expect(asTaps.low).toBeGreaterThan(asBlocks.low);
    expect(() => percentileBand([[], []], 95, 3)).toThrow('no samples');
    // Empty windows are passed over, not drawn as a pool with no percentile.
    const withEmpty = percentileBand([[], [20], [], [30]], 95, 1, { resamples: 200 });
    expect([withEmpty.low, withEmpty.high]).toEqual([20, 30]);
  });

  it('runs figure and baseline in pairs, alternating which goes first, and drops the warm-up', async () => {
    const order: string[] = [];
    let s = 0;
    let b = 0;
    const runs = await paired(
      3,
      1,
      async () => (order.push('s'), ++s),
      async () => (order.push('b'), ++b * 10),
    );
    expect(order).toEqual(['b', 's', 's', 'b', 'b', 's', 's', 'b']);
    expect(runs).toEqual({ subject: [2, 3, 4], baseline: [20, 30, 40] });
  });

  it('judges the median of the per-pair ratios, or the figure over all samples when given', () => {
    const runs = { subject: [10, 30, 20], baseline: [5, 10, 20] };
    const figure = compare(runs, { name: 'x', unit: 'ms', baselineName: 'bare', budget: { max: 3 } });
    expect(figure.ratio?.value).toBe(2);
    expect(figure.ratio?.spread).toMatchObject({ min: 1, max: 3 });
    expect(figure.value).toBe(20);
    expect(figure.baseline?.value).toBe(10);
    const pooled = compare(runs, { name: 'x', unit: 'ms', baselineName: 'bare', budget: { max: 3 }, overall: { subject: 50, baseline: 20 } });
    expect(pooled.ratio?.value).toBe(2.5);
  });
});

describe('bench history', () => {
  const run = (value: number, min: number, max: number, budget: { max?: number; min?: number }) => ({
    suites: { s: { figures: [{ name: 'f', value: 1, unit: 'ms', budget, ratio: { value, spread: { min, median: value, max, runs: 5 } } }] } },
  });

  it('calls a ratio that moved outside both spreads a regression, in the budget’s direction', () => {
    expect(compareRuns(run(3, 2.8, 3.2, { max: 5 }), run(2, 1.8, 2.2, { max: 5 }))[0]).toMatchObject({ verdict: 'regression', ratioOfRatios: 1.5 });
    expect(compareRuns(run(3, 2.8, 3.2, { min: 1 }), run(2, 1.8, 2.2, { min: 1 }))[0]).toMatchObject({ verdict: 'improvement' });
  });

  it('a figure reported without a budget is compared in the direction it says is better', () => {
    const unjudged = (value: number, min: number, max: number) => ({
      suites: { s: { figures: [{ name: 'f', value: 1, unit: 'req/s', better: 'higher', ratio: { value, spread: { min, median: value, max, runs: 1 } } }] } },
    });
    expect(compareRuns(unjudged(0.02, 0.02, 0.02), unjudged(0.08, 0.08, 0.08))[0]).toMatchObject({ verdict: 'regression' });
    expect(compareRuns(unjudged(0.08, 0.08, 0.08), unjudged(0.02, 0.02, 0.02))[0]).toMatchObject({ verdict: 'improvement' });
  });

  it('does not call a change inside the spreads a regression', () => {
    expect(compareRuns(run(2.3, 1.5, 3, { max: 5 }), run(2, 1.8, 2.4, { max: 5 }))[0]).toMatchObject({ verdict: 'same' });
  });

  it('compares only with a previous run that has the figure', () => {
    expect(compareRuns(run(2, 1, 3, { max: 5 }), undefined)).toEqual([]);
  });
});
