import { createRng } from '../../../common/fingerprint/prng';
import type { Baseline, BenchFigure, Spread } from '../types';

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** How long `work` takes, in milliseconds. */
export async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The blocks of one group (a round: windows in one weather), of the two kinds being set against each other. */
export interface Dealt {
  first: readonly (readonly number[])[];
  second: readonly (readonly number[])[];
}

const pooled = (blocks: readonly (readonly number[])[]): number[] => blocks.flat();

/** The `p`th percentile of the first kind's samples (all groups together) ÷ the second kind's. */
export function percentileRatio(groups: readonly Dealt[], p: number): number {
  return percentile(groups.flatMap((g) => pooled(g.first)), p) / percentile(groups.flatMap((g) => pooled(g.second)), p);
}

/**
 * The noise in `percentileRatio`: where that ratio lands `level` of the time when nothing but chance tells the two kinds
 * apart. The kinds are dealt again at random among the blocks of each group, as many of each as the group had,
 * `resamples` times (seeded: the same blocks give the same answer), and the level's quantile of the ratios taken. A
 * ratio of the kinds as they were above this is beyond the noise. Blocks are dealt whole (the taps of one window move
 * together: dealt one by one, the noise would read too narrow) and only within their group (so a slow round weighs on
 * both kinds alike, as it did). Each side's own noise is in it: set against the second kind's percentile alone (a
 * bootstrap band of it), the first kind's percentile, dealt from the same windows, went over the band's 97.5 % top in
 * 13 % of random splits, not 2.5 %.
 */
export function percentileRatioNoise(groups: readonly Dealt[], p: number, { resamples = 2_000, level = 0.995, seed = 1 } = {}): number {
  const rng = createRng(seed);
  const draws: number[] = [];
  for (let r = 0; r < resamples; r += 1) {
    const dealt = groups.map(({ first, second }) => {
      const blocks = [...first, ...second];
      for (let i = blocks.length - 1; i > 0; i -= 1) {
        const j = rng.integer(0, i);
        [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
      }
      return { first: blocks.slice(0, first.length), second: blocks.slice(first.length) };
    });
    const ratio = percentileRatio(dealt, p);
    // A deal that gave one kind only empty blocks (windows in which no tap landed) has no ratio.
    if (Number.isFinite(ratio)) draws.push(ratio);
  }
  if (draws.length === 0) throw new Error('no samples to deal');
  return percentile(draws, level * 100);
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no runs to take a spread of');
  return { min: Math.min(...values), median: median(values), max: Math.max(...values), runs: values.length };
}

/** Runs of a subject and its baseline taken in pairs, in the same weather. */
export interface Paired {
  subject: number[];
  baseline: number[];
}

/**
 * `rounds` pairs of (subject, baseline) after `warmup` unmeasured pairs; the order inside a pair alternates, so a
 * load that rises or falls through the run weighs on both alike.
 */
export async function paired(rounds: number, warmup: number, subject: () => Promise<number>, baseline: () => Promise<number>): Promise<Paired> {
  const out: Paired = { subject: [], baseline: [] };
  for (let round = -warmup; round < rounds; round += 1) {
    let s: number;
    let b: number;
    if (round % 2 === 0) {
      s = await subject();
      b = await baseline();
    } else {
      b = await baseline();
      s = await subject();
    }
    if (round < 0) continue;
    out.subject.push(s);
    out.baseline.push(b);
  }
  return out;
}

interface CompareOptions {
  name: string;
  unit: string;
  baselineName: string;
  /** On the ratio; none: reported, not judged (the note says why). */
  budget?: { max?: number; min?: number };
  /** Which way is better, where no `min` budget says so. */
  better?: 'higher' | 'lower';
  note?: string;
  /** Digits kept in the printed and stored figures. */
  digits?: number;
  /**
   * A figure taken over all rounds' samples together (a p95 of every touch), when one round holds too few samples
   * for its own percentile to mean much: it is the figure, its baseline's the baseline, and their quotient the
   * ratio; the per-round figures give the spread.
   */
  overall?: { subject: number; baseline: number };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));
const roundSpread = (s: Spread, digits: number): Spread => ({ min: round(s.min, digits), median: round(s.median, digits), max: round(s.max, digits), runs: s.runs });

/** A figure beside its baseline from paired runs: the ratio is the median of the per-pair ratios. */
export function compare(runs: Paired, options: CompareOptions): BenchFigure {
  const digits = options.digits ?? 2;
  // One figure against several baseline runs (a search against the flat-out runs around it): its ratio to each.
  const one = runs.subject.length === 1 ? runs.subject[0]! : undefined;
  const ratios = one === undefined ? runs.subject.map((s, i) => s / (runs.baseline[i] ?? Number.NaN)) : runs.baseline.map((b) => one / b);
  const ratio = spread(ratios);
  const overall = options.overall;
  const baseline: Baseline = { name: options.baselineName, value: round(overall ? overall.baseline : median(runs.baseline), digits), unit: options.unit, spread: roundSpread(spread(runs.baseline), digits) };
  return {
    name: options.name,
    value: round(overall ? overall.subject : median(runs.subject), digits),
    unit: options.unit,
    spread: roundSpread(spread(runs.subject), digits),
    baseline,
    ratio: { value: round(overall ? overall.subject / overall.baseline : ratio.median, 3), spread: roundSpread(ratio, 3) },
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.better ? { better: options.better } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** A figure against a floor computed alongside each run (line time): the ratio per run, its median judged. */
export function againstFloor(runs: { value: number; floor: number }[], options: CompareOptions): BenchFigure {
  return compare({ subject: runs.map((r) => r.value), baseline: runs.map((r) => r.floor) }, options);
}
