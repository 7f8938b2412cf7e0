/** Gradients of DistQ's fake quantization: straight-through for x, LSQ for the scale. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { DataType } from '../../onnx/dataType.ts';
import { getFloat, getInt } from '../../onnx/builder.ts';
import { LSQ_GRAD_SCALE_ATTRIBUTE } from '../../quantization/lsqGradientScale.ts';
import { unbroadcast } from './broadcast.ts';

export const quantGradients: Record<string, GradientRule> = {
  // y = (clip(round(x/s) + z, qmin, qmax) − z) · s. Zero point: no gradient (an integer).
  FakeQuantize: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, straightThrough(c, dY));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, learnedStepSize(c, dY), 1));
  },
};

// dX = dY · 1[qmin ≤ round(x/s)+z ≤ qmax]: the rounding passes gradients straight
// through, the clipping does not. The mask is the forward node's second output.
function straightThrough(c: GradientContext, dY: string): string {
  // No mask output: the range covers every input (weights with a max|W| scale), dX = dY.
  if (!c.node.outputs[1]) return dY;
  const mask = c.op('Cast', [c.output(1)], { to: { kind: 'int', value: c.dataTypeOf(c.input(0)) === DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT } });
  return c.op('Mul', [dY, mask]);
}

// LSQ, v = x/s, q = round(v) + z: dS = dY · g · (round(v) − v) where qmin ≤ q ≤ qmax,
// dY · g · (clip(q) − z) outside (qmin − z below, qmax − z above); g = lsqGradScale (default 1).
// Recomputes q exactly as the lowered forward does (Div, Round, Add), so both agree on the range.
function learnedStepSize(c: GradientContext, dY: string): string {
  const x = c.input(0);
  const scale = c.input(1);
  const zeroPoint = c.input(2);
  const qmin = c.scalar(getInt(c.node, 'qmin', -128), x);
  const qmax = c.scalar(getInt(c.node, 'qmax', 127), x);
  const v = c.op('Div', [x, scale]);
  const rounded = c.op('Round', [v]);
  const q = c.op('Add', [rounded, zeroPoint]);
  const inside = c.node.outputs[1] ? c.output(1) : c.op('And', [c.op('GreaterOrEqual', [q, qmin]), c.op('LessOrEqual', [q, qmax])]);
  const clipped = c.op('Sub', [c.op('Clip', [q, qmin, qmax]), zeroPoint]);
  const slope = c.op('Where', [inside, c.op('Sub', [rounded, v]), clipped]);
  const gradScale = getFloat(c.node, LSQ_GRAD_SCALE_ATTRIBUTE, 1);
  const weighted = c.op('Mul', [dY, slope]);
  return gradScale === 1 ? weighted : c.op('Mul', [weighted, c.scalar(gradScale, x)]);
}
