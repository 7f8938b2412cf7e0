/**
 * The percentile observer: the range [value at percentile 100 − p, value at percentile p] of every
 * value seen, from a bounded-memory histogram (observerHistogram.ts: within one bin width of
 * numpy.percentile over the same values). It needs whole batches (`observeValues`), which
 * calibration provides. The training step only yields batch min/max: `observeMinMax` keeps a
 * running min/max beside the histogram, used as the range only while no values were seen, so
 * outliers that calibration clipped do not return through the cheap path.
 */
import type { ScaleZeroPoint } from './scheme.ts';
import { checkBatchRange, checkSetting, parametersOfRange, readRange, readState, ObserverStateError, type ActivationScheme, type ObservedRange } from './observerBase.ts';
import { DoublingHistogram, type HistogramState } from './observerHistogram.ts';

export interface PercentileObserverState {
  kind: 'percentile';
  frozen: boolean;
  percentile: number;
  binCount: number;
  histogram: HistogramState | null;
  /** Running min/max fed by observeMinMax. */
  bounds: ObservedRange | null;
}

export class PercentileObserver {
  readonly kind = 'percentile';
  private histogram: DoublingHistogram;
  private bounds: ObservedRange | undefined;
  private isFrozen = false;

  /** `percentile` in (50, 100], as the config allows; `binCount` sets memory and accuracy. */
  constructor(readonly percentile = 99.99, readonly binCount = 2048) {
    if (!(percentile > 50 && percentile <= 100)) throw new RangeError(`percentile observer: percentile ${percentile} must be in (50, 100]`);
    this.histogram = new DoublingHistogram(binCount);
  }

  observeValues(values: Float32Array): void {
    if (this.isFrozen) return;
    this.histogram.add(values);
  }

  observeMinMax(min: number, max: number): void {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    this.bounds = this.bounds ? { min: Math.min(this.bounds.min, low), max: Math.max(this.bounds.max, high) } : { min: low, max: high };
  }

  range(): ObservedRange | undefined {
    if (this.histogram.count === 0) return this.bounds ? { ...this.bounds } : undefined;
    return { min: this.histogram.quantile((100 - this.percentile) / 100), max: this.histogram.quantile(this.percentile / 100) };
  }

  /** The bound on the range's error against numpy.percentile; undefined before any values. */
  binWidth(): number | undefined {
    return this.histogram.binWidth;
  }

  /** How many values the histogram holds. */
  valueCount(): number {
    return this.histogram.count;
  }

  quantizationParameters(scheme: ActivationScheme): ScaleZeroPoint {
    return parametersOfRange(this.kind, this.range(), scheme);
  }

  freeze(): void {
    this.isFrozen = true;
  }

  get frozen(): boolean {
    return this.isFrozen;
  }

  state(): PercentileObserverState {
    return {
      kind: this.kind,
      frozen: this.isFrozen,
      percentile: this.percentile,
      binCount: this.binCount,
      histogram: this.histogram.count === 0 ? null : this.histogram.state(),
      bounds: this.bounds ? { ...this.bounds } : null,
    };
  }

  load(state: unknown): void {
    const fields = readState(this.kind, state);
    checkSetting(this.kind, 'percentile', fields['percentile'], this.percentile);
    checkSetting(this.kind, 'bin count', fields['binCount'], this.binCount);
    const histogram = new DoublingHistogram(this.binCount);
    const saved = fields['histogram'];
    if (saved !== null) {
      if (!isHistogramState(saved)) throw new ObserverStateError(`${this.kind} observer: the saved histogram is malformed`);
      try {
        histogram.load(saved);
      } catch (error) {
        throw new ObserverStateError(`${this.kind} observer: ${(error as Error).message}`);
      }
    }
    this.bounds = readRange(this.kind, fields['bounds'], 'bounds');
    this.histogram = histogram;
    this.isFrozen = fields['frozen'] as boolean;
  }
}

function isHistogramState(value: unknown): value is HistogramState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const numbers = ['origin', 'width', 'total', 'min', 'max'].every((k) => typeof s[k] === 'number');
  const counts = Array.isArray(s['counts']) && s['counts'].every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number');
  return numbers && counts;
}
