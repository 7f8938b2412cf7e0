/**
 * The SGD updates of sgd.ts as WebAssembly SIMD kernels, four floats per instruction, bit-identical
 * to its JavaScript loops (which define the arithmetic):
 *   fround(a·b) and fround(a + b) of two float32 values are f32x4.mul and f32x4.add, as one IEEE
 *   operation rounded to float32 equals the float64 result rounded to float32;
 *   a + s·b rounded once in float64 (the float32 product is exact there) then to float32 on store is
 *   done in f64x2 on promoted halves, as a float32 multiply-add would round twice.
 * The module's memory is a fixed scratch area: each call copies a chunk of the caller's arrays in,
 * runs a kernel over it and copies the results back. Lanes are independent, so a chunk whose length
 * is not a multiple of four runs a whole last vector over stale scratch lanes and copies back only its own.
 */
import type { SgdUpdates } from './sgd.ts';
import { encodeModule, instruction as op, ValueType, type ExportedFunction } from './wasmModule.ts';

/** Floats per array per call: 16 KiB each, so the three scratch arrays stay in the L1/L2 cache. */
const CHUNK_FLOATS = 4096;
const CHUNK_BYTES = CHUNK_FLOATS * 4;
const VALUE_OFFSET = 0;
const GRADIENT_OFFSET = CHUNK_BYTES;
const BUFFER_OFFSET = 2 * CHUNK_BYTES;
const MEMORY_PAGES = Math.ceil((3 * CHUNK_BYTES) / 65536);

// Every kernel takes (byteLength, negativeLearningRate, decay, momentum, momentumInput), the
// scalars as float32 (they are Math.fround values, so passing them is exact); unused ones are ignored.
const BYTE_LENGTH = 0;
const NEGATIVE_LEARNING_RATE = 1;
const DECAY = 2;
const MOMENTUM = 3;
const MOMENTUM_INPUT = 4;
const PARAMETERS = [ValueType.i32, ValueType.f32, ValueType.f32, ValueType.f32, ValueType.f32];

// Locals: the byte index, the scalars splatted, and vector temporaries.
const INDEX = 5;
const NEGATIVE_LEARNING_RATE_F64 = 6;
const DECAY_F64 = 7;
const MOMENTUM_F32 = 8;
const MOMENTUM_F64 = 9;
const MOMENTUM_INPUT_F64 = 10;
const PARAMETER = 11;
const GRADIENT = 12;
const BUFFER = 13;
const DIRECTION = 14;
const VELOCITY = 15;
const PRODUCT = 16;
const LOCALS = [ValueType.i32, ...Array.from({ length: 11 }, () => ValueType.v128)];

/** Bytes 8–15 (float lanes 2 and 3) moved to bytes 0–7, where promote_low reads them. */
const HIGH_HALF_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** The low 8 bytes of each operand: two demoted halves back into one f32x4. */
const JOIN_LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

function load(local: number, offset: number): number[] {
  return [...op.localGet(INDEX), ...op.v128Load(offset), ...op.localSet(local)];
}

function store(offset: number, local: number): number[] {
  return [...op.localGet(INDEX), ...op.localGet(local), ...op.v128Store(offset)];
}

function floatLanesAsFloat64(local: number, half: 'low' | 'high'): number[] {
  const moved = half === 'low' ? op.localGet(local) : [...op.localGet(local), ...op.localGet(local), ...op.i8x16Shuffle(HIGH_HALF_TO_LOW)];
  return [...moved, ...op.f64x2PromoteLowF32x4];
}

/** fround(addend + scalar·vector) with the sum rounded in float64, as the JavaScript `a + s * b`; into `result`. */
function float64MultiplyAdd(result: number, addend: number, scalarF64: number, vector: number): number[] {
  const half = (which: 'low' | 'high'): number[] => [
    ...floatLanesAsFloat64(addend, which),
    ...op.localGet(scalarF64),
    ...floatLanesAsFloat64(vector, which),
    ...op.f64x2Mul,
    ...op.f64x2Add,
    ...op.f32x4DemoteF64x2Zero,
  ];
  return [...half('low'), ...half('high'), ...op.i8x16Shuffle(JOIN_LOW_HALVES), ...op.localSet(result)];
}

