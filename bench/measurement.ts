// What one benchmark hands back: a figure held against its goal, the same-run baselines, or why it was not measured.

export type Unit = 'kB' | 'MB' | 'ms' | 'checks/s' | '×' | '%';

/** At most `max` (times, sizes) or, for rates and speed-ups, at least `min`. */
export type Goal = { max: number; unit: Unit } | { min: number; unit: Unit };

export interface Quantity {
  label: string;
  value: number;
  unit: Unit;
}

interface MeasurementBase {
  /** Short stable key, also the row number in docs/benchmarks.md. */
  id: string;
  title: string;
  goal: Goal;
}

export interface Measured extends MeasurementBase {
  status: 'measured';
  /** The figure the goal is about. */
  figure: Quantity;
  /** Same-run comparisons; the first one is the ratio's denominator. */
  baselines: Quantity[];
  /** Further figures worth printing (p95, lazy chunks, per-run samples). */
  details: Quantity[];
  notes: string[];
}

export interface NotMeasured extends MeasurementBase {
  status: 'not-measured';
  reason: string;
}

export type MeasurementResult = Measured | NotMeasured;

/** kB as Vite prints them: 1 kB = 1000 bytes. */
export const BYTES_PER_KB = 1000;

export function formatQuantity(q: { value: number; unit: Unit }): string {
  if (q.unit === 'checks/s') return `${Math.round(q.value).toLocaleString('en-US')} checks/s`;
  if (q.unit === '×') return `${q.value.toFixed(1)}×`;
  if (q.unit === '%') return `${q.value.toFixed(1)} %`;
  const digits = q.unit === 'kB' ? 1 : q.value < 10 ? 2 : q.value < 100 ? 1 : 0;
  return `${q.value.toFixed(digits)} ${q.unit}`;
}

export function meetsGoal(result: Measured): boolean {
  const { goal } = result;
  return 'min' in goal ? result.figure.value >= goal.min : result.figure.value <= goal.max;
}

/** figure ÷ first baseline; null when there is no baseline or it is zero. */
export function baselineRatio(result: Measured): number | null {
  const base = result.baselines[0];
  if (!base || base.value === 0) return null;
  return result.figure.value / base.value;
}

/** Turns a failure into a report line instead of a crash: the run goes on with the next figure. */
export function notMeasured(base: MeasurementBase, reason: unknown): NotMeasured {
  const text = reason instanceof Error ? reason.message : String(reason);
  return { ...base, status: 'not-measured', reason: text.split('\n')[0] ?? text };
}
