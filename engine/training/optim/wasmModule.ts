/**
 * A minimal WebAssembly binary encoder: one memory and exported functions without results, which is
 * all the optimizer kernels need. It spares the engine a toolchain and a checked-in binary whose
 * source would drift from it; the kernels are written as instruction sequences in TypeScript.
 * Opcodes follow the WebAssembly core specification (binary format, release 2.0 with fixed-width SIMD).
 */

export const ValueType = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

export interface ExportedFunction {
  readonly name: string;
  readonly parameters: readonly ValueType[];
  /** Locals after the parameters, in index order. */
  readonly locals: readonly ValueType[];
  /** The instructions, without the closing `end`. */
  readonly body: readonly number[];
}

export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`unsignedLeb128: ${value} is not a u32`);
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`signedLeb128: ${value} is not an i32`);
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    // Done once the remaining bits are all copies of the sign bit just written.
    if ((rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0)) {
      bytes.push(low);
      return bytes;
    }
    bytes.push(low | 0x80);
  }
}

/** A 128-bit instruction: the 0xFD prefix, then its number as an unsigned LEB128 (numbers ≥ 128 take two bytes). */
function simd(opcode: number, ...immediates: number[]): number[] {
  return [0xfd, ...unsignedLeb128(opcode), ...immediates];
}

/** memarg: log2 of the alignment, then the constant offset added to the address operand. */
function memoryArgument(alignmentLog2: number, offset: number): number[] {
  return [...unsignedLeb128(alignmentLog2), ...unsignedLeb128(offset)];
}

export const instruction = {
  loop: [0x03, 0x40],
  end: [0x0b],
  branchIf: (depth: number): number[] => [0x0d, ...unsignedLeb128(depth)],
  localGet: (index: number): number[] => [0x20, ...unsignedLeb128(index)],
  localSet: (index: number): number[] => [0x21, ...unsignedLeb128(index)],
  localTee: (index: number): number[] => [0x22, ...unsignedLeb128(index)],
  i32Const: (value: number): number[] => [0x41, ...signedLeb128(value)],
  i32LessThanUnsigned: [0x49],
  i32Add: [0x6a],
  f64PromoteF32: [0xbb],
  /** Aligned to 16 bytes (log2 4), the address plus `offset`. */
  v128Load: (offset: number): number[] => simd(0x00, ...memoryArgument(4, offset)),
  v128Store: (offset: number): number[] => simd(0x0b, ...memoryArgument(4, offset)),
  /** Byte lanes 0–15 pick from the first operand, 16–31 from the second. */
  i8x16Shuffle: (lanes: readonly number[]): number[] => {
    if (lanes.length !== 16 || lanes.some((lane) => !Number.isInteger(lane) || lane < 0 || lane > 31)) {
      throw new RangeError(`i8x16.shuffle takes 16 lane indices in [0, 31], got [${lanes.join(', ')}]`);
    }
    return simd(0x0d, ...lanes);
  },
  f32x4Splat: simd(0x13),
  f64x2Splat: simd(0x14),
  f32x4DemoteF64x2Zero: simd(0x5e),
  f64x2PromoteLowF32x4: simd(0x5f),
  f32x4Sqrt: simd(0xe3),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  f64x2Add: simd(0xf0),
  f64x2Mul: simd(0xf2),
} as const;

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb128(bytes.length), ...bytes];
}

/** Runs of equal types, as the code section declares locals. */
function localDeclarations(locals: readonly ValueType[]): number[][] {
  const runs: number[][] = [];
  let start = 0;
  while (start < locals.length) {
    let end = start + 1;
    while (end < locals.length && locals[end] === locals[start]) end++;
    runs.push([...unsignedLeb128(end - start), locals[start]!]);
    start = end;
  }
  return runs;
}

/**
 * A module with one memory of exactly `memoryPages` 64 KiB pages (its maximum equals its minimum, so
 * views on its buffer stay valid), exported as "memory", and `functions`, each with its own type.
 */
export function encodeModule(functions: readonly ExportedFunction[], memoryPages: number): Uint8Array<ArrayBuffer> {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types = functions.map((fn) => [0x60, ...vector(fn.parameters.map((type) => [type])), ...vector([])]);
  const functionTypeIndices = functions.map((_fn, index) => unsignedLeb128(index));
  const memory = [0x01, ...unsignedLeb128(memoryPages), ...unsignedLeb128(memoryPages)];
  const exports = [
    [...name('memory'), 0x02, 0x00],
    ...functions.map((fn, index) => [...name(fn.name), 0x00, ...unsignedLeb128(index)]),
  ];
  const bodies = functions.map((fn) => {
    const code = [...vector(localDeclarations(fn.locals)), ...fn.body, ...instruction.end];
    return [...unsignedLeb128(code.length), ...code];
  });
  return new Uint8Array([
    ...header,
    ...section(1, vector(types)),
    ...section(3, vector(functionTypeIndices)),
    ...section(5, vector([memory])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
