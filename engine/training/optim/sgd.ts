/**
 * SGD with momentum, dampening, Nesterov and L2 weight decay, as torch.optim.SGD (foreach=False):
 *   d = g + wd·p;  b = d on the first step, else b = μ·b + (1−τ)·d;
 *   d = d + μ·b (Nesterov) or d = b;  p = p − lr·d.
 * Arithmetic is float32 per stored tensor, like PyTorch: each intermediate tensor PyTorch
 * materialises is rounded with Math.fround, scalars are cast to float32 as PyTorch casts them, and
 * a + s·b is one rounding (its AVX2 CPU kernels use fused multiply-add; a float32 product is exact in float64).
 */
import type { Optimizer, OptimizerState, ParameterSlot } from './optimizer.ts';
import { ParameterStateStore } from './parameterStateStore.ts';
import { simdSgdAvailable, simdSgdUpdates } from './simdSgd.ts';

export interface SgdOptions {
  /** Default 0 (plain SGD). */
  momentum?: number;
  /** Default 0. */
  dampening?: number;
  /** Default false; needs momentum > 0 and dampening 0. */
  nesterov?: boolean;
  /** L2 penalty added to the gradient; default 0. */
  weightDecay?: number;
}

export class SgdOptimizer implements Optimizer {
  readonly kind = 'sgd';
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly store: ParameterStateStore;

  constructor(options: SgdOptions = {}) {
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.momentum >= 0)) throw new RangeError(`SGD: invalid momentum ${this.momentum}`);
    if (!Number.isFinite(this.dampening)) throw new RangeError(`SGD: invalid dampening ${this.dampening}`);
    if (!(this.weightDecay >= 0)) throw new RangeError(`SGD: invalid weight decay ${this.weightDecay}`);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError('SGD: Nesterov momentum requires momentum > 0 and dampening 0');
    }
    this.store = new ParameterStateStore('sgd', this.momentum !== 0 ? ['momentum'] : []);
  }

  step(parameters: readonly ParameterSlot[], learningRate: number): void {
    if (!(learningRate >= 0)) throw new RangeError(`SGD: invalid learning rate ${learningRate}`);
    const negativeLearningRate = Math.fround(-learningRate);
    const momentum = Math.fround(this.momentum);
    const momentumInput = Math.fround(1 - this.dampening);
    for (const slot of parameters) {
      const state = this.store.stateFor(slot);
      const decay = slot.weightDecay ? Math.fround(this.weightDecay) : 0;
      const buffer = state.buffers.momentum;
      const updates = sgdUpdates();
      if (buffer === undefined) updates.withoutMomentum(slot.value, slot.gradient, decay, negativeLearningRate);
      else if (state.step === 0) firstMomentumUpdate(slot.value, slot.gradient, buffer, decay, momentum, this.nesterov, negativeLearningRate);
      else if (this.nesterov) {
        if (decay === 0) updates.nesterov(slot.value, slot.gradient, buffer, momentum, negativeLearningRate);
        else updates.nesterovDecayed(slot.value, slot.gradient, buffer, decay, momentum, negativeLearningRate);
      } else {
        if (decay === 0) updates.momentum(slot.value, slot.gradient, buffer, momentum, momentumInput, negativeLearningRate);
        else updates.momentumDecayed(slot.value, slot.gradient, buffer, decay, momentum, momentumInput, negativeLearningRate);
      }
      state.step++;
    }
  }

  state(): OptimizerState {
    return this.store.snapshot();
  }

  load(state: OptimizerState): void {
    this.store.restore(state);
  }
}

/**
 * The per-step updates after the first, one per case, in place on value (and the momentum buffer).
 * Scalars are float32 values (Math.fround); `decay` is 0 for parameters without weight decay.
 */
export interface SgdUpdates {
  withoutMomentum(value: Float32Array, gradient: Float32Array, decay: number, negativeLearningRate: number): void;
  momentum(value: Float32Array, gradient: Float32Array, buffer: Float32Array, momentum: number, momentumInput: number, negativeLearningRate: number): void;
  momentumDecayed(value: Float32Array, gradient: Float32Array, buffer: Float32Array, decay: number, momentum: number, momentumInput: number, negativeLearningRate: number): void;
  nesterov(value: Float32Array, gradient: Float32Array, buffer: Float32Array, momentum: number, negativeLearningRate: number): void;
  nesterovDecayed(value: Float32Array, gradient: Float32Array, buffer: Float32Array, decay: number, momentum: number, negativeLearningRate: number): void;
}

