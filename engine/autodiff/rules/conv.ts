/** Gradients of Conv: dX by ConvTranspose, dW by a Conv over batch-transposed tensors, dB by a sum. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getInt } from '../../onnx/builder.ts';
import { effectiveKernel, transposedEndPadding, windowGeometry, type WindowGeometry } from '../../onnx/shapes/windowGeometry.ts';

interface StaticConv {
  /** X's shape [N, C, ...spatial]; N may be symbolic. */
  channels: number;
  spatial: number[];
  outputSpatial: number[];
  geometry: WindowGeometry & { padsBegin: number[]; padsEnd: number[] };
  group: number;
}

/** The Conv's geometry; the gradients need X's channels and spatial sizes to be static. */
function staticConv(c: GradientContext): StaticConv {
  const xShape = c.shapeOf(c.input(0));
  const wShape = c.shapeOf(c.input(1));
  if (!xShape || !wShape) return c.fail('the shapes of X and W must be known');
  const spatial = xShape.slice(2);
  const kernel = wShape.slice(2);
  const channels = xShape[1];
  if (typeof channels !== 'number' || !spatial.every((d): d is number => typeof d === 'number') || !kernel.every((d): d is number => typeof d === 'number')) {
    return c.fail(`differentiating Conv needs static channel and spatial sizes, got X [${xShape.join(', ')}], W [${wShape.join(', ')}]`);
  }
  const geometry = windowGeometry(c.node, spatial, kernel, c.fail);
  const { padsBegin, padsEnd } = geometry;
  if (!padsBegin || !padsEnd) return c.fail('pads could not be resolved');
  return { channels, spatial, outputSpatial: geometry.outputDims as number[], geometry: { ...geometry, padsBegin, padsEnd }, group: getInt(c.node, 'group', 1) };
}

/** dX = ConvTranspose(dY, W) with the forward strides, dilations, groups, cropped or extended to X's size. */
function inputGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const { kernel, strides, dilations, padsBegin } = conv.geometry;
  const ends = conv.spatial.map((size, i) => transposedEndPadding(size, conv.outputSpatial[i]!, kernel[i]!, strides[i]!, dilations[i]!, padsBegin[i]!));
  return c.op('ConvTranspose', [dY, c.input(1)], {
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    group: attr.int(conv.group),
    kernel_shape: attr.ints(kernel),
    pads: attr.ints([...padsBegin, ...ends.map((e) => e.padEnd)]),
    output_padding: attr.ints(ends.map((e) => e.outputPadding)),
  });
}

/**
 * dW[m, c] = Σₙ dY[n, m] ⋆ X[n, c]: a Conv whose batch is X's channels (per group)
 * and whose "channels" are the samples, with the forward strides and dilations swapped.
 */
function weightGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  const rank = conv.spatial.length;
  const spatialAxes = Array.from({ length: rank }, (_, i) => i + 2);
  const x = c.input(0);
  const perGroup = conv.channels / conv.group;
  let samplesAsChannels: string;
  if (conv.group === 1) {
    samplesAsChannels = c.op('Transpose', [x], { perm: attr.ints([1, 0, ...spatialAxes]) });
  } else {
    // [N, C] → [N, g, C/g] → [C/g, g, N] → [C/g, g·N]: channel block j of the Conv's input is group j's samples.
    const split = c.op('Reshape', [x, c.ints([0, conv.group, perGroup, ...conv.spatial])]);
    const moved = c.op('Transpose', [split], { perm: attr.ints([2, 1, 0, ...spatialAxes.map((a) => a + 1)]) });
    samplesAsChannels = c.op('Reshape', [moved, c.ints([perGroup, -1, ...conv.spatial])]);
  }
  const dYAsWeight = c.op('Transpose', [dY], { perm: attr.ints([1, 0, ...spatialAxes]) });
  // Trim the end pad so that exactly `kernel` positions come out (the forward never read past them).
  const excess = conv.spatial.map((size, i) => size + padsBegin[i]! + padsEnd[i]! - (strides[i]! * (conv.outputSpatial[i]! - 1) + 1) - (effectiveKernel(kernel[i]!, dilations[i]!) - 1));
  const trimmedEnds = padsEnd.map((p, i) => Math.max(0, p - excess[i]!));
  const produced = conv.spatial.map((size, i) => Math.floor((size + padsBegin[i]! + trimmedEnds[i]! - (strides[i]! * (conv.outputSpatial[i]! - 1) + 1)) / dilations[i]!) + 1);
  let gradient = c.op('Conv', [samplesAsChannels, dYAsWeight], {
    strides: attr.ints(dilations),
    dilations: attr.ints(strides),
    pads: attr.ints([...padsBegin, ...trimmedEnds]),
    group: attr.int(conv.group),
  });
  if (produced.some((p, i) => p !== kernel[i])) {
    gradient = c.op('Slice', [gradient, c.ints(spatialAxes.map(() => 0)), c.ints(kernel), c.ints(spatialAxes)]);
  }
  return c.op('Transpose', [gradient], { perm: attr.ints([1, 0, ...spatialAxes]) });
}

export const convGradients: Record<string, GradientRule> = {
  // dX = ConvTranspose(dY, W), dW = Σₙ dY ⋆ X, dB = Σ_{n,spatial} dY
  Conv: (c) => {
    const dY = c.gradOfOutput(0)!;
    const conv = staticConv(c);
    if (c.needsGradOfInput(0)) c.setGradOfInput(0, inputGradient(c, dY, conv));
    if (c.needsGradOfInput(1)) c.setGradOfInput(1, weightGradient(c, dY, conv));
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const axes = [0, ...conv.spatial.map((_, i) => i + 2)];
      c.setGradOfInput(2, c.op('ReduceSum', [dY, c.ints(axes)], { keepdims: attr.int(0) }));
    }
  },
};
