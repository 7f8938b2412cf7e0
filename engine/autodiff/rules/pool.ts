/**
 * Gradients of pools. MaxPool routes dY to the first maximum of each window (row-major),
 * as ONNX Runtime's Indices and PyTorch do; ties are common after fake quantization.
 * The formulation is chosen per node from its attributes (measured, see maxPoolGradient).
 */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getInt, getInts, type Attributes } from '../../onnx/builder.ts';
import { DataType } from '../../onnx/dataType.ts';
import { effectiveKernel, kernelOffsets, transposedEndPadding, windowGeometry, type WindowGeometry } from '../../onnx/shapes/windowGeometry.ts';
import { floatConstant, reshapeLike } from './shapeHelpers.ts';

interface StaticPool {
  channels: number;
  spatial: number[];
  outputSpatial: number[];
  geometry: WindowGeometry & { padsBegin: number[]; padsEnd: number[] };
}

function staticPool(c: GradientContext): StaticPool {
  const xShape = c.shapeOf(c.input(0));
  const kernel = getInts(c.node, 'kernel_shape');
  if (!xShape || !kernel) return c.fail('the input shape and kernel_shape must be known');
  const spatial = xShape.slice(2);
  const channels = xShape[1];
  if (typeof channels !== 'number' || !spatial.every((d): d is number => typeof d === 'number')) {
    return c.fail(`differentiating ${c.node.opType} needs static channel and spatial sizes, got [${xShape.join(', ')}]`);
  }
  const geometry = windowGeometry(c.node, spatial, kernel, c.fail);
  const { padsBegin, padsEnd } = geometry;
  if (!padsBegin || !padsEnd) return c.fail('pads could not be resolved');
  return { channels, spatial, outputSpatial: geometry.outputDims as number[], geometry: { ...geometry, padsBegin, padsEnd } };
}

function reduceMax(c: GradientContext, input: string, axes: number[]): string {
  if (c.opset >= 18) return c.op('ReduceMax', [input, c.ints(axes)], { keepdims: attr.int(1) });
  return c.op('ReduceMax', [input], { axes: attr.ints(axes), keepdims: attr.int(1) });
}

/**
 * dX = dY at the first maximum of each window, 0 elsewhere, for windows laid out on
 * `windowAxes` of `x` (Y and dY broadcast along them): each maximum gets the priority
 * (window size − row-major position), and the one with the highest priority wins.
 */
function firstMaximumGradient(c: GradientContext, x: string, y: string, dY: string, windowAxes: number[], priorityShape: number[], windowSize: number): string {
  const priorities = floatConstant(c, Array.from({ length: windowSize }, (_, i) => windowSize - i), priorityShape, c.input(0));
  const zero = c.scalar(0, c.input(0));
  const ranked = c.op('Where', [c.op('Equal', [x, y]), priorities, zero]);
  const first = c.op('Equal', [ranked, reduceMax(c, ranked, windowAxes)]);
  return c.op('Where', [first, dY, zero]);
}

/** kernel = stride, no pads or dilation, sizes divisible: windows tile X exactly. */
function tilesExactly(pool: StaticPool): boolean {
  const { kernel, strides, dilations, padsBegin, padsEnd } = pool.geometry;
  return kernel.every((k, i) => k === strides[i] && dilations[i] === 1 && padsBegin[i] === 0 && padsEnd[i] === 0 && pool.spatial[i]! % k === 0);
}

/** X reshaped to [N, C, o₁, k₁, o₂, k₂, …]: every window on its own axes, without copying. */
function tiledMaxPoolGradient(c: GradientContext, dY: string, pool: StaticPool): string {
  const { kernel } = pool.geometry;
  const windows = [0, 0, ...pool.outputSpatial.flatMap((o, i) => [o, kernel[i]!])];
  const windowPositions = [0, 0, ...pool.outputSpatial.flatMap((o) => [o, 1])];
  const x = c.op('Reshape', [c.input(0), c.ints(windows)]);
  const y = c.op('Reshape', [c.output(0), c.ints(windowPositions)]);
  const dYw = c.op('Reshape', [dY, c.ints(windowPositions)]);
  const windowAxes = kernel.map((_, i) => 3 + 2 * i);
  const priorityShape = kernel.flatMap((k, i) => (i === 0 ? [k] : [1, k]));
  const size = kernel.reduce((a, b) => a * b, 1);
  const dXw = firstMaximumGradient(c, x, y, dYw, windowAxes, priorityShape, size);
  return c.op('Reshape', [dXw, c.ints([0, 0, ...pool.spatial])]);
}

