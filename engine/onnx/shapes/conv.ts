/** Shapes of convolutions: Conv and ConvTranspose over 1-, 2- or 3-D spatial axes. */
import { getInt, getInts, getString } from '../builder.ts';
import type { Dim } from '../ir.ts';
import { UNKNOWN_DIM } from './dims.ts';
import { requiredInput, type ShapeFunction } from './shapeFunction.ts';
import { effectiveKernel, windowGeometry } from './windowGeometry.ts';

/** Kernel spatial sizes from the attribute, else from the weight's shape. */
function kernelOf(attribute: number[] | undefined, weight: Dim[] | undefined): number[] | undefined {
  if (attribute) return attribute;
  const spatial = weight?.slice(2);
  return spatial && spatial.every((d): d is number => typeof d === 'number') ? spatial : undefined;
}

export const convShapes: Record<string, ShapeFunction> = {
  Conv: (c) => {
    const x = requiredInput(c, 0);
    const w = requiredInput(c, 1);
    const kernel = kernelOf(getInts(c.node, 'kernel_shape'), w.shape);
    if (!x.shape || !kernel) return [{ dataType: x.dataType }];
    const { outputDims } = windowGeometry(c.node, x.shape.slice(2), kernel, c.fail);
    return [{ dataType: x.dataType, shape: [x.shape[0]!, w.shape?.[0] ?? UNKNOWN_DIM, ...outputDims] }];
  },
  ConvTranspose: (c) => {
    const x = requiredInput(c, 0);
    const w = requiredInput(c, 1);
    const kernel = kernelOf(getInts(c.node, 'kernel_shape'), w.shape);
    if (!x.shape || !kernel) return [{ dataType: x.dataType }];
    const group = getInt(c.node, 'group', 1);
    const perGroup = w.shape?.[1];
    const channels: Dim = typeof perGroup === 'number' ? perGroup * group : UNKNOWN_DIM;
    const rank = kernel.length;
    const requested = getInts(c.node, 'output_shape');
    if (requested) return [{ dataType: x.dataType, shape: [x.shape[0]!, channels, ...requested.slice(-rank)] }];
    const strides = getInts(c.node, 'strides') ?? kernel.map(() => 1);
    const dilations = getInts(c.node, 'dilations') ?? kernel.map(() => 1);
    const pads = getInts(c.node, 'pads') ?? kernel.flatMap(() => [0, 0]);
    const outputPadding = getInts(c.node, 'output_padding') ?? kernel.map(() => 0);
    const autoPad = getString(c.node, 'auto_pad', 'NOTSET');
    const spatial = x.shape.slice(2).map((size, i): Dim => {
      if (typeof size !== 'number') return UNKNOWN_DIM;
      const s = strides[i]!;
      if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return size * s;
      const padding = autoPad === 'VALID' ? 0 : pads[i]! + pads[i + rank]!;
      return s * (size - 1) + outputPadding[i]! + effectiveKernel(kernel[i]!, dilations[i]!) - padding;
    });
    return [{ dataType: x.dataType, shape: [x.shape[0]!, channels, ...spatial] }];
  },
};