type KernelName = 'plain' | 'plainDecayed' | 'momentum' | 'momentumDecayed' | 'nesterov' | 'nesterovDecayed';

/** The scalars splatted once per call, then `step` for each 16-byte vector up to the byte length (at least one). */
function kernel(name: KernelName, step: readonly number[]): ExportedFunction & { readonly name: KernelName } {
  const splatF64 = (parameter: number, local: number): number[] => [...op.localGet(parameter), ...op.f64PromoteF32, ...op.f64x2Splat, ...op.localSet(local)];
  const body = [
    ...splatF64(NEGATIVE_LEARNING_RATE, NEGATIVE_LEARNING_RATE_F64),
    ...splatF64(DECAY, DECAY_F64),
    ...splatF64(MOMENTUM, MOMENTUM_F64),
    ...splatF64(MOMENTUM_INPUT, MOMENTUM_INPUT_F64),
    ...op.localGet(MOMENTUM),
    ...op.f32x4Splat,
    ...op.localSet(MOMENTUM_F32),
    ...op.loop,
    ...step,
    ...op.localGet(INDEX),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.localTee(INDEX),
    ...op.localGet(BYTE_LENGTH),
    ...op.i32LessThanUnsigned,
    ...op.branchIf(0),
    ...op.end,
  ];
  return { name, parameters: PARAMETERS, locals: LOCALS, body };
}

const loadParameterAndGradient = [...load(PARAMETER, VALUE_OFFSET), ...load(GRADIENT, GRADIENT_OFFSET)];

/** d = g + wd·p into DIRECTION. */
const decayedDirection = [...loadParameterAndGradient, ...float64MultiplyAdd(DIRECTION, GRADIENT, DECAY_F64, PARAMETER)];

/** p = p − lr·`step`, PARAMETER loaded already. */
function storeParameterStep(step: number): number[] {
  return [...float64MultiplyAdd(PARAMETER, PARAMETER, NEGATIVE_LEARNING_RATE_F64, step), ...store(VALUE_OFFSET, PARAMETER)];
}

/** fround(buffer·μ) into PRODUCT, as both momentum forms start. */
const loadMomentumProduct = [...load(BUFFER, BUFFER_OFFSET), ...op.localGet(BUFFER), ...op.localGet(MOMENTUM_F32), ...op.f32x4Mul, ...op.localSet(PRODUCT)];

/** b = μ·b + (1−τ)·d;  p = p − lr·b, with d in `direction`. */
function momentumStep(direction: number): number[] {
  return [
    ...loadMomentumProduct,
    ...float64MultiplyAdd(VELOCITY, PRODUCT, MOMENTUM_INPUT_F64, direction),
    ...store(BUFFER_OFFSET, VELOCITY),
    ...storeParameterStep(VELOCITY),
  ];
}

/** b = μ·b + d (a float32 sum);  p = p − lr·(d + μ·b), with d in `direction`; the Nesterov step goes to DIRECTION. */
function nesterovStep(direction: number): number[] {
  return [
    ...loadMomentumProduct,
    ...op.localGet(PRODUCT),
    ...op.localGet(direction),
    ...op.f32x4Add,
    ...op.localSet(VELOCITY),
    ...store(BUFFER_OFFSET, VELOCITY),
    ...float64MultiplyAdd(DIRECTION, direction, MOMENTUM_F64, VELOCITY),
    ...storeParameterStep(DIRECTION),
  ];
}

const KERNELS = [
  kernel('plain', [...loadParameterAndGradient, ...storeParameterStep(GRADIENT)]),
  kernel('plainDecayed', [...decayedDirection, ...storeParameterStep(DIRECTION)]),
  kernel('momentum', [...loadParameterAndGradient, ...momentumStep(GRADIENT)]),
  kernel('momentumDecayed', [...decayedDirection, ...momentumStep(DIRECTION)]),
  kernel('nesterov', [...loadParameterAndGradient, ...nesterovStep(GRADIENT)]),
  kernel('nesterovDecayed', [...decayedDirection, ...nesterovStep(DIRECTION)]),
];

