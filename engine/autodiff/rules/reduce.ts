/**
 * Gradients of reductions: the output gradient is spread back over the reduced axes.
 * Axes are an attribute before their op's `axesAsInputFromOpset` and a constant input after.
 */
import { attr, getInt, getInts } from '../../onnx/builder.ts';
import { constantInts } from '../../onnx/shapes/shapeFunction.ts';
import { NO_GRADIENT, type GradientContext, type GradientRule } from '../gradientRule.ts';

/** Reduced axes of the node (normalised, sorted); [] when it is a no-op. */
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

/** A tensor of the output's shape given back its reduced axes (as size 1), ready to broadcast. */
function withReducedAxes(c: GradientContext, name: string, axes: number[]): string {
  return getInt(c.node, 'keepdims', 1) === 1 ? name : c.op('Unsqueeze', [name, c.ints(axes)]);
}

/** Broadcasts a reduced-shape tensor back to the input's shape. */
function spreadBack(c: GradientContext, reduced: string, axes: number[]): string {
  return c.op('Expand', [withReducedAxes(c, reduced, axes), c.op('Shape', [c.input(0)])]);
}

/** How many elements each output element summed: a constant, or |X| / |Y| when dims are symbolic. */
function reducedCount(c: GradientContext, axes: number[]): string {
  const shape = c.shapeOf(c.input(0))!;
  const dims = axes.map((a) => shape[a]);
  if (dims.every((d): d is number => typeof d === 'number')) {
    return c.scalar(dims.reduce((a, b) => a * b, 1), c.input(0));
  }
  const size = (name: string): string => c.op('Cast', [c.op('Size', [name])], { to: attr.int(c.dataTypeOf(c.input(0))) });
  return c.op('Div', [size(c.input(0)), size(c.output(0))]);
}

/**
 * A rule for a reduction; `axes` is [] when the node is a no-op (then dX = dY). ONNX Runtime
 * 1.23 returns X unchanged for every no-op reduction, ReduceSumSquare and ReduceL2 included
 * (newer ONNX specs square or take |X| there; microsoft/onnxruntime#26288), and dX = dY matches it.
 */
function reductionRule(axesAsInputFromOpset: number, gradient: (c: GradientContext, dY: string, axes: number[]) => string): GradientRule {
  return (c) => {
    if (!c.needsGradOfInput(0)) return;
    const dY = c.gradOfOutput(0)!;
    const axes = reducedAxes(c, axesAsInputFromOpset);
    c.setGradOfInput(0, axes.length === 0 ? dY : gradient(c, dY, axes));
  };
}

export const reduceGradients: Record<string, GradientRule> = {
  // dX = expand(dY)
  ReduceSum: reductionRule(13, (c, dY, axes) => spreadBack(c, dY, axes)),
  // dX = expand(dY / n); dividing before expanding touches n times fewer elements
  ReduceMean: reductionRule(18, (c, dY, axes) => spreadBack(c, c.op('Div', [dY, reducedCount(c, axes)]), axes)),
  // dX = 2X · dY (dY broadcast over the reduced axes)
  ReduceSumSquare: reductionRule(18, (c, dY, axes) => {
    const x = c.input(0);
    return c.op('Mul', [c.op('Add', [x, x]), withReducedAxes(c, dY, axes)]);
  }),
  // dX = X · dY / Y (Y = 0 gives NaN, as the derivative of the norm does not exist there)
  ReduceL2: reductionRule(18, (c, dY, axes) => c.op('Mul', [c.input(0), withReducedAxes(c, c.op('Div', [dY, c.output(0)]), axes)])),
  // Used for observer statistics (ranges), which training does not differentiate.
  ReduceMax: NO_GRADIENT,
  ReduceMin: NO_GRADIENT,
};
