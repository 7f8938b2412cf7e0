/** Shapes of pools (MaxPool with its optional Indices, AveragePool, global pools) and of MaxUnpool, which MaxPool's gradient uses. */
import { DataType } from '../dataType.ts';
import { getInts } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { UNKNOWN_DIM } from './dims.ts';
import { constantInts, requiredInput, type ShapeContext, type InferredOutput, type ShapeFunction } from './shapeFunction.ts';
import { effectiveKernel, windowGeometry } from './windowGeometry.ts';

function pooledShape(c: ShapeContext): InferredOutput {
  const x = requiredInput(c, 0);
  const kernel = getInts(c.node, 'kernel_shape');
  if (!kernel) return c.fail('kernel_shape is required');
  if (!x.shape) return { dataType: x.dataType };
  const { outputDims } = windowGeometry(c.node, x.shape.slice(2), kernel, c.fail);
  return { dataType: x.dataType, shape: [x.shape[0]!, x.shape[1]!, ...outputDims] };
}

const globalPool: ShapeFunction = (c) => {
  const x = requiredInput(c, 0);
  return [x.shape ? { dataType: x.dataType, shape: x.shape.map((d, i) => (i < 2 ? d : 1)) } : { dataType: x.dataType }];
};

export const poolShapes: Record<string, ShapeFunction> = {
  MaxPool: (c) => {
    const y = pooledShape(c);
    const indices: InferredOutput = y.shape ? { dataType: DataType.INT64, shape: y.shape } : { dataType: DataType.INT64 };
    return [y, indices];
  },
  AveragePool: (c) => [pooledShape(c)],
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  MaxUnpool: (c) => {
    const x = requiredInput(c, 0);
    if (!x.shape) return [{ dataType: x.dataType }];
    if (c.node.inputs[2]) {
      const requested = c.constant(2);
      return [{ dataType: x.dataType, shape: requested ? constantInts(requested) : x.shape.map(() => UNKNOWN_DIM) }];
    }
    const kernel = getInts(c.node, 'kernel_shape');
    if (!kernel) return c.fail('kernel_shape is required');
    const rank = kernel.length;
    const strides = getInts(c.node, 'strides') ?? kernel.map(() => 1);
    const pads = getInts(c.node, 'pads') ?? kernel.flatMap(() => [0, 0]);
    const spatial = x.shape.slice(2).map((size, i): Dim => (typeof size === 'number' ? (size - 1) * strides[i]! + effectiveKernel(kernel[i]!, 1) - pads[i]! - pads[i + rank]! : UNKNOWN_DIM));
    return [{ dataType: x.dataType, shape: [x.shape[0]!, x.shape[1]!, ...spatial] }];
  },
};
