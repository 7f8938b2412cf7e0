/** Spearman's rank correlation: Pearson's correlation of the two samples' ranks, ties sharing their mean rank. */

/** 1-based ranks in ascending order; equal values share the mean of the ranks they span. */
export function fractionalRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end]!.value === order[start]!.value) end++;
    const meanRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!.index] = meanRank;
    start = end;
  }
  return ranks;
}

/** Pearson's correlation; undefined when either sample has no spread or there are fewer than two pairs. */
function pearson(x: readonly number[], y: readonly number[]): number | undefined {
  const n = x.length;
  if (n < 2) return undefined;
  const meanX = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  return xx === 0 || yy === 0 ? undefined : xy / Math.sqrt(xx * yy);
}

/** Spearman's ρ over the pairs where both values are finite numbers; null when it is undefined. */
export function spearmanCorrelation(x: readonly (number | null)[], y: readonly (number | null)[]): number | null {
  const pairs: [number, number][] = [];
  x.forEach((value, i) => {
    const other = y[i];
    if (value !== null && other !== null && other !== undefined && Number.isFinite(value) && Number.isFinite(other)) pairs.push([value, other]);
  });
  return pearson(fractionalRanks(pairs.map((p) => p[0])), fractionalRanks(pairs.map((p) => p[1]))) ?? null;
}
