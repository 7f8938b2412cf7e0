import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { findGradientRule } from '../../../engine/autodiff/registry.ts';
import { NO_GRADIENT } from '../../../engine/autodiff/gradientRule.ts';
import { checkGradients, type CheckedInput } from '../../support/gradientCheck.ts';
import { assertShapesMatchOrt, exactGradients } from '../../support/singleNode.ts';

const x: CheckedInput = { dims: [2, 3, 4], range: [0.2, 2] };
const axesInput = (axes: number[]): CheckedInput => ({ dims: [axes.length], values: axes, dataType: 'int64', constant: true });

interface Variant {
  label: string;
  axes?: number[];
  keepdims?: 0 | 1;
  noop?: boolean;
}

const variants: Variant[] = [
  { label: 'axis 1, keepdims', axes: [1], keepdims: 1 },
  { label: 'axis 1, no keepdims', axes: [1], keepdims: 0 },
  { label: 'axes −1 and 0, keepdims', axes: [-1, 0], keepdims: 1 },
  { label: 'axes 2 and 0, no keepdims', axes: [2, 0], keepdims: 0 },
  { label: 'all axes (none given), no keepdims', keepdims: 0 },
  { label: 'all axes (none given), keepdims', keepdims: 1 },
  { label: 'empty axes with noop_with_empty_axes', axes: [], noop: true },
];

/**
 * The node's inputs and attributes for a variant, with axes as an attribute or as an input.
 * noop_with_empty_axes gets an explicit empty axes tensor: ONNX Runtime 1.23 rejects the
 * absent axes input that the spec allows (microsoft/onnxruntime#19147).
 */
function reduceCase(variant: Variant, axesAsInput: boolean): { inputs: CheckedInput[]; attributes: Attributes } {
  const attributes: Attributes = {};
  if (variant.keepdims !== undefined) attributes['keepdims'] = attr.int(variant.keepdims);
  if (variant.noop) attributes['noop_with_empty_axes'] = attr.int(1);
  if (!variant.axes) return { inputs: [x], attributes };
  if (axesAsInput) return { inputs: [x, axesInput(variant.axes)], attributes };
  return { inputs: [x], attributes: { ...attributes, axes: attr.ints(variant.axes) } };
}

describe('reduce gradient rules (finite differences, float64)', () => {
  for (const variant of variants) {
    it(`ReduceSum (axes as input, opset 13): ${variant.label}`, async () => {
      await checkGradients({ opType: 'ReduceSum', opset: 13, ...reduceCase(variant, true) });
    });
  }
  for (const opType of ['ReduceMean', 'ReduceSumSquare', 'ReduceL2']) {
    for (const variant of variants) {
      // noop_with_empty_axes exists for these ops from opset 18 only.
      if (!variant.noop) {
        it(`${opType} (axes attribute, opset 13): ${variant.label}`, async () => {
          await checkGradients({ opType, opset: 13, ...reduceCase(variant, false) });
        });
      }
      it(`${opType} (axes as input, opset 18): ${variant.label}`, async () => {
        await checkGradients({ opType, opset: 18, ...reduceCase(variant, true) });
      });
    }
  }
});

describe('reduce gradients with a symbolic batch dimension (exact)', () => {
  const batch = { dims: [4, 3], values: Array.from({ length: 12 }, (_, i) => i), declaredShape: ['N', 3] };
  it('ReduceMean over the batch divides by the run-time batch size', async () => {
    const [dX] = await exactGradients({ opType: 'ReduceMean', inputs: [batch], attributes: { axes: attr.ints([0]), keepdims: attr.int(0) }, opset: 17 }, [0]);
    assert.deepEqual(dX, Array.from({ length: 12 }, () => 0.25));
  });
  it('ReduceMean over every axis at opset 18 divides by the run-time element count', async () => {
    const [dX] = await exactGradients({ opType: 'ReduceMean', inputs: [batch], attributes: { keepdims: attr.int(1) }, opset: 18 }, [0]);
    assert.equal(dX!.length, 12);
    for (const v of dX!) assert.ok(Math.abs(v - 1 / 12) < 1e-15, `${v} is not 1/12`);
  });
  it('ReduceSum over the batch spreads the gradient back to every row', async () => {
    const axes = { dims: [1], values: [0], dataType: DataType.INT64, constant: true };
    const [dX] = await exactGradients({ opType: 'ReduceSum', inputs: [batch, axes], attributes: { keepdims: attr.int(0) }, opset: 13 }, [0], undefined);
    assert.deepEqual(dX, Array.from({ length: 12 }, () => 1));
  });
});

describe('ReduceMax and ReduceMin: no gradient, shapes agree with ONNX Runtime', () => {
  const values = { dims: [2, 3, 4], values: Array.from({ length: 24 }, (_, i) => (i * 7) % 11) };
  for (const opType of ['ReduceMax', 'ReduceMin']) {
    it(`${opType} is registered without a gradient`, () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
    });
    it(`${opType} with the axes attribute (opset 13), with and without keepdims`, async () => {
      await assertShapesMatchOrt({ opType, inputs: [values], attributes: { axes: attr.ints([-1, 1]), keepdims: attr.int(0) }, opset: 13 });
      await assertShapesMatchOrt({ opType, inputs: [values], attributes: { axes: attr.ints([0]) }, opset: 13 });
    });
    it(`${opType} with axes as input (opset 18), all axes and noop_with_empty_axes`, async () => {
      const axes = { dims: [2], values: [2, 0], dataType: DataType.INT64, constant: true };
      await assertShapesMatchOrt({ opType, inputs: [values, axes], attributes: { keepdims: attr.int(0) }, opset: 18 });
      await assertShapesMatchOrt({ opType, inputs: [values], attributes: { keepdims: attr.int(0) }, opset: 18 });
      const noAxes = { dims: [0], values: [], dataType: DataType.INT64, constant: true };
      await assertShapesMatchOrt({ opType, inputs: [values, noAxes], attributes: { noop_with_empty_axes: attr.int(1) }, opset: 18 });
    });
  }
});
