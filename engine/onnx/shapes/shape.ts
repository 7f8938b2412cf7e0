/** Shapes of ops that move data around without arithmetic. */
import { DataType } from '../dataType.ts';
import { getInt } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { constantInts, requiredInput, sameAsInput, type ShapeFunction } from './shapeFunction.ts';

export const shapeShapes: Record<string, ShapeFunction> = {
  Identity: sameAsInput(0),
  Shape: (c) => {
    const input = requiredInput(c, 0);
    return [input.shape ? { dataType: DataType.INT64, shape: [input.shape.length] } : { dataType: DataType.INT64 }];
  },
  Size: () => [{ dataType: DataType.INT64, shape: [] }],
  Cast: (c) => {
    const input = requiredInput(c, 0);
    const dataType = getInt(c.node, 'to', 0) as DataType;
    return [input.shape ? { dataType, shape: input.shape } : { dataType }];
  },
  Unsqueeze: (c) => {
    const input = requiredInput(c, 0);
    const axesTensor = c.constant(1);
    if (!input.shape || !axesTensor) return [{ dataType: input.dataType }];
    const rank = input.shape.length + axesTensor.data.length;
    const axes = constantInts(axesTensor).map((a) => (a < 0 ? a + rank : a));
    const shape: Dim[] = [];
    let k = 0;
    for (let i = 0; i < rank; i++) shape.push(axes.includes(i) ? 1 : input.shape[k++]!);
    return [{ dataType: input.dataType, shape }];
  },
  Expand: (c) => {
    const input = requiredInput(c, 0);
    const target = c.constant(1);
    if (!input.shape || !target) return [{ dataType: input.dataType }];
    const dims: Dim[] = constantInts(target);
    const rank = Math.max(dims.length, input.shape.length);
    const shape: Dim[] = [];
    for (let i = 0; i < rank; i++) {
      const a = input.shape[i - (rank - input.shape.length)] ?? 1;
      const b = dims[i - (rank - dims.length)] ?? 1;
      shape.push(a === 1 ? b : a);
    }
    return [{ dataType: input.dataType, shape }];
  },
  Reshape: (c) => {
    const input = requiredInput(c, 0);
    const target = c.constant(1);
    if (!target) return [{ dataType: input.dataType }];
    const requested = constantInts(target);
    const allowZero = getInt(c.node, 'allowzero', 0) === 1;
    const shape: Dim[] = requested.map((d, i) => (d === 0 && !allowZero ? (input.shape?.[i] ?? '?') : d));
    const inferred = shape.indexOf(-1);
    if (inferred >= 0) {
      const known = input.shape?.every((d) => typeof d === 'number') ? (input.shape as number[]).reduce((a, b) => a * b, 1) : undefined;
      const rest = shape.filter((_, i) => i !== inferred);
      if (known !== undefined && rest.every((d) => typeof d === 'number')) {
        shape[inferred] = known / (rest as number[]).reduce((a, b) => a * b, 1);
      } else {
        shape[inferred] = inferSymbolicDim(input.shape, rest);
      }
    }
    return [{ dataType: input.dataType, shape }];
  },
};

/** For [N, ...static] reshaped to [-1, ...static'] with equal static volume, the -1 is N. */
function inferSymbolicDim(input: Dim[] | undefined, rest: Dim[]): Dim {
  if (!input) return '?';
  const symbols = input.filter((d) => typeof d === 'string');
  if (symbols.length !== 1 || rest.some((d) => typeof d === 'string')) return '?';
  const inputStatic = (input.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
  const restStatic = (rest as number[]).reduce((a, b) => a * b, 1);
  return inputStatic === restStatic ? symbols[0]! : '?';
}
