/** Statistics over seeds for the multi-seed studies: sample std, and paired differences with their t. */

export interface Stats {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** Mean, sample standard deviation (n − 1), min and max. */
export function statsOf(values: number[]): Stats {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** t = mean / (std / √n): a paired difference in units of its standard error across seeds. */
export function pairedT(differences: Stats): number {
  if (differences.std > 0) return differences.mean / (differences.std / Math.sqrt(differences.n));
  return differences.mean === 0 ? 0 : Infinity * Math.sign(differences.mean);
}

export const pct = (fraction: number): string => (100 * fraction).toFixed(2);
