/** Shapes of ops that pick, scatter or pad elements by index. */
import { getInt, getString } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { constantInts, normalizeAxis, requiredInput, sameAsInput, type ShapeContext, type ShapeFunction } from './shapeFunction.ts';
import { UNKNOWN_DIM, unknownDims } from './dims.ts';

/** Ends at or beyond this reach the end of any real dimension (exporters write INT64_MAX). */
const REACHES_END = 2 ** 31 - 1;

export interface SliceAxis {
  axis: number;
  start: number;
  end: number;
  step: number;
}

/** Slice's per-axis parameters from its constant inputs; undefined when one is not constant. */
export function sliceAxes(constant: (index: number) => number[] | undefined | null, rank: number, fail: (message: string) => never): SliceAxis[] | undefined {
  const starts = constant(1);
  const ends = constant(2);
  const axes = constant(3);
  const steps = constant(4);
  if (!starts || !ends || axes === null || steps === null) return undefined;
  if (ends.length !== starts.length) fail(`${starts.length} starts but ${ends.length} ends`);
  const axisList = axes ?? starts.map((_, i) => i);
  return starts.map((start, i) => {
    const raw = axisList[i]!;
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis >= rank) fail(`axis ${raw} is out of range for rank ${rank}`);
    const step = steps?.[i] ?? 1;
    if (step === 0) fail('a slice step cannot be 0');
    return { axis, start, end: ends[i]!, step };
  });
}

/** ONNX's clamping of a slice on a dimension of known size: the first index taken and the count. */
export function clampSlice(dim: number, start: number, end: number, step: number): { first: number; count: number } {
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
  } else {
    s = Math.min(Math.max(s, 0), dim - 1);
    e = Math.min(Math.max(e, -1), dim - 1);
  }
  return { first: s, count: Math.max(0, Math.ceil((e - s) / step)) };
}

function slicedDim(dim: Dim, s: SliceAxis): Dim {
  if (typeof dim === 'number') return clampSlice(dim, s.start, s.end, s.step).count;
  const wholeForward = s.step === 1 && s.start === 0 && s.end >= REACHES_END;
  const wholeBackward = s.step === -1 && s.start === -1 && s.end <= -REACHES_END;
  return wholeForward || wholeBackward ? dim : UNKNOWN_DIM;
}

function intsOf(c: ShapeContext): (index: number) => number[] | undefined | null {
  return (index) => {
    if (!c.node.inputs[index]) return undefined;
    const t = c.constant(index);
    return t ? constantInts(t) : null;
  };
}

const slice: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const axes = sliceAxes(intsOf(c), input.shape.length, c.fail);
  if (!axes) {
    // Unknown parameters leave untouched the axes that are surely not sliced.
    const slicedAxes = intsOf(c)(3);
    if (!slicedAxes) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
    const rank = input.shape.length;
    const touched = slicedAxes.map((a) => (a < 0 ? a + rank : a));
    return [{ dataType: input.dataType, shape: input.shape.map((d, i) => (touched.includes(i) ? UNKNOWN_DIM : d)) }];
  }
  const shape = [...input.shape];
  for (const s of axes) shape[s.axis] = slicedDim(input.shape[s.axis]!, s);
  return [{ dataType: input.dataType, shape }];
};

const gather: ShapeFunction = (c) => {
  const data = requiredInput(c, 0);
  const indices = requiredInput(c, 1);
  if (!data.shape || !indices.shape) return [{ dataType: data.dataType }];
  const axis = normalizeAxis(c, getInt(c.node, 'axis', 0), data.shape.length);
  return [{ dataType: data.dataType, shape: [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)] }];
};

const gatherElements: ShapeFunction = (c) => {
  const data = requiredInput(c, 0);
  const indices = requiredInput(c, 1);
  return [indices.shape ? { dataType: data.dataType, shape: indices.shape } : { dataType: data.dataType }];
};

/** Pads per axis: [begin, end] for each axis (the axes input from opset 18 selects some). */
export function padAmounts(pads: number[], rank: number, axes: number[] | undefined, fail: (message: string) => never): { begin: number[]; end: number[] } {
  const selected = (axes ?? Array.from({ length: rank }, (_, i) => i)).map((a) => (a < 0 ? a + rank : a));
  if (pads.length !== 2 * selected.length) fail(`${pads.length} pads for ${selected.length} axes`);
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  selected.forEach((axis, i) => {
    if (axis < 0 || axis >= rank) fail(`pad axis ${axis} is out of range for rank ${rank}`);
    begin[axis] = pads[i]!;
    end[axis] = pads[i + selected.length]!;
  });
  return { begin, end };
}

const pad: ShapeFunction = (c) => {
  const input = requiredInput(c, 0);
  if (!input.shape) return [{ dataType: input.dataType }];
  const mode = getString(c.node, 'mode', 'constant');
  if (!['constant', 'reflect', 'edge', 'wrap'].includes(mode)) c.fail(`unknown pad mode '${mode}'`);
  const ints = intsOf(c);
  const pads = ints(1);
  const axes = ints(3);
  if (!pads || axes === null) return [{ dataType: input.dataType, shape: unknownDims(input.shape.length) }];
  const { begin, end } = padAmounts(pads, input.shape.length, axes, c.fail);
  const shape = input.shape.map((d, i) => {
    const added = begin[i]! + end[i]!;
    if (typeof d === 'number') return d + added;
    return added === 0 ? d : UNKNOWN_DIM;
  });
  return [{ dataType: input.dataType, shape }];
};

const oneHot: ShapeFunction = (c) => {
  const indices = requiredInput(c, 0);
  const values = requiredInput(c, 2);
  if (!indices.shape) return [{ dataType: values.dataType }];
  const depthTensor = c.constant(1);
  const depth: Dim = depthTensor ? Number(depthTensor.data[0]) : UNKNOWN_DIM;
  const rank = indices.shape.length + 1;
  let axis = getInt(c.node, 'axis', -1);
  if (axis < -rank || axis >= rank) c.fail(`axis ${axis} is out of range for rank ${rank}`);
  if (axis < 0) axis += rank;
  return [{ dataType: values.dataType, shape: [...indices.shape.slice(0, axis), depth, ...indices.shape.slice(axis)] }];
};

export const indexingShapes: Record<string, ShapeFunction> = {
  Slice: slice,
  Gather: gather,
  GatherElements: gatherElements,
  ScatterND: sameAsInput(0),
  ScatterElements: sameAsInput(0),
  Pad: pad,
  OneHot: oneHot,
};

