/** Arithmetic on dims that may be symbolic (`'N'`) or unknown (`'?'`). */
import type { Dim } from '../ir.ts';

/** The dim of a size nothing can be said about; never equal to a named symbol. */
export const UNKNOWN_DIM = '?';

export function isStatic(shape: readonly Dim[]): shape is number[] {
  return shape.every((d) => typeof d === 'number');
}

/** Product of dims: a number when all are known, the one symbol when the rest multiply to 1, else unknown. */
export function productOfDims(dims: readonly Dim[]): Dim {
  const symbols = dims.filter((d) => typeof d === 'string');
  const known = (dims.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
  if (symbols.length === 0) return known;
  if (symbols.length === 1 && known === 1) return symbols[0]!;
  return known === 0 ? 0 : UNKNOWN_DIM;
}

/** Sum of dims along a concatenation axis. */
export function sumOfDims(dims: readonly Dim[]): Dim {
  if (dims.length === 1) return dims[0]!;
  const nonZero = dims.filter((d) => d !== 0);
  if (nonZero.length === 1) return nonZero[0]!;
  return isStatic(dims) ? dims.reduce((a, b) => a + b, 0) : UNKNOWN_DIM;
}

/** Unknown dims, `rank` of them. */
export function unknownDims(rank: number): Dim[] {
  return Array.from({ length: rank }, () => UNKNOWN_DIM);
}

/** Unidirectional (Expand-style) broadcast of one dim pair; undefined when they conflict. */
export function broadcastDim(a: Dim, b: Dim): Dim | undefined {
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? a : undefined;
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return a === UNKNOWN_DIM ? b : a;
}
