/**
 * The Adam and AdamW updates of adam.ts as WebAssembly SIMD kernels, bit-identical to its JavaScript
 * loops (which define the arithmetic; simdKernel.ts says how). The two moment updates, each a
 * float32 product plus a product rounded once in float64, are f64x2 arithmetic on promoted halves;
 * the rest (√v, the divisions, p + step, AdamW's p·shrink) are single float32 operations, f32x4.
 */
import type { AdamUpdates, MomentStep } from './adam.ts';
import { ChunkedKernels, float32Binary, float64MultiplyAdd, KernelLocals, load, loopKernel, splat, store } from './simdKernel.ts';
import { instruction as op } from './wasmModule.ts';

// The kernels' arrays, in scratch memory order.
const VALUE = 0;
const GRADIENT = 1;
const EXP_AVG = 2;
const EXP_AVG_SQ = 3;

// Scalars, the float32 values of adam.ts's MomentStep; the last is the L2 decay or AdamW's shrink.
const locals = new KernelLocals(8);
const BETA1 = 0;
const BETA2 = 1;
const GRADIENT_SHARE = 2;
const SQUARE_SHARE = 3;
const EPS = 4;
const NEGATIVE_STEP_SIZE = 5;
const SECOND_MOMENT_CORRECTION = 6;
const WEIGHT_DECAY = 7;

/** The kernels' v128 locals: splatted scalars, then per-vector values. */
const lane = {
  beta1: locals.vector(),
  beta2: locals.vector(),
  gradientShareF64: locals.vector(),
  squareShare: locals.vector(),
  eps: locals.vector(),
  negativeStepSize: locals.vector(),
  secondMomentCorrection: locals.vector(),
  decayF64: locals.vector(),
  shrink: locals.vector(),
  parameter: locals.vector(),
  gradient: locals.vector(),
  expAvg: locals.vector(),
  expAvgSq: locals.vector(),
  product: locals.vector(),
  square: locals.vector(),
  denominator: locals.vector(),
  step: locals.vector(),
};

const prologue = [
  ...splat(locals, BETA1, lane.beta1, 'f32'),
  ...splat(locals, BETA2, lane.beta2, 'f32'),
  ...splat(locals, GRADIENT_SHARE, lane.gradientShareF64, 'f64'),
  ...splat(locals, SQUARE_SHARE, lane.squareShare, 'f32'),
  ...splat(locals, EPS, lane.eps, 'f32'),
  ...splat(locals, NEGATIVE_STEP_SIZE, lane.negativeStepSize, 'f32'),
  ...splat(locals, SECOND_MOMENT_CORRECTION, lane.secondMomentCorrection, 'f32'),
  ...splat(locals, WEIGHT_DECAY, lane.decayF64, 'f64'),
  ...splat(locals, WEIGHT_DECAY, lane.shrink, 'f32'),
];

const loadParameterAndGradient = [...load(locals, lane.parameter, VALUE), ...load(locals, lane.gradient, GRADIENT)];

/**
 * m = β₁·m + (1−β₁)·g;  v = β₂·v + (1−β₂)·g·g (stored);  then the step lr/(1−β₁ᵗ)·m / (√v/√(1−β₂ᵗ) + ε)
 * (negative) into `lane.step`, with g in `lane.gradient`.
 */
const momentsAndStep = [
  ...load(locals, lane.expAvg, EXP_AVG),
  ...float32Binary(lane.product, lane.expAvg, op.f32x4Mul, lane.beta1),
  ...float64MultiplyAdd(lane.expAvg, lane.product, { scalarF64: lane.gradientShareF64 }, lane.gradient),
  ...store(locals, EXP_AVG, lane.expAvg),
  ...load(locals, lane.expAvgSq, EXP_AVG_SQ),
  ...float32Binary(lane.product, lane.expAvgSq, op.f32x4Mul, lane.beta2),
  ...float32Binary(lane.square, lane.squareShare, op.f32x4Mul, lane.gradient),
  ...float64MultiplyAdd(lane.expAvgSq, lane.product, { vector: lane.square }, lane.gradient),
  ...store(locals, EXP_AVG_SQ, lane.expAvgSq),
  ...op.localGet(lane.expAvgSq),
  ...op.f32x4Sqrt,
  ...op.localGet(lane.secondMomentCorrection),
  ...op.f32x4Div,
  ...op.localGet(lane.eps),
  ...op.f32x4Add,
  ...op.localSet(lane.denominator),
  ...float32Binary(lane.step, lane.negativeStepSize, op.f32x4Mul, lane.expAvg),
  ...float32Binary(lane.step, lane.step, op.f32x4Div, lane.denominator),
];

const storeParameterPlusStep = [...float32Binary(lane.parameter, lane.parameter, op.f32x4Add, lane.step), ...store(locals, VALUE, lane.parameter)];

const KERNELS = [
  loopKernel('adam', locals, prologue, [...loadParameterAndGradient, ...momentsAndStep, ...storeParameterPlusStep]),
  loopKernel('adamL2', locals, prologue, [
    ...loadParameterAndGradient,
    // g = g + wd·p
    ...float64MultiplyAdd(lane.gradient, lane.gradient, { scalarF64: lane.decayF64 }, lane.parameter),
    ...momentsAndStep,
    ...storeParameterPlusStep,
  ]),
  loopKernel('adamDecoupled', locals, prologue, [
    ...loadParameterAndGradient,
    ...momentsAndStep,
    // p·(1 − lr·wd), rounded, plus the step
    ...float32Binary(lane.parameter, lane.parameter, op.f32x4Mul, lane.shrink),
    ...storeParameterPlusStep,
  ]),
];

const kernels = new ChunkedKernels(KERNELS, 4);

/** Whether this runtime runs WebAssembly SIMD, so that adam.ts uses these kernels. */
export function simdAdamAvailable(): boolean {
  return kernels.available();
}

const WRITTEN = [VALUE, EXP_AVG, EXP_AVG_SQ];

/** The SIMD updates, with the signatures (and results) of adam.ts's JavaScript loops. */
export const simdAdamUpdates: AdamUpdates = {
  plain(value, gradient, moments) {
    run('adam', value, gradient, moments, 0);
  },
  l2(value, gradient, moments, decay) {
    run('adamL2', value, gradient, moments, decay);
  },
  decoupled(value, gradient, moments, shrink) {
    run('adamDecoupled', value, gradient, moments, shrink);
  },
};

function run(name: (typeof KERNELS)[number]['name'], value: Float32Array, gradient: Float32Array, moments: MomentStep, weightDecay: number): void {
  const scalars = [moments.beta1, moments.beta2, moments.gradientShare, moments.squareShare, moments.eps, moments.negativeStepSize, moments.secondMomentCorrection, weightDecay];
  kernels.run(name, [value, gradient, moments.expAvg, moments.expAvgSq], WRITTEN, scalars);
}
