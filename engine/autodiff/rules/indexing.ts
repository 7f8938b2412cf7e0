/** Gradients of ops that pick or pad elements: the gradient goes back to where each element came from. */
import { attr, getInt, getString, makeTensor } from '../../onnx/builder.ts';
import { DataType } from '../../onnx/dataType.ts';
import { constantInts } from '../../onnx/shapes/shapeFunction.ts';
import { clampSlice, padAmounts, sliceAxes } from '../../onnx/shapes/indexing.ts';
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { int64Scalar, inversePermutation, shapeTensorOf, zerosOfShape } from './shapeHelpers.ts';

/** Slices end at or past this index for "to the end" (INT64_MAX is what exporters write). */
const TO_THE_END = 2 ** 62;

function constantIntsOf(c: GradientContext, index: number): number[] | undefined | null {
  if (!c.hasInput(index)) return undefined;
  const t = c.constantOf(c.input(index));
  return t ? constantInts(t) : null;
}

/** Step-1 slices of static dims: dX = Pad(dY) with the cut-off parts as zeros. */
function sliceByPadding(c: GradientContext, dY: string): string | undefined {
  const x = c.input(0);
  const shape = c.shapeOf(x);
  if (!shape) return undefined;
  const axes = sliceAxes((i) => constantIntsOf(c, i), shape.length, c.fail);
  if (!axes || axes.some((a) => a.step !== 1 || typeof shape[a.axis] !== 'number')) return undefined;
  const begin = new Array<number>(shape.length).fill(0);
  const end = new Array<number>(shape.length).fill(0);
  for (const a of axes) {
    const dim = shape[a.axis] as number;
    const { first, count } = clampSlice(dim, a.start, a.end, a.step);
    begin[a.axis] = count === 0 ? dim : first;
    end[a.axis] = dim - begin[a.axis]! - count;
  }
  return c.op('Pad', [dY, c.ints([...begin, ...end])]);
}

/**
 * Any slice: the same Slice applied to the positions 0…|X|−1 (shaped like X) tells
 * where each element of Y came from; dY is scattered there into zeros.
 */
function sliceByScatter(c: GradientContext, dY: string): string {
  const x = c.input(0);
  const xShape = shapeTensorOf(c, x);
  const size = c.op('Size', [x]);
  const positions = c.op('Reshape', [c.op('Range', [int64Scalar(c, 0), size, int64Scalar(c, 1)]), xShape]);
  const sliceInputs = c.node.inputs.map((name, i) => (i === 0 ? positions : name));
  const taken = c.op('Reshape', [c.op('Slice', sliceInputs), c.ints([-1])]);
  const zeros = zerosOfShape(c, c.op('Unsqueeze', [size, c.ints([0])]), c.dataTypeOf(x));
  const scattered = c.op('ScatterElements', [zeros, taken, c.op('Reshape', [dY, c.ints([-1])])], { axis: attr.int(0) });
  return c.op('Reshape', [scattered, xShape]);
}

function int64Indices(c: GradientContext): string {
  const indices = c.input(1);
  return c.dataTypeOf(indices) === DataType.INT64 ? indices : c.op('Cast', [indices], { to: attr.int(DataType.INT64) });
}

/** Gather's indices as int64 with a trailing axis of 1, as ScatterND reads them. */
function scatterIndices(c: GradientContext): string {
  return c.op('Unsqueeze', [int64Indices(c), c.ints([-1])]);
}

/** Where Gather's axes go when the gathered axis is moved to the front of the data and the index axes to the front of the output. */
interface GatherLayout {
  /** Data axes in the order [axis, the others]. */
  dataPerm: number[];
  /** Output axes in the order [index axes, data axes before `axis`, data axes after it]. */
  gradPerm: number[];
}

function gatherLayout(rank: number, axis: number, indicesRank: number): GatherLayout {
  const outputRank = rank - 1 + indicesRank;
  return {
    dataPerm: [axis, ...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== axis)],
    gradPerm: [
      ...Array.from({ length: indicesRank }, (_, i) => axis + i),
      ...Array.from({ length: axis }, (_, i) => i),
      ...Array.from({ length: outputRank - axis - indicesRank }, (_, i) => axis + indicesRank + i),
    ],
  };
}

const isIdentity = (perm: readonly number[]): boolean => perm.every((p, i) => p === i);

/** Transpose, or the tensor itself when the permutation keeps every axis in place (no identity Transpose nodes). */
function transposed(c: GradientContext, name: string, perm: readonly number[]): string {
  return isIdentity(perm) ? name : c.op('Transpose', [name], { perm: attr.ints([...perm]) });
}

/** The data's shape with the gathered axis first, as an int64 vector. */
function permutedDataShape(c: GradientContext, perm: readonly number[]): string {
  const shape = shapeTensorOf(c, c.input(0));
  return isIdentity(perm) ? shape : c.op('Gather', [shape, c.ints([...perm])], { axis: attr.int(0) });
}

