/**
 * What the SIMD optimizer kernels (simdSgd.ts, simdAdam.ts) share: a loop over 16-byte vectors,
 * float32 ↔ float64 lane arithmetic, and running a kernel over the caller's arrays through a fixed
 * scratch memory.
 *
 * Every kernel takes (byteLength: i32, scalars…: f32). Its memory holds one chunk of each array,
 * array k at k·CHUNK_BYTES. Each call copies a chunk of the caller's arrays in, runs the kernel and
 * copies the written arrays back. Lanes are independent, so a chunk whose length is not a multiple
 * of four runs a whole last vector over stale scratch lanes and copies back only its own floats.
 * The memory never grows, so the views on it stay valid.
 *
 * Bit-identical to JavaScript's float32 arithmetic: fround(a ∘ b) of two float32 values, for ∘ one of
 * + − × ÷ and √, is the f32x4 instruction, as float64 carries enough bits that rounding first to
 * float64 and then to float32 gives the correctly rounded float32 result. A sum a + s·b rounded once
 * in float64 (the float32 product is exact there) is done in f64x2 on promoted halves instead.
 */
import { encodeModule, instruction as op, ValueType, type ExportedFunction } from './wasmModule.ts';

/** Floats per array per call: 16 KiB each, so the scratch arrays stay in the L1/L2 cache. */
export const CHUNK_FLOATS = 4096;
const CHUNK_BYTES = CHUNK_FLOATS * 4;
const BYTE_LENGTH = 0;

/** The byte offset of array `index` in the scratch memory, for v128.load and v128.store. */
export function arrayOffset(index: number): number {
  return index * CHUNK_BYTES;
}

/** Local indices of a kernel with `scalarCount` float32 scalars: parameter i + 1 is scalar i. */
export class KernelLocals {
  readonly index: number;
  private nextVector: number;

  constructor(readonly scalarCount: number) {
    this.index = scalarCount + 1;
    this.nextVector = scalarCount + 2;
  }

  scalar(position: number): number {
    return position + 1;
  }

  /** A fresh v128 local. */
  vector(): number {
    return this.nextVector++;
  }

  get vectorCount(): number {
    return this.nextVector - this.scalarCount - 2;
  }
}

/** Splats float32 scalar `position` into `local` as four float32 or two float64 lanes. */
export function splat(locals: KernelLocals, position: number, local: number, lanes: 'f32' | 'f64'): number[] {
  const widened = lanes === 'f32' ? op.f32x4Splat : [...op.f64PromoteF32, ...op.f64x2Splat];
  return [...op.localGet(locals.scalar(position)), ...widened, ...op.localSet(local)];
}

export function load(locals: KernelLocals, local: number, array: number): number[] {
  return [...op.localGet(locals.index), ...op.v128Load(arrayOffset(array)), ...op.localSet(local)];
}

export function store(locals: KernelLocals, array: number, local: number): number[] {
  return [...op.localGet(locals.index), ...op.localGet(local), ...op.v128Store(arrayOffset(array))];
}

/** `instruction` of two float32 vector locals, into `result`. */
export function float32Binary(result: number, left: number, instruction: readonly number[], right: number): number[] {
  return [...op.localGet(left), ...op.localGet(right), ...instruction, ...op.localSet(result)];
}

/** Bytes 8–15 (float lanes 2 and 3) moved to bytes 0–7, where promote_low reads them. */
const HIGH_HALF_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** The low 8 bytes of each operand: two demoted halves back into one f32x4. */
const JOIN_LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

function floatLanesAsFloat64(local: number, half: 'low' | 'high'): number[] {
  const moved = half === 'low' ? op.localGet(local) : [...op.localGet(local), ...op.localGet(local), ...op.i8x16Shuffle(HIGH_HALF_TO_LOW)];
  return [...moved, ...op.f64x2PromoteLowF32x4];
}

/** A multiplier: a float64 splat local (a scalar), or a float32 vector local. */
export type Factor = { readonly scalarF64: number } | { readonly vector: number };

