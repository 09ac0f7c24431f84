// Order statistics for timing samples: median and nearest-rank percentiles.

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new Error('no samples to summarise');
  return [...samples].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100): always one of the samples, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  const ordered = sorted(samples);
  const rank = Math.min(ordered.length, Math.max(1, Math.ceil((p / 100) * ordered.length)));
  return ordered[rank - 1] ?? Number.NaN;
}

/** The middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  const ordered = sorted(samples);
  const mid = Math.floor(ordered.length / 2);
  const upper = ordered[mid] ?? Number.NaN;
  if (ordered.length % 2 === 1) return upper;
  return ((ordered[mid - 1] ?? Number.NaN) + upper) / 2;
}