/** The Indices output of the forward MaxPool, or those of a second MaxPool when it has none. */
function maxPoolIndices(c: GradientContext): string {
  if (getInt(c.node, 'storage_order', 0) !== 0) c.fail('the MaxPool gradient needs storage_order = 0');
  if ((c.node.outputs[1] ?? '') !== '') return c.output(1);
  const attributes: Attributes = Object.fromEntries(c.node.attributes);
  return c.ops('MaxPool', [c.input(0)], 2, attributes)[1]!;
}

/** Windows that do not overlap: each X element is in at most one window, so MaxUnpool places dY (float32 only). */
function unpoolMaxPoolGradient(c: GradientContext, dY: string, pool: StaticPool): string {
  const { kernel, strides, padsBegin } = pool.geometry;
  const xShape = c.shapeOf(c.input(0))!;
  // MaxUnpool refuses an output_shape smaller than the one its pads imply (ceil_mode windows overhang X).
  const padsEnd = pool.spatial.map((size, i) => Math.max(0, (pool.outputSpatial[i]! - 1) * strides[i]! + kernel[i]! - padsBegin[i]! - size));
  // Without output_shape MaxUnpool's output is (pooled − 1) · stride + kernel − pads: X's size where the
  // windows tile X exactly, and then shape inference knows dX's shape with a symbolic batch too.
  const tiled = pool.spatial.every((size, i) => (pool.outputSpatial[i]! - 1) * strides[i]! + kernel[i]! - padsBegin[i]! - padsEnd[i]! === size);
  const outputShape = tiled ? undefined : xShape.every((d) => typeof d === 'number') ? c.ints(xShape as number[]) : c.op('Shape', [c.input(0)]);
  // A window of NaNs has no maximum and ONNX Runtime gives it index -1, which MaxUnpool refuses; clamped, the step ends with a NaN loss the trainer reports.
  const indices = c.op('Max', [maxPoolIndices(c), c.ints([0])]);
  return c.op('MaxUnpool', outputShape === undefined ? [dY, indices] : [dY, indices, outputShape], {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints([...padsBegin, ...padsEnd]),
  });
}

/** Overlapping windows: dX = Σ of dY scattered onto the flat Indices (ScatterElements with reduction 'add', opset ≥ 16). */
function scatterMaxPoolGradient(c: GradientContext, dY: string): string {
  const x = c.input(0);
  const flat = c.ints([-1]);
  const zeros = c.op('Expand', [c.scalar(0, x), c.op('Reshape', [c.op('Size', [x]), c.ints([1])])]);
  const indices = c.op('Reshape', [maxPoolIndices(c), flat]);
  const summed = c.op('ScatterElements', [zeros, indices, c.op('Reshape', [dY, flat])], { axis: attr.int(0), reduction: attr.string('add') });
  return c.op('Reshape', [summed, c.op('Shape', [x])]);
}

/** X's values at the K positions of every window, as [N, C, K, O…]: strided Slices of X padded with −∞. */
function stackedWindows(c: GradientContext, pool: StaticPool, offsets: number[][], windowShape: number[]): string {
  const { kernel, strides, dilations, padsBegin } = pool.geometry;
  const x = c.input(0);
  const spans = pool.outputSpatial.map((o, i) => (o - 1) * strides[i]! + effectiveKernel(kernel[i]!, dilations[i]!));
  const padsEnd = spans.map((span, i) => Math.max(0, span - padsBegin[i]! - pool.spatial[i]!));
  const padded = [...padsBegin, ...padsEnd].some((p) => p > 0)
    ? c.op('Pad', [x, c.ints([0, 0, ...padsBegin, 0, 0, ...padsEnd]), c.scalar(-Infinity, x)])
    : x;
  const spatialAxes = kernel.map((_, i) => 2 + i);
  const positions = offsets.map((offset) => {
    const starts = offset.map((j, i) => j * dilations[i]!);
    const ends = starts.map((start, i) => start + (pool.outputSpatial[i]! - 1) * strides[i]! + 1);
    const slice = c.op('Slice', [padded, c.ints(starts), c.ints(ends), c.ints(spatialAxes), c.ints(strides)]);
    return c.op('Reshape', [slice, c.ints(windowShape)]);
  });
  return positions.length === 1 ? positions[0]! : c.op('Concat', positions, { axis: attr.int(2) });
}

