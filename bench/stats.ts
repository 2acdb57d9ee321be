// Summary statistics over repeated measurements.

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples: [...samples] };
}

/** Geometric mean of positive ratios; undefined when there is nothing to average. */
export function geomean(values: readonly number[]): number | undefined {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  if (usable.length === 0) return undefined;
  return Math.exp(usable.reduce((sum, v) => sum + Math.log(v), 0) / usable.length);
}
