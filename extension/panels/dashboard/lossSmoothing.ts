/**
 * Exponential moving average of a loss series, debiased as TensorBoard does so the
 * first points are not pulled towards zero. Incremental: a live run appends points
 * without recomputing the past.
 */
export class SmoothedSeries {
  private average = 0;
  private count = 0;

  constructor(readonly weight: number) {
    if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), not ${weight}`);
  }

  /** The smoothed value after `value`; a gap (null or non-finite) passes through and does not count. */
  push(value: number | null): number | null {
    if (value === null || !Number.isFinite(value)) return null;
    if (this.weight === 0) return value;
    this.count += 1;
    this.average = this.weight * this.average + (1 - this.weight) * value;
    return this.average / (1 - this.weight ** this.count);
  }
}

export function smoothValues(values: readonly (number | null)[], weight: number): (number | null)[] {
  const series = new SmoothedSeries(weight);
  return values.map((v) => series.push(v));
}
