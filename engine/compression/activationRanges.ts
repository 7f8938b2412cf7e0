/**
 * The live quantization parameters of every fake-quantized activation: an observer
 * per tensor, and the scale / zero-point scalars the training and evaluation graphs
 * read as inputs. The scalars are fed without copying and updated in place.
 */
import * as ort from 'onnxruntime-node';
import type { QuantizedActivation } from '../quantization/insertFakeQuant.ts';
import { withinUpperBound, type QuantizationScheme } from '../quantization/scheme.ts';

/** What the ranges need from an observer (engine/quantization/observers.ts implements it). */
export interface RangeObserver {
  observeMinMax(min: number, max: number): void;
  /** Observers that need the values themselves (percentile) take them during calibration. */
  observeValues?(values: Float32Array): void;
  range(): { min: number; max: number } | undefined;
  /** Scale and zero point of the observed range under a scheme. */
  quantizationParameters(scheme: Omit<QuantizationScheme, 'perChannel'>): { scale: number; zeroPoint: number };
  freeze(): void;
  state(): unknown;
  load(state: unknown): void;
}

export interface ObservedActivation extends QuantizedActivation {
  observer: RangeObserver;
  /** Names of the training graph's outputs with this tensor's batch min and max. */
  minOutput: string;
  maxOutput: string;
  scale: Float32Array;
  zeroPoint: Float32Array;
}

export class ActivationRanges {
  private frozen = false;

  constructor(readonly activations: ObservedActivation[]) {}

  /** Graph inputs carrying the current scales and zero points (without the scales when the graph trains them). */
  feeds(scalesAreParameters = false): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const a of this.activations) {
      if (!scalesAreParameters) feeds[a.scaleInput] = new ort.Tensor('float32', a.scale, []);
      feeds[a.zeroPointInput] = new ort.Tensor('float32', a.zeroPoint, []);
    }
    return feeds;
  }

  /** Feeds a step's batch statistics to the observers and refreshes the scalars. */
  observe(extras: Record<string, Float32Array>): void {
    if (this.frozen) return;
    for (const a of this.activations) {
      const min = extras[a.minOutput]?.[0];
      const max = extras[a.maxOutput]?.[0];
      if (min === undefined || max === undefined) throw new Error(`the training step did not return the range of '${a.tensor}'`);
      a.observer.observeMinMax(min, max);
    }
    this.refresh();
  }

  /** Recomputes every scale and zero point (or those of `only`) from its observer. */
  refresh(only: readonly ObservedActivation[] = this.activations): void {
    for (const a of only) {
      if (!a.observer.range()) continue;
      const { scale, zeroPoint } = withinUpperBound(a.observer.quantizationParameters(a.scheme), a);
      a.scale[0] = scale;
      a.zeroPoint[0] = zeroPoint;
    }
  }

  freeze(): void {
    this.frozen = true;
    for (const a of this.activations) a.observer.freeze();
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  state(): { frozen: boolean; observers: Record<string, unknown> } {
    return { frozen: this.frozen, observers: Object.fromEntries(this.activations.map((a) => [a.tensor, a.observer.state()])) };
  }

  load(state: { frozen: boolean; observers: Record<string, unknown> }): void {
    const missing = this.loadSaved(state);
    if (missing[0]) throw new Error(`the checkpoint has no observer state for '${missing[0].tensor}'`);
    if (state.frozen) this.freeze();
  }

  /**
   * Loads the observers the state has and returns the activations it has none for (a layer that
   * was in float when it was saved), whose observers stay as they are, to be calibrated. Freezing
   * is left to the caller, after that calibration.
   */
  loadSaved(state: { observers: Record<string, unknown> }): ObservedActivation[] {
    const missing: ObservedActivation[] = [];
    const loaded: ObservedActivation[] = [];
    for (const a of this.activations) {
      const saved = state.observers[a.tensor];
      if (saved === undefined) missing.push(a);
      else {
        a.observer.load(saved);
        loaded.push(a);
      }
    }
    this.refresh(loaded);
    return missing;
  }

  /** Plain numbers for export and analysis. */
  parameters(): Map<string, { scale: number; zeroPoint: number }> {
    return new Map(this.activations.map((a) => [a.tensor, { scale: a.scale[0]!, zeroPoint: a.zeroPoint[0]! }]));
  }
}
