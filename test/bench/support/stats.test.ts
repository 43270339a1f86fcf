import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../history.mjs';
import { createRng } from '../../../common/fingerprint/prng';
import { compare, median, paired, percentile, percentileRatio, percentileRatioNoise, spread, type Dealt } from './stats';

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

  it('puts the noise of a ratio of two percentiles where chance puts it, and a real slowdown beyond it', () => {
    const rng = createRng(11);
    // Windows of twelve taps, 15–25 ms with a missed frame now and then, two kinds in eight rounds of six windows each.
    const tap = (slower: number) => (15 + rng.between(0, 10) + (rng.next() < 0.03 ? rng.between(10, 30) : 0)) * slower;
    const rounds = (slower: number): Dealt[] =>
      Array.from({ length: 8 }, () => ({
        first: Array.from({ length: 6 }, () => Array.from({ length: 12 }, () => tap(slower))),
        second: Array.from({ length: 6 }, () => Array.from({ length: 12 }, () => tap(1))),
      }));
    let sameOver = 0;
    let slowerOver = 0;
    for (let trial = 0; trial < 40; trial += 1) {
      const same = rounds(1);
      if (percentileRatio(same, 95) > percentileRatioNoise(same, 95, { resamples: 200, seed: trial })) sameOver += 1;
      const slower = rounds(1.3);
      if (percentileRatio(slower, 95) > percentileRatioNoise(slower, 95, { resamples: 200, seed: trial })) slowerOver += 1;
    }
    // At the 99.5 % level, one trial in two hundred goes over by chance; taps 30 % slower go over nearly always.
    expect(sameOver).toBeLessThanOrEqual(2);
    expect(slowerOver).toBeGreaterThanOrEqual(36);
    const one = rounds(1);
    expect(percentileRatioNoise(one, 95, { resamples: 200 })).toBe(percentileRatioNoise(one, 95, { resamples: 200 }));
    expect(() => percentileRatioNoise([{ first: [[]], second: [[]] }], 95)).toThrow('no samples');
  });

  it('deals the taps of a window together, so the noise is as wide as the windows differ', () => {
    const rng = createRng(5);
    // Forty windows of ten taps; in every fourth window the machine was slower and all its taps took 10 ms more.
    const windows = Array.from({ length: 40 }, (_, w) => Array.from({ length: 10 }, () => 15 + rng.between(0, 5) + (w % 4 === 0 ? 10 : 0)));
    const whole = percentileRatioNoise([{ first: windows.slice(0, 20), second: windows.slice(20) }], 95, { resamples: 500 });
    const oneByOne = percentileRatioNoise([{ first: windows.slice(0, 20).flat().map((v) => [v]), second: windows.slice(20).flat().map((v) => [v]) }], 95, { resamples: 500 });
    // Dealt one by one, every deal holds about a quarter slow taps a side: little noise, and wrong for windows.
    expect(oneByOne).toBeLessThan(1.05);
    expect(whole).toBeGreaterThan(1.08);
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

  it('sets one figure against each of several baseline runs: its spread is the ratio to each', () => {
    const figure = compare({ subject: [100], baseline: [80, 125, 100] }, { name: 'x', unit: 'req/s', baselineName: 'flat out', budget: { min: 0.3 }, overall: { subject: 100, baseline: 100 } });
    expect(figure.ratio?.value).toBe(1);
    expect(figure.ratio?.spread).toMatchObject({ min: 0.8, median: 1, max: 1.25, runs: 3 });
    expect(figure.baseline?.spread).toMatchObject({ min: 80, max: 125, runs: 3 });
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
