/** Gradients of reductions: the output gradient is spread back over the reduced axes. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { getInt, getInts } from '../../onnx/builder.ts';
import { constantInts } from '../../onnx/shapes/shapeFunction.ts';

/** Reduced axes of the node (normalised), or all axes. */
function reducedAxes(c: GradientContext, axesAsInputFromOpset: number): number[] {
  const shape = c.shapeOf(c.input(0));
  if (!shape) c.fail('the input rank must be known');
  const rank = shape.length;
  let axes: number[] | undefined;
  if (c.opset >= axesAsInputFromOpset) {
  if (c.hasInput(1)) {
    const constant = c.constantOf(c.input(1));
    if (!constant) c.fail('reduction axes must be a constant');
    axes = constantInts(constant);
  }
  } else {
  axes = getInts(c.node, 'axes');
  }
  if (!axes || axes.length === 0) {
  if (getInt(c.node, 'noop_with_empty_axes', 0) === 1) return [];
  return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
}

/** dY reshaped to keep the reduced axes (size 1), then expanded to X's shape. */
function spreadBack(c: GradientContext, dY: string, axes: number[]): string {
  const kept = getInt(c.node, 'keepdims', 1) === 1 || axes.length === 0 ? dY : c.op('Unsqueeze', [dY, c.ints(axes)]);
  return c.op('Expand', [kept, c.op('Shape', [c.input(0)])]);
}

function reducedCount(c: GradientContext, axes: number[]): string {
  const shape = c.shapeOf(c.input(0))!;
  const dims = axes.map((a) => shape[a]);
  if (dims.every((d): d is number => typeof d === 'number')) {
  return c.scalar(dims.reduce((a, b) => a * b, 1), c.input(0));
  }
  // Symbolic sizes (the batch): |X| / |Y| at run time.
  const like = c.dataTypeOf(c.input(0));
  const size = (name: string): string => c.op('Cast', [c.op('Size', [name])], { to: { kind: 'int', value: like } });
  return c.op('Div', [size(c.input(0)), size(c.output(0))]);
}

export const reduceGradients: Record<string, GradientRule> = {
  // dX = expand(dY)
  ReduceSum: (c) => {
    if (!c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, spreadBack(c, c.gradOfOutput(0)!, reducedAxes(c, 13)));
  },
  // dX = expand(dY) / n
  ReduceMean: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const axes = reducedAxes(c, 18);
    c.setGradOfInput(0, c.op('Div', [spreadBack(c, c.gradOfOutput(0)!, axes), reducedCount(c, axes)]));
  },
};