type Kernel = (byteLength: number, negativeLearningRate: number, decay: number, momentum: number, momentumInput: number) => void;

interface Scratch {
  readonly value: Float32Array;
  readonly gradient: Float32Array;
  readonly buffer: Float32Array;
  readonly kernels: Readonly<Record<KernelName, Kernel>>;
}

/** Instantiated on first use; undefined when this runtime lacks WebAssembly SIMD. */
let scratch: Scratch | undefined | null = null;

function instantiate(): Scratch | undefined {
  if (typeof WebAssembly === 'undefined') return undefined;
  const bytes = encodeModule(KERNELS, MEMORY_PAGES);
  if (!WebAssembly.validate(bytes)) return undefined;
  // Synchronous: the module is a few kilobytes and the optimizer's step is synchronous.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const exports = instance.exports;
  const memory = exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('SIMD SGD module exports no memory');
  const kernels = {} as Record<KernelName, Kernel>;
  for (const { name } of KERNELS) {
    const exported = exports[name];
    if (typeof exported !== 'function') throw new Error(`SIMD SGD module exports no function '${name}'`);
    kernels[name] = exported as Kernel;
  }
  return {
    value: new Float32Array(memory.buffer, VALUE_OFFSET, CHUNK_FLOATS),
    gradient: new Float32Array(memory.buffer, GRADIENT_OFFSET, CHUNK_FLOATS),
    buffer: new Float32Array(memory.buffer, BUFFER_OFFSET, CHUNK_FLOATS),
    kernels,
  };
}

function loadedScratch(): Scratch | undefined {
  if (scratch === null) scratch = instantiate();
  return scratch;
}

/** Whether this runtime runs WebAssembly SIMD, so that sgd.ts uses these kernels. */
export function simdAvailable(): boolean {
  return loadedScratch() !== undefined;
}

/** Runs `name` over the arrays chunk by chunk; `buffer` (the momentum buffer) is read and written when given. */
function run(name: KernelName, value: Float32Array, gradient: Float32Array, buffer: Float32Array | undefined, negativeLearningRate: number, decay: number, momentum: number, momentumInput: number): void {
  const area = loadedScratch();
  if (area === undefined) throw new Error('WebAssembly SIMD is not available');
  const kernel = area.kernels[name];
  const length = value.length;
  for (let start = 0; start < length; start += CHUNK_FLOATS) {
    const end = Math.min(start + CHUNK_FLOATS, length);
    const count = end - start;
    area.value.set(value.subarray(start, end));
    area.gradient.set(gradient.subarray(start, end));
    if (buffer !== undefined) area.buffer.set(buffer.subarray(start, end));
    kernel(Math.ceil(count / 4) * 16, negativeLearningRate, decay, momentum, momentumInput);
    value.set(area.value.subarray(0, count), start);
    if (buffer !== undefined) buffer.set(area.buffer.subarray(0, count), start);
  }
}

/** The SIMD updates, with the signatures (and results) of sgd.ts's JavaScript loops. */
export const simdSgdUpdates: SgdUpdates = {
  withoutMomentum(value, gradient, decay, negativeLearningRate) {
    run(decay === 0 ? 'plain' : 'plainDecayed', value, gradient, undefined, negativeLearningRate, decay, 0, 0);
  },
  momentum(value, gradient, buffer, momentum, momentumInput, negativeLearningRate) {
    run('momentum', value, gradient, buffer, negativeLearningRate, 0, momentum, momentumInput);
  },
  momentumDecayed(value, gradient, buffer, decay, momentum, momentumInput, negativeLearningRate) {
    run('momentumDecayed', value, gradient, buffer, negativeLearningRate, decay, momentum, momentumInput);
  },
  nesterov(value, gradient, buffer, momentum, negativeLearningRate) {
    run('nesterov', value, gradient, buffer, negativeLearningRate, 0, momentum, 0);
  },
  nesterovDecayed(value, gradient, buffer, decay, momentum, negativeLearningRate) {
    run('nesterovDecayed', value, gradient, buffer, negativeLearningRate, decay, momentum, 0);
  },
};