/** fround(addend + factor·vector) with the sum rounded in float64, as the JavaScript `a + s * b`; into `result`. */
export function float64MultiplyAdd(result: number, addend: number, factor: Factor, vector: number): number[] {
  const half = (which: 'low' | 'high'): number[] => [
    ...floatLanesAsFloat64(addend, which),
    ...('scalarF64' in factor ? op.localGet(factor.scalarF64) : floatLanesAsFloat64(factor.vector, which)),
    ...floatLanesAsFloat64(vector, which),
    ...op.f64x2Mul,
    ...op.f64x2Add,
    ...op.f32x4DemoteF64x2Zero,
  ];
  return [...half('low'), ...half('high'), ...op.i8x16Shuffle(JOIN_LOW_HALVES), ...op.localSet(result)];
}

/** `prologue` once per call, then `step` for each 16-byte vector up to the byte length (at least one). */
export function loopKernel<Name extends string>(name: Name, locals: KernelLocals, prologue: readonly number[], step: readonly number[]): ExportedFunction & { readonly name: Name } {
  const body = [
    ...prologue,
    ...op.loop,
    ...step,
    ...op.localGet(locals.index),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.localTee(locals.index),
    ...op.localGet(BYTE_LENGTH),
    ...op.i32LessThanUnsigned,
    ...op.branchIf(0),
    ...op.end,
  ];
  const parameters = [ValueType.i32, ...Array.from({ length: locals.scalarCount }, () => ValueType.f32)];
  const localTypes = [ValueType.i32, ...Array.from({ length: locals.vectorCount }, () => ValueType.v128)];
  return { name, parameters, locals: localTypes, body };
}

type Kernel = (byteLength: number, ...scalars: number[]) => void;

interface Instance<Name extends string> {
  readonly kernels: Readonly<Record<Name, Kernel>>;
  readonly scratch: readonly Float32Array[];
}

/**
 * Kernels over `arrayCount` arrays, run chunk by chunk through their scratch memory. The module is
 * compiled on first use, so importing an optimizer costs nothing until it steps.
 */
export class ChunkedKernels<Name extends string> {
  /** null until first use, then undefined when this runtime lacks WebAssembly SIMD. */
  private instance: Instance<Name> | undefined | null = null;

  constructor(
    private readonly functions: readonly (ExportedFunction & { readonly name: Name })[],
    private readonly arrayCount: number,
  ) {}

  /** Whether this runtime runs WebAssembly SIMD (the module validates). */
  available(): boolean {
    return this.instantiated() !== undefined;
  }

  /**
   * Runs `name` over `arrays` (array k of the kernel is arrays[k]; all of one length), copying back
   * those listed in `written`.
   */
  run(name: Name, arrays: readonly Float32Array[], written: readonly number[], scalars: readonly number[]): void {
    const instance = this.instantiated();
    if (instance === undefined) throw new Error('WebAssembly SIMD is not available');
    const kernel = instance.kernels[name];
    const scratch = instance.scratch;
    const length = arrays[0]!.length;
    for (const array of arrays) if (array.length !== length) throw new RangeError(`${name}: arrays of lengths ${arrays.map((a) => a.length).join(', ')}`);
    for (let start = 0; start < length; start += CHUNK_FLOATS) {
      const end = Math.min(start + CHUNK_FLOATS, length);
      const count = end - start;
      for (let k = 0; k < arrays.length; k++) scratch[k]!.set(arrays[k]!.subarray(start, end));
      kernel(Math.ceil(count / 4) * 16, ...scalars);
      for (const k of written) arrays[k]!.set(scratch[k]!.subarray(0, count), start);
    }
  }

  private instantiated(): Instance<Name> | undefined {
    if (this.instance === null) this.instance = this.instantiate();
    return this.instance;
  }

  private instantiate(): Instance<Name> | undefined {
    if (typeof WebAssembly === 'undefined') return undefined;
    const bytes = encodeModule(this.functions, Math.ceil((this.arrayCount * CHUNK_BYTES) / 65536));
    if (!WebAssembly.validate(bytes)) return undefined;
    // Synchronous: the module is a few kilobytes and the optimizer's step is synchronous.
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    const memory = exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new Error('SIMD kernel module exports no memory');
    const kernels = {} as Record<Name, Kernel>;
    for (const { name } of this.functions) {
      const exported = exports[name];
      if (typeof exported !== 'function') throw new Error(`SIMD kernel module exports no function '${name}'`);
      kernels[name] = exported as Kernel;
    }
    const scratch = Array.from({ length: this.arrayCount }, (_unused, index) => new Float32Array(memory.buffer, arrayOffset(index), CHUNK_FLOATS));
    return { kernels, scratch };
  }
}
