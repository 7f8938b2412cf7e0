/** Shapes of matrix products: MatMul (numpy semantics, 1-D operands promoted) and Gemm. */
import { getInt } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { broadcastShapes, requiredInput, type ShapeFunction } from './shapeFunction.ts';

export const matmulShapes: Record<string, ShapeFunction> = {
  MatMul: (c) => {
    const a = requiredInput(c, 0);
    const b = requiredInput(c, 1);
    if (!a.shape || !b.shape) return [{ dataType: a.dataType }];
    if (a.shape.length === 0 || b.shape.length === 0) return c.fail('MatMul operands must have rank 1 or more');
    const left = a.shape.length === 1 ? [1, a.shape[0]!] : a.shape;
    const right = b.shape.length === 1 ? [b.shape[0]!, 1] : b.shape;
    const batch = broadcastShapes(c, [left.slice(0, -2), right.slice(0, -2)])!;
    const shape: Dim[] = [...batch];
    if (a.shape.length > 1) shape.push(left[left.length - 2]!);
    if (b.shape.length > 1) shape.push(right[right.length - 1]!);
    return [{ dataType: a.dataType, shape }];
  },
  Gemm: (c) => {
    const a = requiredInput(c, 0);
    const b = requiredInput(c, 1);
    if (!a.shape || !b.shape) return [{ dataType: a.dataType }];
    if (a.shape.length !== 2 || b.shape.length !== 2) return c.fail('Gemm operands must be 2-D');
    const rows = getInt(c.node, 'transA', 0) === 1 ? a.shape[1]! : a.shape[0]!;
    const columns = getInt(c.node, 'transB', 0) === 1 ? b.shape[0]! : b.shape[1]!;
    return [{ dataType: a.dataType, shape: [rows, columns] }];
  },
};
