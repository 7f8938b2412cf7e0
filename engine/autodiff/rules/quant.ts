/** Gradients of DistQ's fake quantization (straight-through estimator). */
import type { GradientRule } from '../gradientRule.ts';
import { DataType } from '../../onnx/dataType.ts';

export const quantGradients: Record<string, GradientRule> = {
  // dX = dY · 1[qmin ≤ round(x/s)+z ≤ qmax]: the rounding passes gradients straight
  // through, the clipping does not. The mask is the forward node's second output.
  // Scale and zero point get none here (ranges come from observers).
  FakeQuantize: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    const mask = c.op('Cast', [c.output(1)], { to: { kind: 'int', value: c.dataTypeOf(c.input(0)) === DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT } });
    c.setGradOfInput(0, c.op('Mul', [dY, mask]));
  },
};
