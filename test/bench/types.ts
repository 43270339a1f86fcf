/** min / median / max of a figure's runs (the median is the figure). */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number;
}

/** The same-run baseline a figure is set against (what this machine, under this run's load, does without our code). */
export interface Baseline {
  name: string;
  value: number;
  unit: string;
  spread?: Spread;
}

/**
 * One measured figure. With a `baseline`, `ratio` is value ÷ baseline (the median of the per-round ratios when the
 * two were measured in pairs) and `budget` is on the ratio: absolute figures move with the machine and its load and
 * are reported, not judged. Without a baseline, a `budget` is only set on a figure that does not depend on the
 * machine (a count, a size, a rate of false matches, growth in per cent).
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  spread?: Spread;
  baseline?: Baseline;
  ratio?: { value: number; spread: Spread };
  budget?: { max?: number; min?: number };
  /** Which way is better, for the history's comparison, where no `min` budget says so (a rate reported, not judged). */
  better?: 'higher' | 'lower';
  note?: string;
}

/** A bench module's default export. Each runs in its own process, in sequence. */
export type BenchSuite = () => Promise<BenchFigure[]>;