/** dX from per-position gradients [N, C, K, O…]: a ConvTranspose per channel whose K kernels are one-hot. */
function addWindowPositionsBack(c: GradientContext, routed: string, pool: StaticPool, size: number): string {
  const { kernel, strides, dilations, padsBegin } = pool.geometry;
  const stacked = c.op('Reshape', [routed, c.ints([0, pool.channels * size, ...pool.outputSpatial])]);
  const identity = Array.from({ length: size * size }, (_, i) => (i % (size + 1) === 0 ? 1 : 0));
  const oneHot = c.op('Reshape', [
    c.op('Expand', [floatConstant(c, identity, [1, size, 1, ...kernel], c.input(0)), c.ints([pool.channels, size, 1, ...kernel])]),
    c.ints([pool.channels * size, 1, ...kernel]),
  ]);
  const ends = pool.spatial.map((s, i) => transposedEndPadding(s, pool.outputSpatial[i]!, kernel[i]!, strides[i]!, dilations[i]!, padsBegin[i]!));
  return c.op('ConvTranspose', [stacked, oneHot], {
    group: attr.int(pool.channels),
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    pads: attr.ints([...padsBegin, ...ends.map((e) => e.padEnd)]),
    output_padding: attr.ints(ends.map((e) => e.outputPadding)),
  });
}

/**
 * Overlapping windows below opset 16, where ScatterElements cannot add: the K positions of
 * every window stacked as [N, C, K, O…]; dY goes to the first maximum among them (as with
 * Indices), and a grouped ConvTranspose with one-hot kernels adds each share back onto X.
 */
function windowStackMaxPoolGradient(c: GradientContext, dY: string, pool: StaticPool): string {
  if (c.dataTypeOf(c.input(0)) !== DataType.FLOAT) c.fail('the gradient of MaxPool with overlapping windows needs float32 below opset 16 (ConvTranspose)');
  const offsets = kernelOffsets(pool.geometry.kernel);
  const windowShape = [0, pool.channels, 1, ...pool.outputSpatial];
  const windows = stackedWindows(c, pool, offsets, windowShape);
  const y = c.op('Reshape', [c.output(0), c.ints(windowShape)]);
  const dYw = c.op('Reshape', [dY, c.ints(windowShape)]);
  const size = offsets.length;
  const routed = firstMaximumGradient(c, windows, y, dYw, [2], [size, ...pool.outputSpatial.map(() => 1)], size);
  return addWindowPositionsBack(c, routed, pool, size);
}

/**
 * Measured (batch 128, 1 thread, 2-core VM; numbers in docs of the report): MaxPool's
 * Indices output plus MaxUnpool was the fastest correct gradient for disjoint windows
 * (2×2/2 on 32×28×28: 13 ms in all, vs 16–21 ms for ScatterElements, 18–30 ms for
 * SpaceToDepth/Slice masks and 76 ms for a broadcast mask). MaxUnpool is float32-only,
 * so float64 graphs use the tiled mask or ScatterElements; overlapping windows need
 * ScatterElements' 'add', or below opset 16 (where it has no reduction) the window stack.
 */
function maxPoolGradient(c: GradientContext, dY: string, pool: StaticPool): string {
  const { kernel, strides, dilations } = pool.geometry;
  const disjoint = kernel.every((k, i) => effectiveKernel(k, dilations[i]!) <= strides[i]!);
  if (disjoint && c.dataTypeOf(c.input(0)) === DataType.FLOAT) return unpoolMaxPoolGradient(c, dY, pool);
  if (tilesExactly(pool)) return tiledMaxPoolGradient(c, dY, pool);
  return c.opset >= 16 ? scatterMaxPoolGradient(c, dY) : windowStackMaxPoolGradient(c, dY, pool);
}

