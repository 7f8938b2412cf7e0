/**
 * Gradients of normalizations: BatchNormalization in inference form (mean and variance are
 * constants) and LayerNormalization (statistics of X itself, recomputed in X's type).
 */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getFloat, getInt } from '../../onnx/builder.ts';
import { unbroadcast } from './broadcast.ts';

/** LayerNormalization's statistics over the axes from `axis` on, recomputed in X's float type. */
function layerStatistics(c: GradientContext, axes: number[]): { mean: (t: string) => string; inverseStd: string; normalized: string } {
  const x = c.input(0);
  // ReduceMean takes its axes as an input from opset 18; keepdims (default 1) keeps them broadcastable.
  const mean = (t: string): string => (c.opset >= 18 ? c.op('ReduceMean', [t, c.ints(axes)]) : c.op('ReduceMean', [t], { axes: attr.ints(axes) }));
  const centred = c.op('Sub', [x, mean(x)]);
  const variance = mean(c.op('Mul', [centred, centred]));
  const inverseStd = c.op('Reciprocal', [c.op('Sqrt', [c.op('Add', [variance, c.scalar(getFloat(c.node, 'epsilon', 1e-5), x)])])]);
  return { mean, inverseStd, normalized: c.op('Mul', [centred, inverseStd]) };
}

/** 1/n for the n elements each statistic covers: a constant, or |μ| / |X| when dims are symbolic. */
function inverseCount(c: GradientContext, axes: number[], statistic: string): string {
  const x = c.input(0);
  const dims = axes.map((a) => c.shapeOf(x)![a]);
  if (dims.every((d): d is number => typeof d === 'number')) return c.scalar(1 / dims.reduce((a, b) => a * b, 1), x);
  const size = (name: string): string => c.op('Cast', [c.op('Size', [name])], { to: attr.int(c.dataTypeOf(x)) });
  return c.op('Div', [size(statistic), size(x)]);
}

/** The gradient of a Mean or InvStdDev output (stash_type's type) in X's type. */
function inTypeOfX(c: GradientContext, outputIndex: number, gradient: string): string {
  const type = c.dataTypeOf(c.input(0));
  return c.dataTypeOf(c.output(outputIndex)) === type ? gradient : c.op('Cast', [gradient], { to: attr.int(type) });
}

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
  // x̂ = (X − μ)·r with r = 1/√(σ² + ε) over the axes from `axis` on (n elements each), Y = γ·x̂ + β.
  // dX = r·(g − mean(g) − x̂·mean(g·x̂)) with g = dY·γ; dγ = Σ dY·x̂, dβ = Σ dY over the leading axes.
  // The optional outputs add dX += dMean/n (∂μ/∂X = 1/n) and dX += dInvStdDev·(−r²·x̂/n) (∂r/∂X = −r³(X − μ)/n).
  LayerNormalization: (c) => {
    const x = c.input(0);
    const rank = c.shapeOf(x)?.length ?? c.fail('the rank of X must be known');
    const rawAxis = getInt(c.node, 'axis', -1);
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    if (axis < 0 || axis >= rank) c.fail(`axis ${rawAxis} is out of range for rank ${rank}`);
    const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
    const { mean, inverseStd, normalized } = layerStatistics(c, axes);
    const dY = c.gradOfOutput(0);
    if (c.needsGradOfInput(0)) {
      const terms: string[] = [];
      if (dY) {
        const g = c.op('Mul', [dY, c.input(1)]);
        const centredG = c.op('Sub', [g, mean(g)]);
        const projected = c.op('Mul', [normalized, mean(c.op('Mul', [g, normalized]))]);
        terms.push(c.op('Mul', [inverseStd, c.op('Sub', [centredG, projected])]));
      }
      const dMean = c.gradOfOutput(1);
      const dInverseStd = c.gradOfOutput(2);
      if (dMean || dInverseStd) {
        const perElement = inverseCount(c, axes, c.output(dMean ? 1 : 2));
        if (dMean) terms.push(c.op('Mul', [inTypeOfX(c, 1, dMean), perElement]));
        if (dInverseStd) {
          const slope = c.op('Neg', [c.op('Mul', [c.op('Mul', [inverseStd, inverseStd]), c.op('Mul', [normalized, perElement])])]);
          terms.push(c.op('Mul', [inTypeOfX(c, 2, dInverseStd), slope]));
        }
      }
      if (terms.length > 0) c.setGradOfInput(0, terms.length === 1 ? terms[0]! : c.op('Sum', terms));
    }
    if (!dY) return;
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, unbroadcast(c, c.op('Mul', [dY, normalized]), 1));
    if (c.hasInput(2) && c.needsGradOfInput(2)) c.setGradOfInput(2, unbroadcast(c, dY, 2));
  },
};
