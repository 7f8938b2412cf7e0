/** Shared pieces of rules for ops that broadcast their inputs. */
import type { GradientContext } from '../gradientRule.ts';

/**
 * Sums a gradient shaped like the node's output back to the shape of input
 * `index` (undoing numpy broadcasting): dA = ReduceSum over broadcast axes.
 */
export function unbroadcast(context: GradientContext, gradient: string, index: number): string {
  const inputName = context.input(index);
  const inputShape = context.shapeOf(inputName);
  const outputShape = context.shapeOf(context.output(0));
  if (!inputShape || !outputShape) context.fail(`the shapes of '${inputName}' and the output must be known to differentiate through broadcasting`);
  const rankDifference = outputShape.length - inputShape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < outputShape.length; axis++) {
    const inputDim = axis < rankDifference ? undefined : inputShape[axis - rankDifference];
    if (inputDim === undefined) axes.push(axis);
    else if (inputDim === 1 && outputShape[axis] !== 1) axes.push(axis);
  }
  if (axes.length === 0) return gradient;
  const summed = context.op('ReduceSum', [gradient, context.ints(axes)], { keepdims: { kind: 'int', value: 1 } });
  if (rankDifference === 0) return summed;
  return context.op('Reshape', [summed, context.op('Shape', [inputName])]);
}