/** Window sizes that AveragePool divides by along one axis, as ONNX Runtime counts them. */
function divisorsAlongAxis(size: number, outputs: number, kernel: number, stride: number, padBegin: number, padEnd: number, includePad: boolean): number[] {
  return Array.from({ length: outputs }, (_, o) => {
    const start = o * stride - padBegin;
    const end = Math.min(start + kernel, size + padEnd);
    return includePad ? end - start : Math.min(end, size) - Math.max(start, 0);
  });
}

/** dX = ConvTranspose(dY / window size, ones) per channel: every X element receives the share of each window it is in. */
function averagePoolGradient(c: GradientContext, dY: string, pool: StaticPool): string {
  const { kernel, strides, dilations, padsBegin, padsEnd } = pool.geometry;
  if (dilations.some((d) => d !== 1)) c.fail('the AveragePool gradient does not support dilations');
  const includePad = getInt(c.node, 'count_include_pad', 0) === 1;
  const perAxis = pool.spatial.map((size, i) => divisorsAlongAxis(size, pool.outputSpatial[i]!, kernel[i]!, strides[i]!, padsBegin[i]!, padsEnd[i]!, includePad));
  const divisors = perAxis.reduce<number[]>((acc, axis) => acc.flatMap((a) => axis.map((b) => a * b)), [1]);
  const x = c.input(0);
  const scaled = divisors.every((d) => d === divisors[0])
    ? c.op('Div', [dY, c.scalar(divisors[0]!, x)])
    : c.op('Div', [dY, floatConstant(c, divisors, pool.outputSpatial, x)]);
  const ones = c.op('Expand', [c.scalar(1, x), c.ints([pool.channels, 1, ...kernel])]);
  const ends = pool.spatial.map((size, i) => transposedEndPadding(size, pool.outputSpatial[i]!, kernel[i]!, strides[i]!, 1, padsBegin[i]!));
  return c.op('ConvTranspose', [scaled, ones], {
    group: attr.int(pool.channels),
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints([...padsBegin, ...ends.map((e) => e.padEnd)]),
    output_padding: attr.ints(ends.map((e) => e.outputPadding)),
  });
}

function spatialSizes(c: GradientContext): number[] {
  const shape = c.shapeOf(c.input(0));
  const spatial = shape?.slice(2);
  if (!spatial || !spatial.every((d): d is number => typeof d === 'number')) return c.fail('differentiating a global pool needs static spatial sizes');
  return spatial;
}

export const poolGradients: Record<string, GradientRule> = {
  // dX[first argmax of each window] += dY
  MaxPool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, maxPoolGradient(c, c.gradOfOutput(0)!, staticPool(c)));
  },
  // dX[i] = Σ_{windows ∋ i} dY / window size
  AveragePool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, averagePoolGradient(c, c.gradOfOutput(0)!, staticPool(c)));
  },
  // dX = expand(dY) / (H·W)
  GlobalAveragePool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const x = c.input(0);
    const count = spatialSizes(c).reduce((a, b) => a * b, 1);
    // dY / count repeated over the positions: [N·C, 1] · ones [1, H·W], exact (one product by 1 each).
    // ONNX Runtime's Expand copies a float at a time: mobilenet_v2's 1280 channels at 2×2, batch 32,
    // 3.2 against 0.44 ms at 2 threads.
    const ones = floatConstant(c, new Array<number>(count).fill(1), [1, count], x);
    const column = c.op('Reshape', [c.op('Div', [c.gradOfOutput(0)!, c.scalar(count, x)]), c.ints([-1, 1])]);
    c.setGradOfInput(0, reshapeLike(c, c.op('MatMul', [column, ones]), x));
  },
  // dX = dY at the first maximum of each channel
  GlobalMaxPool: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const spatial = spatialSizes(c);
    const size = spatial.reduce((a, b) => a * b, 1);
    const axes = spatial.map((_, i) => i + 2);
    c.setGradOfInput(0, firstMaximumGradient(c, c.input(0), c.output(0), c.gradOfOutput(0)!, axes, spatial, size));
  },
};
