/** Gradients of Conv: dX by a Conv with flipped weights (stride 1) or ConvTranspose, dW by im2col and MatMul (or per kernel position), dB by a sum. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getInt } from '../../onnx/builder.ts';
import { effectiveKernel, kernelOffsets, transposedEndPadding, windowGeometry, type WindowGeometry } from '../../onnx/shapes/windowGeometry.ts';

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

/**
 * Stride 1: dX = Conv(dY, W flipped in space with in/out channels swapped per group), padded by
 * (effective kernel − 1 − forward pad). ONNX Runtime's Conv uses two threads better than its ConvTranspose
 * (batch 128, 64→32 channels, 3×3, 14×14: 4.2 against 6.4 ms at 2 threads, equal at 1; docs/benchmark.md).
 * Undefined when a forward pad exceeds the effective kernel − 1 (the Conv would need negative pads).
 */
function flippedConvInputGradient(c: GradientContext, dY: string, conv: StaticConv): string | undefined {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  if (strides.some((s) => s !== 1)) return undefined;
  const reach = kernel.map((k, i) => effectiveKernel(k, dilations[i]!) - 1);
  const pads = [...padsBegin.map((p, i) => reach[i]! - p), ...padsEnd.map((p, i) => reach[i]! - p)];
  if (pads.some((p) => p < 0)) return undefined;
  const wShape = c.shapeOf(c.input(1))!;
  const filters = wShape[0];
  if (typeof filters !== 'number') return undefined;
  const g = conv.group;
  const perGroup = [g, filters / g, conv.channels / g, ...kernel];
  const spatialAxes = kernel.map((_, i) => i + 3);
  const flipped = c.op('Slice', [c.op('Reshape', [c.input(1), c.ints(perGroup)]), c.ints(kernel.map(() => -1)), c.ints(kernel.map((k) => -k - 1)), c.ints(spatialAxes), c.ints(kernel.map(() => -1))]);
  const swapped = c.op('Transpose', [flipped], { perm: attr.ints([0, 2, 1, ...spatialAxes]) });
  const weights = c.op('Reshape', [swapped, c.ints([conv.channels, filters / g, ...kernel])]);
  return c.op('Conv', [dY, weights], {
    dilations: attr.ints(dilations),
    group: attr.int(g),
    kernel_shape: attr.ints(kernel),
    pads: attr.ints(pads),
  });
}

/** dX = ConvTranspose(dY, W) with the forward strides, dilations, groups, cropped or extended to X's size. */
function inputGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const flipped = flippedConvInputGradient(c, dY, conv);
  if (flipped) return flipped;
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
 * X zero-padded as the forward pads it, then one strided Slice per kernel position (row-major),
 * each [N, C, O…]: the X values that meet kernel position k at every output position.
 */
function windowSlices(c: GradientContext, conv: StaticConv): string[] {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  const x = c.input(0);
  const padded = [...padsBegin, ...padsEnd].some((p) => p > 0) ? c.op('Pad', [x, c.ints([0, 0, ...padsBegin, 0, 0, ...padsEnd])]) : x;
  const spatialAxes = kernel.map((_, i) => i + 2);
  return kernelOffsets(kernel).map((offset) => {
    const starts = offset.map((j, i) => j * dilations[i]!);
    const ends = starts.map((start, i) => start + (conv.outputSpatial[i]! - 1) * strides[i]! + 1);
    const whole = starts.every((start) => start === 0) && strides.every((s) => s === 1) && ends.every((end, i) => end === conv.spatial[i]! + padsBegin[i]! + padsEnd[i]!);
    return whole ? padded : c.op('Slice', [padded, c.ints(starts), c.ints(ends), c.ints(spatialAxes), c.ints(strides)]);
  });
}

/**
 * Output positions up to which a depthwise dW is summed per kernel position (below) rather than by
 * im2col: on mobilenet_v2's layers at batch 32 (Conv and dW together, 1 thread, loaded machine), 960
 * channels at 2×2 took 66 against 107 ms, 384 at 4×4 about the same, 144 at 16×16 110 against 88 ms.
 */
const SMALL_DEPTHWISE_POSITIONS = 16;

/**
 * Depthwise (one input and one output channel per group): dW[c, k] = Σₙ Σₗ dY[n, c, l] · X̃[n, c, l·s + k·d],
 * a product and sum per kernel position. With few positions, im2col's grouped Conv and MatMul run
 * one tiny product per sample and channel.
 */
function depthwiseWeightGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const spatialAxes = conv.spatial.map((_, i) => i + 2);
  // [1, C, 1, …]: kept dims, so the positions concatenate on axis 2 into [1, C, K, 1, …] without an Unsqueeze.
  const perPosition = windowSlices(c, conv).map((window) => c.op('ReduceSum', [c.op('Mul', [window, dY]), c.ints([0, ...spatialAxes])], { keepdims: attr.int(1) }));
  const stacked = perPosition.length === 1 ? perPosition[0]! : c.op('Concat', perPosition, { axis: attr.int(2) });
  return c.op('Reshape', [stacked, c.ints([conv.channels, 1, ...conv.geometry.kernel])]);
}

/**
 * im2col as [N, C·K, P], channel-major: X itself (strided) for a 1×1 kernel, else a depthwise Conv
 * with one-hot kernels and the forward strides, pads and dilations. Stacking the window slices
 * instead was no faster on resnet18's layers (batch 32, 1 thread; docs/benchmark.md).
 */
function patches(c: GradientContext, conv: StaticConv, windowSize: number): string {
  if (windowSize === 1) return windowSlices(c, conv)[0]!;
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  const oneHot = Array.from({ length: conv.channels * windowSize * windowSize }, (_, i) => (Math.floor(i / windowSize) % windowSize === i % windowSize ? 1 : 0));
  const oneHotKernel = c.op('Cast', [c.op('Reshape', [c.ints(oneHot), c.ints([conv.channels * windowSize, 1, ...kernel])])], { to: attr.int(c.dataTypeOf(c.input(0))) });
  return c.op('Conv', [c.input(0), oneHotKernel], {
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    pads: attr.ints([...padsBegin, ...padsEnd]),
    group: attr.int(conv.channels),
  });
}

/**
 * dW[m, c, k] = Σₙ Σₗ dY[n, m, l] · patch[n, c·K + k, l]: im2col patches (`patches`), then one batched MatMul per group, summed over the batch (or one product over batch
 * and positions when there are fewer positions than filters). Measured faster than a Conv over
 * batch-transposed tensors (batch 128: 32→64 channels, 3×3, 14×14: 10.9 vs 15.2 ms).
 */
function weightGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const { kernel } = conv.geometry;
  const windowSize = kernel.reduce((a, b) => a * b, 1);
  const positions = conv.outputSpatial.reduce((a, b) => a * b, 1);
  const filters = c.shapeOf(c.input(1))?.[0];
  const depthwise = conv.group === conv.channels && filters === conv.channels;
  if (depthwise && positions <= SMALL_DEPTHWISE_POSITIONS) return depthwiseWeightGradient(c, dY, conv);
  const g = conv.group;
  if (typeof filters !== 'number') return c.fail('the number of filters must be static');
  const groupedPatches = c.op('Reshape', [patches(c, conv, windowSize), c.ints([0, g, (conv.channels / g) * windowSize, positions])]);
  const groupedDY = c.op('Reshape', [dY, c.ints([0, g, filters / g, positions])]);
  const summed = positions < filters / g ? batchContractedProduct(c, groupedDY, groupedPatches, g) : perSampleProductSum(c, groupedDY, groupedPatches);
  return c.op('Reshape', [summed, c.ints([filters, conv.channels / g, ...kernel])]);
}

/** Σₙ dY[n] · patches[n]ᵀ per group as N batched products and a sum over the batch: wins when each product has many positions to contract. */
function perSampleProductSum(c: GradientContext, groupedDY: string, groupedPatches: string): string {
  const perSample = c.op('MatMul', [groupedDY, c.op('Transpose', [groupedPatches], { perm: attr.ints([0, 1, 3, 2]) })]);
  return c.op('ReduceSum', [perSample, c.ints([0])], { keepdims: attr.int(0) });
}

/**
 * The same sum as one product per group contracting batch and positions together ([g, M, N·P] · [g, N·P, C·K]):
 * with fewer positions than filters, the per-sample products are tiny and their N outputs outweigh
 * transposing the patches (resnet18's last stage at 2×2: 300 MB of per-sample dW a layer).
 */
function batchContractedProduct(c: GradientContext, groupedDY: string, groupedPatches: string, g: number): string {
  const batchLast = (t: string) => c.op('Reshape', [c.op('Transpose', [t], { perm: attr.ints([1, 2, 0, 3]) }), c.ints([g, 0, -1])]);
  return c.op('MatMul', [batchLast(groupedDY), c.op('Transpose', [batchLast(groupedPatches)], { perm: attr.ints([0, 2, 1]) })]);
}

export const convGradients: Record<string, GradientRule> = {
  // dX = ConvTranspose(dY, W) (for stride 1: Conv(dY, flip(Wᵀ))), dW = Σₙ dY ⋆ X, dB = Σ_{n,spatial} dY
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
