/**
 * Adam and AdamW, as torch.optim.Adam / torch.optim.AdamW (amsgrad=False, foreach=False):
 *   Adam:  g = g + wd·p (L2)          AdamW: p = p·(1 − lr·wd) (decoupled, before the update)
 *   m = β₁·m + (1−β₁)·g;  v = β₂·v + (1−β₂)·g²;  t = t + 1
 *   p = p − lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)      (ε added after the bias-corrected √v)
 * Float32 in PyTorch's order of operations (its AVX2 CPU kernels fuse a + s·b, as in addcmul, into
 * one rounding; addcdiv rounds s·m, then ÷ denom, then +p); the bias corrections are computed in
 * float64 as PyTorch computes them in Python, then cast to float32 where PyTorch casts them.
 */
import type { Optimizer, OptimizerState, ParameterSlot } from './optimizer.ts';
import { ParameterStateStore } from './parameterStateStore.ts';
import { simdAdamAvailable, simdAdamUpdates } from './simdAdam.ts';

export interface AdamOptions {
  /** Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** Default 0 for Adam (L2 on the gradient), 1e-2 for AdamW (decoupled). */
  weightDecay?: number;
  /** True for AdamW. */
  decoupledWeightDecay?: boolean;
}

export class AdamOptimizer implements Optimizer {
  readonly kind: 'adam' | 'adamw';
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly store: ParameterStateStore;
  /** Reused for every slot, so a step allocates nothing. */
  private readonly moments: MomentStep;

  constructor(options: AdamOptions = {}) {
    const decoupled = options.decoupledWeightDecay ?? false;
    this.kind = decoupled ? 'adamw' : 'adam';
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? (decoupled ? 1e-2 : 0);
    const name = decoupled ? 'AdamW' : 'Adam';
    if (!(this.beta1 >= 0 && this.beta1 < 1)) throw new RangeError(`${name}: invalid beta1 ${this.beta1}`);
    if (!(this.beta2 >= 0 && this.beta2 < 1)) throw new RangeError(`${name}: invalid beta2 ${this.beta2}`);
    if (!(this.eps >= 0)) throw new RangeError(`${name}: invalid eps ${this.eps}`);
    if (!(this.weightDecay >= 0)) throw new RangeError(`${name}: invalid weight decay ${this.weightDecay}`);
    this.store = new ParameterStateStore(this.kind, ['expAvg', 'expAvgSq']);
    this.moments = {
      expAvg: new Float32Array(0),
      expAvgSq: new Float32Array(0),
      beta1: Math.fround(this.beta1),
      beta2: Math.fround(this.beta2),
      gradientShare: Math.fround(1 - this.beta1),
      squareShare: Math.fround(1 - this.beta2),
      eps: Math.fround(this.eps),
      negativeStepSize: 0,
      secondMomentCorrection: 1,
    };
  }

  step(parameters: readonly ParameterSlot[], learningRate: number): void {
    if (!(learningRate >= 0)) throw new RangeError(`${this.kind}: invalid learning rate ${learningRate}`);
    const decoupled = this.kind === 'adamw';
    for (const slot of parameters) {
      const state = this.store.stateFor(slot);
      const step = ++state.step;
      const value = slot.value;
      const gradient = slot.gradient;
      const decays = slot.weightDecay && this.weightDecay !== 0;
      const l2 = decays && !decoupled ? Math.fround(this.weightDecay) : 0;
      const shrink = decays && decoupled ? Math.fround(1 - learningRate * this.weightDecay) : 1;
      const moments = this.moments;
      moments.expAvg = state.buffers.expAvg!;
      moments.expAvgSq = state.buffers.expAvgSq!;
      moments.negativeStepSize = Math.fround(-learningRate / (1 - this.beta1 ** step));
      moments.secondMomentCorrection = Math.fround(Math.sqrt(1 - this.beta2 ** step));
      const updates = adamUpdates();
      if (l2 !== 0) updates.l2(value, gradient, moments, l2);
      else if (shrink !== 1) updates.decoupled(value, gradient, moments, shrink);
      else updates.plain(value, gradient, moments);
    }
  }

  state(): OptimizerState {
    return this.store.snapshot();
  }

  load(state: OptimizerState): void {
    this.store.restore(state);
  }
}

/** One slot's moment buffers and this step's float32 scalars (as PyTorch casts them), for the update loops. */
export interface MomentStep {
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  beta1: number;
  beta2: number;
  gradientShare: number;
  squareShare: number;
  eps: number;
  negativeStepSize: number;
  secondMomentCorrection: number;
}

/** The update of one slot, in place on value and the moment buffers, per weight-decay mode. */
export interface AdamUpdates {
  plain(value: Float32Array, gradient: Float32Array, moments: MomentStep): void;
  /** Adam's L2 decay (float32). */
  l2(value: Float32Array, gradient: Float32Array, moments: MomentStep, decay: number): void;
  /** AdamW's shrink factor 1 − lr·wd (float32). */
  decoupled(value: Float32Array, gradient: Float32Array, moments: MomentStep, shrink: number): void;
}

/**
 * The WebAssembly SIMD kernels (simdAdam.ts) where the runtime has them: bit-identical to the
 * JavaScript loops below and several times faster. The loops are the reference and the fallback.
 */
function adamUpdates(): AdamUpdates {
  return simdAdamAvailable() ? simdAdamUpdates : javaScriptAdamUpdates;
}

// One loop per weight-decay mode, free of conditionals: V8 does not hoist them out of a loop.

/** No weight decay. */
function adamUpdate(value: Float32Array, gradient: Float32Array, step: MomentStep): void {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const g = gradient[i]!;
    const m = Math.fround(Math.fround(expAvg[i]! * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i]! * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = value[i]! + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}

/** Adam's L2: g = g + wd·p. */
function adamL2Update(value: Float32Array, gradient: Float32Array, step: MomentStep, decay: number): void {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i]!;
    const g = Math.fround(gradient[i]! + decay * parameter);
    const m = Math.fround(Math.fround(expAvg[i]! * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i]! * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = parameter + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}

/** AdamW: p = p·(1 − lr·wd) before the update. */
function adamDecoupledUpdate(value: Float32Array, gradient: Float32Array, step: MomentStep, shrink: number): void {
  const { expAvg, expAvgSq, beta1, beta2, gradientShare, squareShare, eps, negativeStepSize, secondMomentCorrection } = step;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const g = gradient[i]!;
    const m = Math.fround(Math.fround(expAvg[i]! * beta1) + gradientShare * g);
    const v = Math.fround(Math.fround(expAvgSq[i]! * beta2) + Math.fround(squareShare * g) * g);
    expAvg[i] = m;
    expAvgSq[i] = v;
    const denominator = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / secondMomentCorrection) + eps);
    value[i] = Math.fround(value[i]! * shrink) + Math.fround(Math.fround(negativeStepSize * m) / denominator);
  }
}

/** The JavaScript loops, which define the arithmetic the SIMD kernels reproduce. */
export const javaScriptAdamUpdates: AdamUpdates = {
  plain: adamUpdate,
  l2: adamL2Update,
  decoupled: adamDecoupledUpdate,
};
