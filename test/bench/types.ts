/** One measured figure. `budget` is checked by the runner and printed as PASS/OVER. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  budget?: { max?: number; min?: number };
  note?: string;
}

/** A bench module's default export. Each runs in its own process, in sequence. */
export type BenchSuite = () => Promise<BenchFigure[]>;
