/** Shapes of reductions (axes as attribute before opset 18 for most, as input after; ReduceSum from 13). */
import { DataType } from '../dataType.ts';
import { getInt, getInts } from '../builder.ts';
import { constantInts, normalizeAxis, requiredInput, type ShapeContext, type ShapeFunction } from './shapeFunction.ts';

/** The reduction axes of a Reduce* node, normalised; undefined means all axes. */
export function reductionAxes(c: ShapeContext, rank: number, axesAsInputFromOpset: number): number[] | undefined {
  let axes: number[] | undefined;
  if (c.opset >= axesAsInputFromOpset) {
    if (c.node.inputs[1]) {
      const constant = c.constant(1);
      if (!constant) return c.fail('reduction axes must be a constant');
      axes = constantInts(constant);
    }
  } else {
    axes = getInts(c.node, 'axes');
  }
  if (!axes || axes.length === 0) {
    return getInt(c.node, 'noop_with_empty_axes', 0) === 1 ? [] : undefined;
  }
  return axes.map((a) => normalizeAxis(c, a, rank)).sort((a, b) => a - b);
}

function reduction(axesAsInputFromOpset: number, outputType?: DataType): ShapeFunction {
  return (c) => {
    const input = requiredInput(c, 0);
    const dataType = outputType ?? input.dataType;
    if (!input.shape) return [{ dataType }];
    const rank = input.shape.length;
    const axes = reductionAxes(c, rank, axesAsInputFromOpset) ?? Array.from({ length: rank }, (_, i) => i);
    const keep = getInt(c.node, 'keepdims', 1) === 1;
    const shape = keep ? input.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : input.shape.filter((_, i) => !axes.includes(i));
    return [{ dataType, shape }];
  };
}

export const reduceShapes: Record<string, ShapeFunction> = {
  ReduceSum: reduction(13),
  ReduceMean: reduction(18),
  ReduceMax: reduction(18),
  ReduceMin: reduction(18),
  ReduceSumSquare: reduction(18),
  ReduceL2: reduction(18),
};