/**
 * The WebAssembly SIMD kernels (simdSgd.ts) where the runtime has them: bit-identical to the
 * JavaScript loops below and several times faster. The loops are the reference and the fallback.
 */
function sgdUpdates(): SgdUpdates {
  return simdSgdAvailable() ? simdSgdUpdates : javaScriptSgdUpdates;
}

// One loop per case, free of conditionals: V8 does not hoist them out of a loop, and a
// conditional per element made the SGD step about twice as slow. Nesterov has no dampening.

/** p = p − lr·(g + wd·p) */
function updateWithoutMomentum(value: Float32Array, gradient: Float32Array, decay: number, negativeLearningRate: number): void {
  const length = value.length;
  if (decay === 0) {
    for (let i = 0; i < length; i++) value[i] = value[i]! + negativeLearningRate * gradient[i]!;
    return;
  }
  for (let i = 0; i < length; i++) {
    const parameter = value[i]!;
    value[i] = parameter + negativeLearningRate * Math.fround(gradient[i]! + decay * parameter);
  }
}

/** b = d (no dampening on the first step, as PyTorch); p = p − lr·(d + μ·b) or p − lr·b. Runs once. */
function firstMomentumUpdate(value: Float32Array, gradient: Float32Array, buffer: Float32Array, decay: number, momentum: number, nesterov: boolean, negativeLearningRate: number): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i]!;
    const direction = decay === 0 ? gradient[i]! : Math.fround(gradient[i]! + decay * parameter);
    buffer[i] = direction;
    value[i] = parameter + negativeLearningRate * (nesterov ? Math.fround(direction + momentum * direction) : direction);
  }
}

/** b = μ·b + (1−τ)·g;  p = p − lr·b */
function momentumUpdate(value: Float32Array, gradient: Float32Array, buffer: Float32Array, momentum: number, momentumInput: number, negativeLearningRate: number): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const velocity = Math.fround(Math.fround(buffer[i]! * momentum) + momentumInput * gradient[i]!);
    buffer[i] = velocity;
    value[i] = value[i]! + negativeLearningRate * velocity;
  }
}

/** d = g + wd·p;  b = μ·b + (1−τ)·d;  p = p − lr·b */
function momentumDecayedUpdate(value: Float32Array, gradient: Float32Array, buffer: Float32Array, decay: number, momentum: number, momentumInput: number, negativeLearningRate: number): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i]!;
    const direction = Math.fround(gradient[i]! + decay * parameter);
    const velocity = Math.fround(Math.fround(buffer[i]! * momentum) + momentumInput * direction);
    buffer[i] = velocity;
    value[i] = parameter + negativeLearningRate * velocity;
  }
}

/** b = μ·b + g;  p = p − lr·(g + μ·b) */
function nesterovUpdate(value: Float32Array, gradient: Float32Array, buffer: Float32Array, momentum: number, negativeLearningRate: number): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const direction = gradient[i]!;
    const velocity = Math.fround(Math.fround(buffer[i]! * momentum) + direction);
    buffer[i] = velocity;
    value[i] = value[i]! + negativeLearningRate * Math.fround(direction + momentum * velocity);
  }
}

/** d = g + wd·p;  b = μ·b + d;  p = p − lr·(d + μ·b) */
function nesterovDecayedUpdate(value: Float32Array, gradient: Float32Array, buffer: Float32Array, decay: number, momentum: number, negativeLearningRate: number): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const parameter = value[i]!;
    const direction = Math.fround(gradient[i]! + decay * parameter);
    const velocity = Math.fround(Math.fround(buffer[i]! * momentum) + direction);
    buffer[i] = velocity;
    value[i] = parameter + negativeLearningRate * Math.fround(direction + momentum * velocity);
  }
}

/** The JavaScript loops, which define the arithmetic the SIMD kernels reproduce. */
export const javaScriptSgdUpdates: SgdUpdates = {
  withoutMomentum: updateWithoutMomentum,
  momentum: momentumUpdate,
  momentumDecayed: momentumDecayedUpdate,
  nesterov: nesterovUpdate,
  nesterovDecayed: nesterovDecayedUpdate,
};
