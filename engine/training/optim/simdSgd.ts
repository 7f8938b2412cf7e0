/**
 * The SGD updates of sgd.ts as WebAssembly SIMD kernels, four floats per instruction, bit-identical
 * to its JavaScript loops (which define the arithmetic; simdKernel.ts says how): fround(b·μ) and the
 * Nesterov fround(fround(b·μ) + d) are f32x4 instructions; each `a + s·b` that the loops round once
 * in float64 is f64x2 arithmetic on promoted halves.
 */
import type { SgdUpdates } from './sgd.ts';
import { ChunkedKernels, float32Binary, float64MultiplyAdd, KernelLocals, load, loopKernel, splat, store } from './simdKernel.ts';
import { instruction as op } from './wasmModule.ts';

// The kernels' arrays, in scratch memory order.
const VALUE = 0;
const GRADIENT = 1;
const BUFFER = 2;

// Scalars, as sgd.ts passes them (Math.fround values); each kernel ignores those it does not use.
const locals = new KernelLocals(4);
const NEGATIVE_LEARNING_RATE = 0;
const DECAY = 1;
const MOMENTUM = 2;
const MOMENTUM_INPUT = 3;

/** The kernels' v128 locals: splatted scalars, then per-vector values. */
const lane = {
  negativeLearningRateF64: locals.vector(),
  decayF64: locals.vector(),
  momentumF32: locals.vector(),
  momentumF64: locals.vector(),
  momentumInputF64: locals.vector(),
  parameter: locals.vector(),
  gradient: locals.vector(),
  buffer: locals.vector(),
  direction: locals.vector(),
  velocity: locals.vector(),
  product: locals.vector(),
};

const prologue = [
  ...splat(locals, NEGATIVE_LEARNING_RATE, lane.negativeLearningRateF64, 'f64'),
  ...splat(locals, DECAY, lane.decayF64, 'f64'),
  ...splat(locals, MOMENTUM, lane.momentumF32, 'f32'),
  ...splat(locals, MOMENTUM, lane.momentumF64, 'f64'),
  ...splat(locals, MOMENTUM_INPUT, lane.momentumInputF64, 'f64'),
];

const loadParameterAndGradient = [...load(locals, lane.parameter, VALUE), ...load(locals, lane.gradient, GRADIENT)];

/** d = g + wd·p into `lane.direction`. */
const decayedDirection = [...loadParameterAndGradient, ...float64MultiplyAdd(lane.direction, lane.gradient, { scalarF64: lane.decayF64 }, lane.parameter)];

/** p = p − lr·`step`, `lane.parameter` loaded already. */
function storeParameterStep(step: number): number[] {
  return [...float64MultiplyAdd(lane.parameter, lane.parameter, { scalarF64: lane.negativeLearningRateF64 }, step), ...store(locals, VALUE, lane.parameter)];
}

/** fround(b·μ) into `lane.product`, as both momentum forms start. */
const loadMomentumProduct = [...load(locals, lane.buffer, BUFFER), ...float32Binary(lane.product, lane.buffer, op.f32x4Mul, lane.momentumF32)];

/** b = μ·b + (1−τ)·d;  p = p − lr·b, with d in `directionLane`. */
function momentumStep(directionLane: number): number[] {
  return [
    ...loadMomentumProduct,
    ...float64MultiplyAdd(lane.velocity, lane.product, { scalarF64: lane.momentumInputF64 }, directionLane),
    ...store(locals, BUFFER, lane.velocity),
    ...storeParameterStep(lane.velocity),
  ];
}

/** b = μ·b + d (a float32 sum);  p = p − lr·(d + μ·b), with d in `directionLane`; the Nesterov step goes to `lane.direction`. */
function nesterovStep(directionLane: number): number[] {
  return [
    ...loadMomentumProduct,
    ...float32Binary(lane.velocity, lane.product, op.f32x4Add, directionLane),
    ...store(locals, BUFFER, lane.velocity),
    ...float64MultiplyAdd(lane.direction, directionLane, { scalarF64: lane.momentumF64 }, lane.velocity),
    ...storeParameterStep(lane.direction),
  ];
}

const KERNELS = [
  loopKernel('plain', locals, prologue, [...loadParameterAndGradient, ...storeParameterStep(lane.gradient)]),
  loopKernel('plainDecayed', locals, prologue, [...decayedDirection, ...storeParameterStep(lane.direction)]),
  loopKernel('momentum', locals, prologue, [...loadParameterAndGradient, ...momentumStep(lane.gradient)]),
  loopKernel('momentumDecayed', locals, prologue, [...decayedDirection, ...momentumStep(lane.direction)]),
  loopKernel('nesterov', locals, prologue, [...loadParameterAndGradient, ...nesterovStep(lane.gradient)]),
  loopKernel('nesterovDecayed', locals, prologue, [...decayedDirection, ...nesterovStep(lane.direction)]),
];

const kernels = new ChunkedKernels(KERNELS, 3);

/** Whether this runtime runs WebAssembly SIMD, so that sgd.ts uses these kernels. */
export function simdSgdAvailable(): boolean {
  return kernels.available();
}

function run(name: (typeof KERNELS)[number]['name'], arrays: readonly Float32Array[], scalars: readonly number[]): void {
  // The value and, with momentum, the buffer are written; the gradient is only read.
  kernels.run(name, arrays, arrays.length > BUFFER ? [VALUE, BUFFER] : [VALUE], scalars);
}

/** The SIMD updates, with the signatures (and results) of sgd.ts's JavaScript loops. */
export const simdSgdUpdates: SgdUpdates = {
  withoutMomentum(value, gradient, decay, negativeLearningRate) {
    run(decay === 0 ? 'plain' : 'plainDecayed', [value, gradient], [negativeLearningRate, decay, 0, 0]);
  },
  momentum(value, gradient, buffer, momentum, momentumInput, negativeLearningRate) {
    run('momentum', [value, gradient, buffer], [negativeLearningRate, 0, momentum, momentumInput]);
  },
  momentumDecayed(value, gradient, buffer, decay, momentum, momentumInput, negativeLearningRate) {
    run('momentumDecayed', [value, gradient, buffer], [negativeLearningRate, decay, momentum, momentumInput]);
  },
  nesterov(value, gradient, buffer, momentum, negativeLearningRate) {
    run('nesterov', [value, gradient, buffer], [negativeLearningRate, 0, momentum, 0]);
  },
  nesterovDecayed(value, gradient, buffer, decay, momentum, negativeLearningRate) {
    run('nesterovDecayed', [value, gradient, buffer], [negativeLearningRate, decay, momentum, 0]);
  },
};
