/** Gradients of normalizations: BatchNormalization in inference form (mean and variance are constants). */
import type { GradientRule } from '../gradientRule.ts';
import { attr, getFloat, getInt } from '../../onnx/builder.ts';

export const normalizationGradients: Record<string, GradientRule> = {
  // Y = γ·(X − μ)/√(σ² + ε) + β: dX = dY·γ/√(σ² + ε), dγ = Σ dY·(X − μ) / √(σ² + ε), dβ = Σ dY
  BatchNormalization: (c) => {
    if (getInt(c.node, 'training_mode', 0) !== 0) c.fail('only the inference form (training_mode = 0) is differentiable');
    const dY = c.gradOfOutput(0)!;
    const x = c.input(0);
    const rank = c.shapeOf(x)?.length;
    if (rank === undefined || rank < 2) return c.fail('the rank of X (2 or more) must be known');
    const spatialAxes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
    const reducedAxes = c.ints([0, ...spatialAxes]);
    // Per-channel [C] vectors become [C, 1, …] to broadcast along axis 1.
    const perChannel = (name: string): string => (spatialAxes.length === 0 ? name : c.op('Unsqueeze', [name, c.ints(spatialAxes.map((a) => a - 1))]));
    const epsilon = getFloat(c.node, 'epsilon', 1e-5);
    const inverseStd = c.op('Reciprocal', [c.op('Sqrt', [c.op('Add', [c.input(4), c.scalar(epsilon, x)])])]);
    const keep = { keepdims: attr.int(0) };
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('Mul', [dY, perChannel(c.op('Mul', [c.input(1), inverseStd]))]));
    if (c.needsGradOfInput(1)) {
      const centred = c.op('Sub', [x, perChannel(c.input(3))]);
      c.setGradOfInput(1, c.op('Mul', [c.op('ReduceSum', [c.op('Mul', [dY, centred]), reducedAxes], keep), inverseStd]));
    }
    if (c.needsGradOfInput(2)) c.setGradOfInput(2, c.op('ReduceSum', [dY, reducedAxes], keep));
  },
};
