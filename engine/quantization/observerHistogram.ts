/**
 * A bounded-memory histogram for percentiles of a stream of values (the percentile observer's).
 *
 * Method: B equal bins (B even) over [origin, origin + B·width). The first batch sets
 * origin = its min and width = (max − min)/(B − 1). When a later value falls outside, the range
 * doubles towards it, merging adjacent pairs of bins (the old range becomes the lower or the upper
 * half of the new one), so every count stays exact with respect to the bin edges; repeat until
 * the value fits. Memory is B counts whatever the number of values.
 *
 * A quantile follows numpy.percentile's default ('linear'): rank h = q·(n − 1), the value
 * s⌊h⌋ + (h − ⌊h⌋)·(s⌊h⌋+1 − s⌊h⌋) of the sorted values s. Each order statistic is estimated
 * inside its bin (spread evenly across the bin, clamped to the exact min and max, which are kept),
 * so the result is within one bin width of numpy's. The width stays ≤ 4·(max − min)/B once
 * max > min: before the range doubles upwards, some value lies in its lower half (the first batch's
 * min sits at the origin; an earlier upward doubling kept older values in the lower half, a downward
 * one was caused by a value there), and the value causing it lies above the range, so the values
 * span at least half the old range, a quarter of the new one; likewise downwards.
 */
export interface HistogramState {
  origin: number;
  width: number;
  /** Non-zero bins only, as [bin, count] pairs, so that checkpoints stay small. */
  counts: [number, number][];
  total: number;
  min: number;
  max: number;
}

export class DoublingHistogram {
  private counts: Float64Array;
  private origin = 0;
  private width = 0;
  private total = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(readonly binCount = 2048) {
    if (!Number.isInteger(binCount) || binCount < 2 || binCount % 2 !== 0) throw new RangeError(`histogram: bin count ${binCount} must be an even integer ≥ 2`);
    this.counts = new Float64Array(binCount);
  }

  get count(): number {
    return this.total;
  }

  /** Width of one bin: the bound on a quantile's error. Undefined before any value. */
  get binWidth(): number | undefined {
    return this.total === 0 ? undefined : this.width;
  }

  add(values: ArrayLike<number>): void {
    if (values.length === 0) return;
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) throw new RangeError(`histogram: value ${v} at index ${i} is not finite`);
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (this.total === 0) this.start(low, high);
    else this.cover(low, high);
    for (let i = 0; i < values.length; i++) this.counts[this.binOf(values[i]!)]! += 1;
    this.total += values.length;
    this.min = Math.min(this.min, low);
    this.max = Math.max(this.max, high);
  }

  /** The q-quantile (q in [0, 1]) of every value added, numpy's 'linear' method within one bin width. */
  quantile(q: number): number {
    if (this.total === 0) throw new Error('histogram: no values were added');
    if (!(q >= 0 && q <= 1)) throw new RangeError(`histogram: quantile ${q} is outside [0, 1]`);
    const rank = q * (this.total - 1);
    const below = Math.floor(rank);
    const fraction = rank - below;
    const a = this.orderStatistic(below);
    if (fraction === 0) return a;
    return a + fraction * (this.orderStatistic(below + 1) - a);
  }

  state(): HistogramState {
    const counts: [number, number][] = [];
    this.counts.forEach((c, bin) => {
      if (c > 0) counts.push([bin, c]);
    });
    return { origin: this.origin, width: this.width, counts, total: this.total, min: this.min, max: this.max };
  }

  load(state: HistogramState): void {
    const counts = new Float64Array(this.binCount);
    let total = 0;
    for (const [bin, c] of state.counts) {
      if (!Number.isInteger(bin) || bin < 0 || bin >= this.binCount || !Number.isInteger(c) || c < 1) throw new RangeError(`histogram: saved bin [${bin}, ${c}] does not fit ${this.binCount} bins`);
      counts[bin] = c;
      total += c;
    }
    if (total !== state.total || !(state.width > 0) || !Number.isFinite(state.origin) || !(state.min <= state.max)) throw new RangeError('histogram: the saved state is inconsistent');
    this.counts = counts;
    this.origin = state.origin;
    this.width = state.width;
    this.total = state.total;
    this.min = state.min;
    this.max = state.max;
  }

  private start(low: number, high: number): void {
    this.origin = low;
    const width = (high - low) / (this.binCount - 1);
    // A constant first batch: any small width will do, the exact min and max bound the estimates.
    this.width = width > 0 ? width : Math.max(Math.abs(low), 1e-30) * 2 ** -20;
  }

  private cover(low: number, high: number): void {
    const half = this.binCount / 2;
    while (low < this.origin || high >= this.origin + this.binCount * this.width) {
      const downwards = low < this.origin;
      const merged = new Float64Array(this.binCount);
      const offset = downwards ? half : 0;
      for (let bin = 0; bin < this.binCount; bin++) merged[offset + (bin >> 1)]! += this.counts[bin]!;
      if (downwards) this.origin -= this.binCount * this.width;
      this.width *= 2;
      this.counts = merged;
    }
  }

  private binOf(value: number): number {
    const bin = Math.floor((value - this.origin) / this.width);
    return Math.min(this.binCount - 1, Math.max(0, bin));
  }

  /** The j-th smallest value (0-based), estimated inside its bin. */
  private orderStatistic(j: number): number {
    if (j <= 0) return this.min;
    if (j >= this.total - 1) return this.max;
    let before = 0;
    for (let bin = 0; bin < this.binCount; bin++) {
      const c = this.counts[bin]!;
      if (before + c > j) {
        const estimate = this.origin + this.width * (bin + (j - before + 0.5) / c);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
      before += c;
    }
    return this.max;
  }
}
