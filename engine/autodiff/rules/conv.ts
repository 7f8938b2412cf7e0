/** Gradients of Conv: dX by a Conv with flipped weights (stride 1) or ConvTranspose, dW by im2col and MatMul (or per kernel position), dB by a sum. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getInt } from '../../onnx/builder.ts';
import { effectiveKernel, isIdentityMatrix, kernelOffsets, patchMatrix, transposedEndPadding, windowGeometry, type WindowGeometry } from '../../onnx/shapes/windowGeometry.ts';
import { floatConstant } from './shapeHelpers.ts';

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
 * `t` [N, C, O…] with s − 1 zeros after each value along each spatial axis: [N, C, O·s…]. In 2-D the
 * zeros after each value in a row come from a product with [1, 0, …] ([N·C·H·W, 1] · [1, s]) and the
 * zero rows from a Pad of a 3-D view; one Pad of the interleaved [N, C, H, 1, W, 1] view, the general
 * form, copies one float at a time (mobilenet_v2's 96 channels at 16×16, batch 32: 35 against 21 ms
 * at 1 thread, 35 against 14 at 2). The product is exact (x·1 and x·0), up to the sign of zeros.
 */
function spreadWithZeros(c: GradientContext, t: string, channels: number, spatial: readonly number[], strides: readonly number[]): string {
  const rank = spatial.length;
  const spread = spatial.map((o, i) => o * strides[i]!);
  if (rank !== 2) {
    const interleaved = c.op('Reshape', [t, c.ints([-1, channels, ...spatial.flatMap((o) => [o, 1])])]);
    const zeros = c.op('Pad', [interleaved, c.ints([...Array<number>(2 + 2 * rank).fill(0), 0, 0, ...strides.flatMap((s) => [0, s - 1])])]);
    return c.op('Reshape', [zeros, c.ints([-1, channels, ...spread])]);
  }
  const [height, width] = spatial as [number, number];
  const [rowStride, columnStride] = strides as [number, number];
  let rows = c.op('Reshape', [t, c.ints([-1, 1])]);
  if (columnStride > 1) {
    const first = Array.from({ length: columnStride }, (_, i) => (i === 0 ? 1 : 0));
    rows = c.op('MatMul', [rows, floatConstant(c, first, [1, columnStride], c.input(0))]);
  }
  let view = c.op('Reshape', [rows, c.ints([-1, 1, width * columnStride])]);
  if (rowStride > 1) view = c.op('Pad', [view, c.ints([0, 0, 0, 0, rowStride - 1, 0])]);
  return c.op('Reshape', [view, c.ints([-1, channels, height * rowStride, width * columnStride])]);
}

/**
 * W with every spatial axis reversed, as [M·C, K]: reversing all axes of a row-major kernel reverses
 * its flat order, a product with the K × K anti-identity (exact for finite weights: x · 1 plus zeros).
 * ONNX Runtime's Slice with negative steps copies a float at a time: a 256×256×3×3 filter 3.1 against
 * 0.55 ms at 2 threads. A 1×1 filter flips onto itself (mobilenet_v2's pointwise layers spent 14 ms a
 * step on such Slices).
 */
function flippedFilter(c: GradientContext, kernel: readonly number[]): string {
  const windowSize = kernel.reduce((a, b) => a * b, 1);
  const rows = c.op('Reshape', [c.input(1), c.ints([-1, windowSize])]);
  if (windowSize === 1) return rows;
  const antiIdentity = Array.from({ length: windowSize * windowSize }, (_, i) => (i % windowSize === windowSize - 1 - Math.floor(i / windowSize) ? 1 : 0));
  return c.op('MatMul', [rows, floatConstant(c, antiIdentity, [windowSize, windowSize], c.input(1))]);
}

/**
 * Stride 1: dX = Conv(dY, W flipped in space with in/out channels swapped per group), padded by
 * (effective kernel − 1 − forward pad). ONNX Runtime's Conv uses two threads better than its ConvTranspose
 * (batch 128, 64→32 channels, 3×3, 14×14: 4.2 against 6.4 ms at 2 threads, equal at 1; docs/benchmark.md).
 * Depthwise layers with a stride s do the same over dY with s − 1 zeros after each value along each
 * axis: s² times the products, but on the blocked depthwise kernel, where ONNX Runtime's grouped
 * ConvTranspose runs one tiny product per image and channel. With the dW below, mobilenet_v2's
 * stride-2 depthwise layer of 576 channels from 4×4 (forward, dX and dW, batch 32, 1 thread):
 * 18.3–18.8 → 4.8–5.3 ms; of 96 channels from 32×32, 50–51 → 46–49 ms.
 * Undefined when a forward pad exceeds the effective kernel − 1 (the Conv would need negative pads),
 * and for strided layers that are not depthwise.
 */