/**
 * Gather's gradient without ScatterND's reduction (opsets 13–15): with the gathered axis moved
 * to the front, dData = OneHot(indices, rows, axis 0) · Flatten(dY), a [rows, n] × [n, rest]
 * product that sums the slices of repeated indices. The one-hot matrix costs rows × n elements.
 */
function gatherGradientByOneHot(c: GradientContext, dY: string, rows: number | string, axis: number, layout: GatherLayout, indicesRank: number): string {
  const data = c.input(0);
  const depth = typeof rows === 'number' ? c.ints([rows]) : c.op('Slice', [c.op('Shape', [data]), c.ints([axis]), c.ints([axis + 1])]);
  const flatIndices = c.op('Reshape', [int64Indices(c), c.ints([-1])]);
  // ONNX Runtime's CPU OneHot has no double output: build it in float and cast (0 and 1 are exact).
  const offOn = c.op('Constant', [], { value: attr.tensor(makeTensor('', DataType.FLOAT, [2], [0, 1])) });
  const floatOneHot = c.op('OneHot', [flatIndices, depth, offOn], { axis: attr.int(0) });
  const dataType = c.dataTypeOf(data);
  const oneHot = dataType === DataType.FLOAT ? floatOneHot : c.op('Cast', [floatOneHot], { to: attr.int(dataType) });
  const rowsFirst = c.op('Flatten', [transposed(c, dY, layout.gradPerm)], { axis: attr.int(indicesRank) });
  const product = c.op('MatMul', [oneHot, rowsFirst]);
  if (c.shapeOf(data)!.length === 2 && axis === 0) return product;
  const unflattened = c.op('Reshape', [product, permutedDataShape(c, layout.dataPerm)]);
  return transposed(c, unflattened, inversePermutation(layout.dataPerm));
}

export const indexingGradients: Record<string, GradientRule> = {
  // dX = zeros(X) with dY placed where the slice read from
  Slice: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    c.setGradOfInput(0, sliceByPadding(c, dY) ?? sliceByScatter(c, dY));
  },
  // dData = scatter-add of dY at the gathered indices (along the axis); indices get none
  Gather: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const data = c.input(0);
    const dataShape = c.shapeOf(data);
    const indicesShape = c.shapeOf(c.input(1));
    if (!dataShape || !indicesShape) return c.fail('the ranks of the data and indices must be known');
    const rank = dataShape.length;
    const q = indicesShape.length;
    const raw = getInt(c.node, 'axis', 0);
    const axis = raw < 0 ? raw + rank : raw;
    const layout = gatherLayout(rank, axis, q);
    if (c.opset < 16) return c.setGradOfInput(0, gatherGradientByOneHot(c, dY, dataShape[axis]!, axis, layout, q));
    // Move the gathered axis to the front, scatter along it, move it back.
    const zeros = zerosOfShape(c, permutedDataShape(c, layout.dataPerm), c.dataTypeOf(data));
    const updates = transposed(c, dY, layout.gradPerm);
    const scattered = c.op('ScatterND', [zeros, scatterIndices(c), updates], { reduction: attr.string('add') });
    c.setGradOfInput(0, transposed(c, scattered, inversePermutation(layout.dataPerm)));
  },
  // dX = Slice(dY) without the padding, then zeros where the pad cropped X; dValue = Σ dY over the padding
  Pad: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    const mode = getString(c.node, 'mode', 'constant');
    if (mode !== 'constant') c.fail(`the Pad gradient supports mode 'constant', not '${mode}'`);
    const pads = constantIntsOf(c, 1);
    const axes = constantIntsOf(c, 3);
    if (!pads || axes === null) return c.fail('Pad needs constant pads and axes to be differentiated');
    const x = c.input(0);
    const rank = c.shapeOf(x)?.length ?? c.fail('the rank of the padded input must be known');
    const { begin, end } = padAmounts(pads, rank, axes, c.fail);
    const padded = begin.map((_, i) => i).filter((i) => begin[i] !== 0 || end[i] !== 0);
    const inner = padded.length === 0 ? dY : c.op('Slice', [
      dY,
      c.ints(padded.map((i) => Math.max(begin[i]!, 0))),
      c.ints(padded.map((i) => (end[i]! > 0 ? -end[i]! : TO_THE_END))),
      c.ints(padded),
    ]);
    if (c.needsGradOfInput(0)) {
      const cropped = padded.some((i) => begin[i]! < 0 || end[i]! < 0);
      const restore = [...begin.map((b) => Math.max(-b, 0)), ...end.map((e) => Math.max(-e, 0))];
      c.setGradOfInput(0, cropped ? c.op('Pad', [inner, c.ints(restore)]) : inner);
    }
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const total = (t: string): string => c.op('ReduceSum', [t], { keepdims: attr.int(0) });
      const dValue = c.op('Sub', [total(dY), total(inner)]);
      const valueShape = c.shapeOf(c.input(2));
      c.setGradOfInput(2, valueShape && valueShape.length === 0 ? dValue : c.op('Reshape', [dValue, shapeTensorOf(c, c.input(2))]));
    }
  },
};
