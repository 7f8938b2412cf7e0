/** Shapes of ops that move data around without arithmetic. */
import { DataType } from '../dataType.ts';
import { getInt, getInts } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { constantInts, normalizeAxis, requiredInput, sameAsInput, type InferredOutput, type ShapeContext, type ShapeFunction } from './shapeFunction.ts';
import { broadcastDim, productOfDims, sumOfDims, UNKNOWN_DIM, unknownDims } from './dims.ts';
import { indexingShapes } from './indexing.ts';
import { constantShapes } from './constants.ts';

function shaped(dataType: DataType, shape: Dim[] | undefined): InferredOutput {
  return shape ? { dataType, shape } : { dataType };
}

/** Length of a 1-D int input whose value is not known (rank of a Reshape/Expand target). */
function lengthOfVector(c: ShapeContext, index: number): number | undefined {
  const dims = c.input(index)?.shape;
  return dims && dims.length === 1 && typeof dims[0] === 'number' ? dims[0] : undefined;
}

/** Axes from input 1 (opset 13+); undefined when absent, null when not constant. */
function axesInput(c: ShapeContext, index: number): number[] | undefined | null {
  if (!c.node.inputs[index]) return undefined;
  const t = c.constant(index);
  return t ? constantInts(t) : null;
}

const reshape: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  const target = c.constant(1);
  if (!target) {
    const rank = lengthOfVector(c, 1);
    return [shaped(input.dataType, rank === undefined ? undefined : unknownDims(rank))];
  }
  const requested = constantInts(target);
  const allowZero = getInt(c.node, 'allowzero', 0) === 1;
  const shape: Dim[] = requested.map((d, i) => (d === 0 && !allowZero ? (input.shape?.[i] ?? UNKNOWN_DIM) : d));
  const inferred = shape.indexOf(-1);
  if (inferred >= 0) {
    const rest = shape.filter((_, i) => i !== inferred);
    const total = input.shape ? productOfDims(input.shape) : UNKNOWN_DIM;
    const restVolume = productOfDims(rest);
    if (typeof total === 'number' && typeof restVolume === 'number') {
      if (restVolume === 0 || total % restVolume !== 0) c.fail(`cannot reshape ${total} elements to [${requested.join(', ')}]`);
      shape[inferred] = total / restVolume;
    } else {
      shape[inferred] = inferSymbolicDim(input.shape, rest);
    }
  }
  return [{ dataType: input.dataType, shape }];
};

/** The −1 of a Reshape when symbols are involved: the input's symbols and statics not accounted for by the other entries. */
function inferSymbolicDim(input: Dim[] | undefined, rest: Dim[]): Dim {
  if (!input || input.includes(UNKNOWN_DIM) || rest.includes(UNKNOWN_DIM)) return UNKNOWN_DIM;
  const remaining = input.filter((d): d is string => typeof d === 'string');
  for (const d of rest) {
    if (typeof d !== 'string') continue;
    const k = remaining.indexOf(d);
    if (k < 0) return UNKNOWN_DIM;
    remaining.splice(k, 1);
  }
  const inputStatic = (input.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
  const restStatic = (rest.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
  if (remaining.length === 0) return restStatic !== 0 && inputStatic % restStatic === 0 ? inputStatic / restStatic : UNKNOWN_DIM;
  return remaining.length === 1 && inputStatic === restStatic ? remaining[0]! : UNKNOWN_DIM;
}

const unsqueeze: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  const axes = c.opset >= 13 ? axesInput(c, 1) : getInts(c.node, 'axes');
  if (!axes) return c.fail('Unsqueeze needs its axes');
  if (!input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length + axes.length;
  const normalized = axes.map((a) => normalizeAxis(c, a, rank));
  if (new Set(normalized).size !== normalized.length) c.fail(`repeated axes [${axes.join(', ')}]`);
  const shape: Dim[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(normalized.includes(i) ? 1 : input.shape[k++]!);
  return [{ dataType: input.dataType, shape }];
};

const squeeze: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  const axes = c.opset >= 13 ? axesInput(c, 1) : getInts(c.node, 'axes');
  if (axes === null || !input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length;
  if (axes === undefined || axes.length === 0) {
    // Without axes every dim of size 1 goes; a symbolic dim might be 1, so the rank is unknown.
    if (input.shape.some((d) => typeof d === 'string')) return [{ dataType: input.dataType }];
    return [{ dataType: input.dataType, shape: input.shape.filter((d) => d !== 1) }];
  }
  const normalized = axes.map((a) => normalizeAxis(c, a, rank));
  for (const a of normalized) {
    const d = input.shape[a];
    if (typeof d === 'number' && d !== 1) c.fail(`cannot squeeze axis ${a} of size ${d}`);
  }
  return [{ dataType: input.dataType, shape: input.shape.filter((_, i) => !normalized.includes(i)) }];
};

const flatten: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType, shape: [UNKNOWN_DIM, UNKNOWN_DIM] }];
  const rank = input.shape.length;
  let axis = getInt(c.node, 'axis', 1);
  if (axis < -rank || axis > rank) c.fail(`axis ${axis} is out of range for rank ${rank}`);
  if (axis < 0) axis += rank;
  return [{ dataType: input.dataType, shape: [productOfDims(input.shape.slice(0, axis)), productOfDims(input.shape.slice(axis))] }];
};

const transpose: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const rank = input.shape.length;
  const perm = getInts(c.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) c.fail(`perm [${perm.join(', ')}] is not a permutation of rank ${rank}`);
  return [{ dataType: input.dataType, shape: perm.map((p) => input.shape![p]!) }];
};