function flippedConvInputGradient(c: GradientContext, dY: string, conv: StaticConv): string | undefined {
  const { kernel, strides, dilations, padsBegin } = conv.geometry;
  const wShape = c.shapeOf(c.input(1))!;
  const filters = wShape[0];
  if (typeof filters !== 'number') return undefined;
  const depthwise = conv.group === conv.channels && filters === conv.channels;
  const strided = strides.some((s) => s !== 1);
  if (strided && !depthwise) return undefined;
  const reach = kernel.map((k, i) => effectiveKernel(k, dilations[i]!) - 1);
  // dY with s − 1 zeros after each value: [N, M, o·s, …]; the pads make the output X's size.
  const spread = conv.outputSpatial.map((o, i) => o * strides[i]!);
  const begin = padsBegin.map((p, i) => reach[i]! - p);
  const end = conv.spatial.map((size, i) => size + padsBegin[i]! - spread[i]!);
  if (begin.some((p) => p < 0) || (!strided && end.some((e) => e < 0))) return undefined;
  let input = dY;
  if (strided) {
    input = spreadWithZeros(c, dY, filters, conv.outputSpatial, strides);
    // Trailing zeros past X's last row are cut rather than met with a negative pad.
    if (end.some((e) => e < 0)) {
      input = c.op('Slice', [input, c.ints(end.map(() => 0)), c.ints(spread.map((length, i) => length + Math.min(0, end[i]!))), c.ints(spread.map((_, i) => i + 2))]);
    }
  }
  const g = conv.group;
  const perGroup = [g, filters / g, conv.channels / g, ...kernel];
  const spatialAxes = kernel.map((_, i) => i + 3);
  const flipped = c.op('Reshape', [flippedFilter(c, kernel), c.ints(perGroup)]);
  const swapped = c.op('Transpose', [flipped], { perm: attr.ints([0, 2, 1, ...spatialAxes]) });
  const weights = c.op('Reshape', [swapped, c.ints([conv.channels, filters / g, ...kernel])]);
  return c.op('Conv', [input, weights], {
    dilations: attr.ints(dilations),
    group: attr.int(g),
    kernel_shape: attr.ints(kernel),
    pads: attr.ints([...begin, ...end.map((e) => Math.max(0, e))]),
  });
}

/**
 * Output positions per image up to which a dense 2-D Conv's dX is one product over the batch: the
 * patch gradients dY · W ([N·P, M] · [M, C·K]), added back onto X's positions (col2im, below). The
 * product runs as one tall GEMM where ONNX Runtime would run N products four
 * columns wide, and W needs neither the flip nor the channel swap. The forward Conv of such layers
 * is lowered the same way (engine/runtime/gemmConvolutions.ts). Forward, dX and dW together
 * (`bench/convLayerStep.ts`, batch 32, 1 thread): resnet18's 3×3 512-channel layers at 2×2,
 * 153–159 → 90–92 ms; its stride-2 256→512 layer from 4×4, 84–85 → 65–67 ms.
 */
const PRODUCT_INPUT_GRADIENT_POSITIONS = 4;

/** Largest scatter matrix (output positions · kernel positions × input positions) that col2im below builds. */
const MAX_SCATTER_ENTRIES = 1 << 20;

/**
 * dX for a dense 2-D Conv with few output positions (above); undefined for other layers.
 * dPatches[n·P + l, c·K + k] = Σₘ dY[n, m, l] · W[m, c, k]; then each patch gradient is added onto the
 * X position that output position l meets with kernel position k (none where that is padding): col2im
 * as one product of [N·C, P·K] with a constant 0/1 matrix [P·K, H·W]. One Pad per kernel position and a
 * Sum over the padded planes took 10–11 ms a layer for resnet18's 512 channels at 2×2 (batch 32, 2
 * threads), writing four times X's size per kernel position; the product reads the patch gradients once.
 */
