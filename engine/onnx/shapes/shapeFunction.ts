/** The contract of a shape-inference function: one per op type, grouped by family. */
import type { DataType } from '../dataType.ts';
import type { Dim, Node, Tensor, ValueInfo } from '../ir.ts';

export interface ShapeContext {
  readonly node: Node;
  readonly opset: number;
  /** Type and shape of input i; undefined for an absent optional input. */
  input(index: number): ValueInfo | undefined;
  /** The value of input i when it is a constant (initializer or folded). */
  constant(index: number): Tensor | undefined;
  /** Throws an error that names the node. */
  fail(message: string): never;
}

export interface InferredOutput {
  dataType: DataType;
  shape?: Dim[];
}

export type ShapeFunction = (context: ShapeContext) => InferredOutput[];

/** Two dims are equal when both are the same number or the same symbol. */
export function sameDim(a: Dim, b: Dim): boolean {
  return a === b;
}

/** Numpy-style broadcasting of shapes; undefined when a rank is unknown. */
export function broadcastShapes(context: ShapeContext, shapes: (Dim[] | undefined)[]): Dim[] | undefined {
  if (shapes.some((s) => s === undefined)) return undefined;
  const known = shapes as Dim[][];
  const rank = Math.max(...known.map((s) => s.length));
  const result: Dim[] = [];
  for (let axis = 0; axis < rank; axis++) {
    let dim: Dim = 1;
    for (const shape of known) {
      const d = shape[axis - (rank - shape.length)];
      if (d === undefined || d === 1) continue;
      if (dim === 1) dim = d;
      else if (typeof dim === 'number' && typeof d === 'number' && dim !== d) {
        context.fail(`cannot broadcast shapes ${known.map((s) => `[${s.join(', ')}]`).join(' and ')}`);
      } else if (typeof dim === 'string' && typeof d === 'number') dim = d;
    }
    result.push(dim);
  }
  return result;
}

/** Normalises a possibly negative axis against a rank. */
export function normalizeAxis(context: ShapeContext, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) context.fail(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/** Reads an int64/int32 constant input as numbers. */
export function constantInts(tensor: Tensor): number[] {
  return Array.from(tensor.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export function sameAsInput(index = 0): ShapeFunction {
  return (context) => {
    const info = context.input(index);
    if (!info) return context.fail(`input ${index} is missing`);
    return [info.shape ? { dataType: info.dataType, shape: info.shape } : { dataType: info.dataType }];
  };
}

/** Input i, or an error naming the node when it is absent. */
export function requiredInput(context: ShapeContext, index: number): { dataType: import('../dataType.ts').DataType; shape?: Dim[] } {
  const info = context.input(index);
  if (!info) return context.fail(`input ${index} is missing`);
  return info;
}