const expand: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  const target = c.constant(1);
  if (!target) {
    const rank = lengthOfVector(c, 1);
    if (rank === undefined || !input.shape) return [{ dataType: input.dataType }];
    const outputRank = Math.max(rank, input.shape.length);
    // Dims of X that are not 1 survive whatever the target says there.
    const shape = unknownDims(outputRank).map((u, i) => {
      const d = input.shape![i - (outputRank - input.shape!.length)];
      return d === undefined || d === 1 ? u : d;
    });
    return [{ dataType: input.dataType, shape }];
  }
  if (!input.shape) return [{ dataType: input.dataType }];
  const dims: Dim[] = constantInts(target);
  const rank = Math.max(dims.length, input.shape.length);
  const shape: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const a = input.shape[i - (rank - input.shape.length)] ?? 1;
    const b = dims[i - (rank - dims.length)] ?? 1;
    const d = broadcastDim(a, b);
    if (d === undefined) return c.fail(`cannot expand [${input.shape.join(', ')}] to [${dims.join(', ')}]`);
    shape.push(d);
  }
  return [{ dataType: input.dataType, shape }];
};

const tile: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const repeatsTensor = c.constant(1);
  if (!repeatsTensor) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
  const repeats = constantInts(repeatsTensor);
  if (repeats.length !== input.shape.length) c.fail(`${repeats.length} repeats for rank ${input.shape.length}`);
  return [{ dataType: input.dataType, shape: input.shape.map((d, i) => productOfDims([d, repeats[i]!])) }];
};

const concat: ShapeFunction = (c) => {
  const inputs = c.node.inputs.map((_, i) => requiredInput(c, i));
  const dataType = inputs[0]!.dataType;
  const shapes = inputs.map((i) => i.shape);
  if (shapes.some((s) => s === undefined)) return [{ dataType }];
  const known = shapes as Dim[][];
  const rank = known[0]!.length;
  if (known.some((s) => s.length !== rank)) c.fail(`inputs have different ranks: ${known.map((s) => `[${s.join(', ')}]`).join(', ')}`);
  const axis = normalizeAxis(c, getInt(c.node, 'axis', 0), rank);
  const shape: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    if (i === axis) {
      shape.push(sumOfDims(known.map((s) => s[i]!)));
      continue;
    }
    let d: Dim = known[0]![i]!;
    for (const s of known) {
      const next = s[i]!;
      if (typeof d === 'number' && typeof next === 'number' && d !== next) c.fail(`dimension ${i} differs between inputs (${d} vs ${next})`);
      if (typeof d === 'string' && typeof next === 'number') d = next;
    }
    shape.push(d);
  }
  return [{ dataType, shape }];
};

/** Sizes of Split's parts along the axis (from the split input, num_outputs, or equal parts). */
function splitSizes(c: ShapeContext, dim: Dim): Dim[] {
  const count = c.node.outputs.length;
  if (c.node.inputs[1]) {
    const sizes = c.constant(1);
    if (!sizes) return unknownDims(count);
    const values = constantInts(sizes);
    if (values.length !== count) c.fail(`split has ${values.length} sizes for ${count} outputs`);
    if (typeof dim === 'number' && values.reduce((a, b) => a + b, 0) !== dim) c.fail(`split sizes [${values.join(', ')}] do not add up to ${dim}`);
    return values;
  }
  const legacy = c.opset < 13 ? getInts(c.node, 'split') : undefined;
  if (legacy) return legacy;
  if (typeof dim !== 'number') return unknownDims(count);
  const parts = c.opset >= 18 ? getInt(c.node, 'num_outputs', count) : count;
  if (parts !== count) c.fail(`num_outputs is ${parts} but the node has ${count} outputs`);
  // From opset 18 an uneven split makes the last part smaller.
  const size = Math.ceil(dim / parts);
  if (c.opset < 18 && dim % parts !== 0) c.fail(`cannot split ${dim} into ${parts} equal parts`);
  return Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(size, dim - i * size)));
}

const split: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return c.node.outputs.map(() => ({ dataType: input.dataType }));
  const axis = normalizeAxis(c, getInt(c.node, 'axis', 0), input.shape.length);
  return splitSizes(c, input.shape[axis]!).map((size) => ({ dataType: input.dataType, shape: input.shape!.map((d, i) => (i === axis ? size : d)) }));
};

const shape: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: DataType.INT64, shape: [UNKNOWN_DIM] }];
  const [start, end] = shapeRange(input.shape.length, getInt(c.node, 'start', 0), c.node.attributes.has('end') ? getInt(c.node, 'end', 0) : undefined);
  return [{ dataType: DataType.INT64, shape: [Math.max(0, end - start)] }];
};

/** The [start, end) range of dims that Shape (opset 15 start/end) reports, clamped to the rank. */
export function shapeRange(rank: number, start: number, end: number | undefined): [number, number] {
  const clamp = (v: number): number => Math.min(rank, Math.max(0, v < 0 ? v + rank : v));
  return [clamp(start), end === undefined ? rank : clamp(end)];
}

export const shapeShapes: Record<string, ShapeFunction> = {
  Identity: sameAsInput(0),
  Shape: shape,
  Size: () => [{ dataType: DataType.INT64, shape: [] }],
  Cast: (c) => [shaped(getInt(c.node, 'to', 0) as DataType, requiredInput(c, 0).shape)],
  CastLike: (c) => [shaped(requiredInput(c, 1).dataType, requiredInput(c, 0).shape)],
  Dropout: (c) => {
    const input = requiredInput(c, 0);
    return [shaped(input.dataType, input.shape), shaped(DataType.BOOL, input.shape)];
  },
  Reshape: reshape,
  Flatten: flatten,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Transpose: transpose,
  Expand: expand,
  Tile: tile,
  Concat: concat,
  Split: split,
  ...indexingShapes,
  ...constantShapes,
};
