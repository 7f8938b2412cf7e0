/** Gradients of ops that move data without arithmetic: the gradient is moved back. */
import { attr, getInt, getInts } from '../../onnx/builder.ts';
import { isFloatType } from '../../onnx/dataType.ts';
import { constantInts } from '../../onnx/shapes/shapeFunction.ts';
import { isStatic } from '../../onnx/shapes/dims.ts';
import { NO_GRADIENT, type GradientContext, type GradientRule } from '../gradientRule.ts';
import { unbroadcast } from './broadcast.ts';
import { inversePermutation, reshapeLike, zerosLike } from './shapeHelpers.ts';
import { indexingGradients } from './indexing.ts';

/** For ops that only change the shape: dX = reshape(dY, shape(X)) */
const reshapeBack: GradientRule = (c) => {
  const dY = c.gradOfOutput(0);
  if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, reshapeLike(c, dY, c.input(0)));
};

// dX = dY
const identity: GradientRule = (c) => {
  const dY = c.gradOfOutput(0);
  if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, dY);
};

function rankOf(c: GradientContext, name: string): number {
  const shape = c.shapeOf(name);
  if (!shape) c.fail(`the rank of '${name}' must be known`);
  return shape.length;
}

function axisOf(c: GradientContext, rank: number): number {
  const axis = getInt(c.node, 'axis', 0);
  return axis < 0 ? axis + rank : axis;
}

/** Sizes along `axis` of several forward tensors: constants when static, else read at run time. */
function sizesAlong(c: GradientContext, names: string[], axis: number): string {
  const dims = names.map((n) => c.shapeOf(n)?.[axis]);
  if (dims.every((d): d is number => typeof d === 'number')) return c.ints(dims);
  const pieces = names.map((n) => c.op('Slice', [c.op('Shape', [n]), c.ints([axis]), c.ints([axis + 1])]));
  return pieces.length === 1 ? pieces[0]! : c.op('Concat', pieces, { axis: attr.int(0) });
}

// dX = Cast(dY, type of X); integer inputs get none
const cast: GradientRule = (c) => {
  const dY = c.gradOfOutput(0);
  if (!dY || !c.needsGradOfInput(0) || !isFloatType(c.dataTypeOf(c.input(0)))) return;
  c.setGradOfInput(0, c.op('Cast', [dY], { to: attr.int(c.dataTypeOf(c.input(0))) }));
};

/** Whether Dropout runs in training mode: its third input, when given, must be a constant to know. */
function dropoutTraining(c: GradientContext): boolean | undefined {
  if (!c.hasInput(2)) return false;
  const mode = c.constantOf(c.input(2));
  return mode ? Number(mode.data[0]) !== 0 : undefined;
}

export const shapeGradients: Record<string, GradientRule> = {
  Identity: identity,
  Reshape: reshapeBack,
  Flatten: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  // dX = Transpose(dY, perm⁻¹)
  Transpose: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const rank = rankOf(c, c.input(0));
    const perm = getInts(c.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
    c.setGradOfInput(0, c.op('Transpose', [dY], { perm: attr.ints(inversePermutation(perm)) }));
  },
  // dXᵢ = the i-th piece of Split(dY) along the axis
  Concat: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY) return;
    const inputs = c.node.inputs;
    const axis = axisOf(c, rankOf(c, inputs[0]!));
    const pieces = c.ops('Split', [dY, sizesAlong(c, inputs, axis)], inputs.length, { axis: attr.int(axis) });
    inputs.forEach((_, i) => {
      if (c.needsGradOfInput(i)) c.setGradOfInput(i, pieces[i]!);
    });
  },
  // dX = Concat(dYᵢ, zeros where no gradient flows) along the axis
  Split: (c) => {
    if (!c.needsGradOfInput(0)) return;
    const outputs = c.node.outputs;
    if (!outputs.some((_, i) => c.gradOfOutput(i))) return;
    const axis = axisOf(c, rankOf(c, c.input(0)));
    const pieces = outputs.map((_, i) => c.gradOfOutput(i) ?? zerosLike(c, c.output(i)));
    c.setGradOfInput(0, pieces.length === 1 ? pieces[0]! : c.op('Concat', pieces, { axis: attr.int(axis) }));
  },
  // dX = unbroadcast(dY): summed over the expanded axes
  Expand: (c) => {
    const dY = c.gradOfOutput(0);
    if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, unbroadcast(c, dY, 0));
  },
  // dX = Σ over the tiles: reshape dY to [r₀, d₀, r₁, d₁, …] and sum the r axes
  Tile: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const repeatsTensor = c.constantOf(c.input(1));
    if (!repeatsTensor) return c.fail('Tile repeats must be a constant to differentiate');
    const repeats = constantInts(repeatsTensor);
    const x = c.input(0);
    const shape = c.shapeOf(x);
    let interleaved: string;
    if (shape && isStatic(shape)) {
      interleaved = c.ints(shape.flatMap((d, i) => [repeats[i]!, d]));
    } else {
      const xShape = c.op('Shape', [x]);
      const pieces = repeats.flatMap((r, i) => [c.ints([r]), c.op('Slice', [xShape, c.ints([i]), c.ints([i + 1])])]);
      interleaved = c.op('Concat', pieces, { axis: attr.int(0) });
    }
    const tileAxes = repeats.map((_, i) => 2 * i);
    const summed = c.op('ReduceSum', [c.op('Reshape', [dY, interleaved]), c.ints(tileAxes)], { keepdims: attr.int(0) });
    c.setGradOfInput(0, summed);
  },
  Cast: cast,
  // dX = CastLike(dY, X)
  CastLike: (c) => {
    const dY = c.gradOfOutput(0);
    if (dY && c.needsGradOfInput(0)) c.setGradOfInput(0, c.op('CastLike', [dY, c.input(0)]));
  },
  // inference: dX = dY; training: dX = dY · mask / (1 − ratio)
  Dropout: (c) => {
    const dY = c.gradOfOutput(0);
    if (!dY || !c.needsGradOfInput(0)) return;
    const training = dropoutTraining(c);
    if (training === false) {
      c.setGradOfInput(0, dY);
      return;
    }
    if ((c.node.outputs[1] ?? '') === '') c.fail('a training-mode Dropout needs its mask output to be differentiated');
    const x = c.input(0);
    const keep = c.op('Cast', [c.output(1)], { to: attr.int(c.dataTypeOf(x)) });
    const ratio = c.hasInput(1) ? c.op('CastLike', [c.input(1), x]) : c.scalar(0.5, x);
    const scale = c.op('Div', [c.scalar(1, x), c.op('Sub', [c.scalar(1, x), ratio])]);
    const masked = c.op('Mul', [c.op('Mul', [dY, keep]), scale]);
    // A run-time training flag: the mask is all true in inference, but the scale must not apply.
    c.setGradOfInput(0, training === true ? masked : c.op('Where', [c.input(2), masked, dY]));
  },
  Shape: NO_GRADIENT,
  Size: NO_GRADIENT,
  Constant: NO_GRADIENT,
  ConstantOfShape: NO_GRADIENT,
  OneHot: NO_GRADIENT,
  Range: NO_GRADIENT,
  ...indexingGradients,
};