function productInputGradient(c: GradientContext, dY: string, conv: StaticConv): string | undefined {
  const { kernel } = conv.geometry;
  const positions = conv.outputSpatial.reduce((a, b) => a * b, 1);
  const filters = c.shapeOf(c.input(1))?.[0];
  if (conv.group !== 1 || kernel.length !== 2 || positions > PRODUCT_INPUT_GRADIENT_POSITIONS || typeof filters !== 'number') return undefined;
  const windowSize = kernel[0]! * kernel[1]!;
  const inputPositions = conv.spatial.reduce((a, b) => a * b, 1);
  if (positions * windowSize * inputPositions > MAX_SCATTER_ENTRIES) return undefined;
  const rows = c.op('Reshape', [c.op('Transpose', [c.op('Reshape', [dY, c.ints([0, filters, positions])])], { perm: attr.ints([0, 2, 1]) }), c.ints([-1, filters])]);
  const patchGradients = c.op('MatMul', [rows, c.op('Reshape', [c.input(1), c.ints([filters, conv.channels * windowSize])])]);
  // [N·P, C·K] → [N, C, P, K] → [N·C, P·K]
  const perChannel = c.op('Transpose', [c.op('Reshape', [patchGradients, c.ints([-1, positions, conv.channels, windowSize])])], { perm: attr.ints([0, 2, 1, 3]) });
  const { strides, dilations, padsBegin } = conv.geometry;
  const pair = (values: readonly number[]): [number, number] => [values[0]!, values[1]!];
  const matrix = patchMatrix({ input: pair(conv.spatial), output: pair(conv.outputSpatial), kernel: pair(kernel), strides: pair(strides), dilations: pair(dilations), padsBegin: pair(padsBegin) });
  // A 1×1 kernel of stride 1 without pads meets each X position once, in order: the transpose is dX.
  if (isIdentityMatrix(matrix, inputPositions)) return c.op('Reshape', [perChannel, c.ints([-1, conv.channels, ...conv.spatial])]);
  const flat = c.op('Reshape', [perChannel, c.ints([-1, positions * windowSize])]);
  const scatter = floatConstant(c, matrix, [positions * windowSize, inputPositions], c.input(0));
  return c.op('Reshape', [c.op('MatMul', [flat, scatter]), c.ints([-1, conv.channels, ...conv.spatial])]);
}

/** dX = ConvTranspose(dY, W) with the forward strides, dilations, groups, cropped or extended to X's size. */
function inputGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  const product = productInputGradient(c, dY, conv);
  if (product) return product;
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

/** [N, C, S…] → [N, S…, C] for `rank` spatial axes. */
function channelsLastPermutation(rank: number): number[] {
  return [0, ...Array.from({ length: rank }, (_, i) => i + 2), 1];
}

/**
 * X zero-padded as the forward pads it, then one strided Slice per kernel position (row-major),
 * each [N, C, O…]: the X values that meet kernel position k at every output position.
 */
function windowSlices(c: GradientContext, conv: StaticConv, channelsLast = false): string[] {
  const { kernel, strides, dilations, padsBegin, padsEnd } = conv.geometry;
  const x = channelsLast ? c.op('Transpose', [c.input(0)], { perm: attr.ints(channelsLastPermutation(kernel.length)) }) : c.input(0);
  const pads = channelsLast ? [0, ...padsBegin, 0, 0, ...padsEnd, 0] : [0, 0, ...padsBegin, 0, 0, ...padsEnd];
  const padded = [...padsBegin, ...padsEnd].some((p) => p > 0) ? c.op('Pad', [x, c.ints(pads)]) : x;
  const spatialAxes = kernel.map((_, i) => i + (channelsLast ? 1 : 2));
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
 * one tiny product per sample and channel. In channels-first layout each window Slice copied runs of
 * two or four floats; channels last, it copies runs of C (forward, dX and dW, batch 32, 1 thread:
 * 960 channels at 2×2 12.2–12.5 → 3.2–3.3 ms, 576 at 4×4 19.5–19.7 → 8.0–8.7 ms).
 */
function depthwiseWeightGradient(c: GradientContext, dY: string, conv: StaticConv): string {
  // Channels last, so each window Slice copies runs of C values instead of runs of a few positions,
  // and the sums run over the leading axes.
  const spatialAxes = conv.spatial.map((_, i) => i + 1);
  const dYLast = c.op('Transpose', [dY], { perm: attr.ints(channelsLastPermutation(conv.spatial.length)) });
  const perPosition = windowSlices(c, conv, true).map((window) => c.op('ReduceSum', [c.op('Mul', [window, dYLast]), c.ints([0, ...spatialAxes])], { keepdims: attr.int(1) }));
  // [1, 1…, C] each → [K, 1…, C] → [C, K]
  const stacked = perPosition.length === 1 ? perPosition[0]! : c.op('Concat', perPosition, { axis: attr.int(0) });
  const byChannel = c.op('Transpose', [c.op('Reshape', [stacked, c.ints([-1, conv.channels])])], { perm: attr.ints([1, 0]) });
  return c.op('Reshape', [byChannel, c.ints([conv.channels, 1, ...conv.geometry.kernel])]);
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
  const oneHotKernel = floatConstant(c, oneHot, [conv.channels * windowSize, 1, ...kernel], c.input(0));
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
