/** Types for history.mjs (plain Node, so `node test/bench/run.mjs` needs no loader). */
export interface HistoryRow {
  suite: string;
  name: string;
  previous: number;
  current: number;
  ratioOfRatios: number;
  verdict: 'regression' | 'improvement' | 'same';
}
export function machineId(): string;
export function previousRun(dir: string, machine: string): unknown;
export function keepRun(dir: string, machine: string, results: unknown): void;
export function compareRuns(current: { suites: Record<string, { figures?: unknown[] }> }, previous: unknown): HistoryRow[];
