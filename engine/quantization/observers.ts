/**
 * Activation observers with PyTorch's semantics (torch.ao.quantization): they track the range of
 * a tensor over the batches seen and give its scale and zero point. The trainer feeds each step's
 * batch min/max (`observeMinMax`); the percentile observer also takes whole batches of values
 * (observerPercentile.ts). State is plain JSON, so a resumed run continues bit-identically.
 */
import type { QuantizationConfig } from '../config/distqConfig.ts';
import { checkBatchRange, checkSetting, RangeTrackingObserver, readRange, readState, type ObservedRange } from './observerBase.ts';
import { PercentileObserver } from './observerPercentile.ts';

export interface MinMaxObserverState {
  kind: 'minmax';
  frozen: boolean;
  range: ObservedRange | null;
}

/** Running min and max over every batch seen (torch's MinMaxObserver). Values are kept as float32, as torch keeps them. */
export class MinMaxObserver extends RangeTrackingObserver {
  readonly kind = 'minmax';

  observeMinMax(min: number, max: number): void {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    this.current = this.current ? { min: Math.min(this.current.min, low), max: Math.max(this.current.max, high) } : { min: low, max: high };
  }

  state(): MinMaxObserverState {
    return { kind: this.kind, frozen: this.isFrozen, range: this.current ? { ...this.current } : null };
  }

  load(state: unknown): void {
    const fields = readState(this.kind, state);
    this.current = readRange(this.kind, fields['range'], 'range');
    this.isFrozen = fields['frozen'] as boolean;
  }
}

export interface MovingAverageMinMaxObserverState {
  kind: 'movingAverageMinMax';
  frozen: boolean;
  averagingConstant: number;
  range: ObservedRange | null;
}

/**
 * torch's MovingAverageMinMaxObserver: the first batch sets the range, then
 * min ← min + c·(batch min − min) and likewise max. Each operation rounds to float32, as torch's
 * float32 tensors do, so the ranges equal torch's exactly.
 */
export class MovingAverageMinMaxObserver extends RangeTrackingObserver {
  readonly kind = 'movingAverageMinMax';

  constructor(readonly averagingConstant = 0.01) {
    super();
    if (!(averagingConstant > 0 && averagingConstant <= 1)) throw new RangeError(`moving-average observer: averaging constant ${averagingConstant} must be in (0, 1]`);
  }

  observeMinMax(min: number, max: number): void {
    checkBatchRange(this.kind, min, max);
    if (this.isFrozen) return;
    const low = Math.fround(min);
    const high = Math.fround(max);
    if (!this.current) {
      this.current = { min: low, max: high };
      return;
    }
    const c = Math.fround(this.averagingConstant);
    const step = (running: number, batch: number): number => Math.fround(running + Math.fround(c * Math.fround(batch - running)));
    this.current = { min: step(this.current.min, low), max: step(this.current.max, high) };
  }

  state(): MovingAverageMinMaxObserverState {
    return { kind: this.kind, frozen: this.isFrozen, averagingConstant: this.averagingConstant, range: this.current ? { ...this.current } : null };
  }

  load(state: unknown): void {
    const fields = readState(this.kind, state);
    checkSetting(this.kind, 'averaging constant', fields['averagingConstant'], this.averagingConstant);
    this.current = readRange(this.kind, fields['range'], 'range');
    this.isFrozen = fields['frozen'] as boolean;
  }
}

export type ActivationObserver = MinMaxObserver | MovingAverageMinMaxObserver | PercentileObserver;

export type ObserverSettings = Pick<QuantizationConfig['activations'], 'observer' | 'averagingConstant' | 'percentile'>;

/** The observer the config's `quantization.activations` settings ask for. */
export function createActivationObserver(settings: ObserverSettings): ActivationObserver {
  switch (settings.observer) {
    case 'minmax':
      return new MinMaxObserver();
    case 'movingAverageMinMax':
      return new MovingAverageMinMaxObserver(settings.averagingConstant);
    case 'percentile':
      return new PercentileObserver(settings.percentile);
    default: {
      const unknown: never = settings.observer;
      throw new Error(`unknown activation observer '${String(unknown)}'`);
    }
  }
}
