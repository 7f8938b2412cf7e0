import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { inferShapes } from '../../../engine/onnx/shapeInference.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';
import { checkGradients } from '../../support/gradientCheck.ts';

// ONNX Runtime's CPU Conv and ConvTranspose run only in float32.
interface ConvCase {
  label: string;
  x: number[];
  w: number[];
  bias?: boolean;
  attributes?: Attributes;
}

const cases: ConvCase[] = [
  { label: '3x3, pad 1, with bias', x: [2, 2, 5, 5], w: [3, 2, 3, 3], bias: true, attributes: { pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'stride 2 that does not divide the input', x: [1, 2, 6, 7], w: [2, 2, 3, 3], bias: true, attributes: { strides: attr.ints([2, 2]) } },
  { label: 'stride 2 with asymmetric pads', x: [1, 1, 6, 5], w: [2, 1, 3, 2], attributes: { strides: attr.ints([2, 3]), pads: attr.ints([1, 0, 2, 1]) } },
  { label: 'dilation 2', x: [1, 2, 7, 7], w: [2, 2, 3, 3], attributes: { dilations: attr.ints([2, 2]), pads: attr.ints([1, 2, 1, 0]) } },
  { label: 'dilation and stride together', x: [1, 1, 9, 8], w: [2, 1, 2, 3], attributes: { dilations: attr.ints([2, 1]), strides: attr.ints([2, 2]) } },
  { label: 'two groups', x: [2, 4, 5, 5], w: [6, 2, 3, 3], bias: true, attributes: { group: attr.int(2), pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'fewer positions than filters (one product over batch and positions)', x: [3, 2, 3, 3], w: [6, 2, 3, 3], bias: true, attributes: { strides: attr.ints([2, 2]) } },
  { label: 'fewer positions than filters per group, two groups', x: [2, 4, 3, 3], w: [10, 2, 3, 3], attributes: { group: attr.int(2), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) } },
  { label: '1×1, stride 1 (the patches are X)', x: [2, 3, 4, 4], w: [2, 3, 1, 1], bias: true },
  { label: '1×1, stride 2 with pads', x: [1, 2, 5, 4], w: [3, 2, 1, 1], attributes: { strides: attr.ints([2, 2]), pads: attr.ints([1, 0, 0, 1]) } },
  { label: 'depthwise', x: [2, 3, 5, 5], w: [3, 1, 3, 3], bias: true, attributes: { group: attr.int(3), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'depthwise, stride 1, pad 1, more positions than summed one by one', x: [2, 3, 5, 4], w: [3, 1, 3, 3], attributes: { group: attr.int(3), pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'depthwise with dilation and asymmetric pads', x: [1, 2, 5, 4], w: [2, 1, 3, 2], bias: true, attributes: { group: attr.int(2), dilations: attr.ints([2, 1]), pads: attr.ints([2, 0, 1, 1]) } },
  { label: 'depthwise, auto_pad SAME_UPPER, stride 2', x: [1, 2, 6, 5], w: [2, 1, 3, 3], attributes: { group: attr.int(2), auto_pad: attr.string('SAME_UPPER'), strides: attr.ints([2, 2]) } },
  { label: 'depthwise 1-D', x: [2, 3, 9], w: [3, 1, 3], attributes: { group: attr.int(3), strides: attr.ints([2]), pads: attr.ints([1, 1]) } },
  { label: 'depthwise with channel multiplier 2', x: [1, 2, 5, 4], w: [4, 1, 2, 2], attributes: { group: attr.int(2) } },
  { label: 'auto_pad SAME_UPPER, stride 2', x: [1, 2, 6, 5], w: [2, 2, 3, 3], attributes: { auto_pad: attr.string('SAME_UPPER'), strides: attr.ints([2, 2]) } },
  { label: 'auto_pad SAME_LOWER, even kernel', x: [1, 1, 5, 5], w: [2, 1, 2, 2], attributes: { auto_pad: attr.string('SAME_LOWER') } },
  { label: 'auto_pad VALID ignores pads', x: [1, 1, 5, 5], w: [1, 1, 3, 3], attributes: { auto_pad: attr.string('VALID') } },
  { label: '1-D with stride, pads and dilation', x: [2, 2, 11], w: [3, 2, 3], bias: true, attributes: { strides: attr.ints([2]), pads: attr.ints([1, 2]), dilations: attr.ints([2]) } },
];

describe('Conv gradient (finite differences, float32)', () => {
  for (const testCase of cases) {
    it(testCase.label, async () => {
      const inputs = [{ dims: testCase.x }, { dims: testCase.w }, ...(testCase.bias ? [{ dims: [testCase.w[0]!] }] : [])];
      const report = await checkGradients({ opType: 'Conv', inputs, attributes: testCase.attributes ?? {}, precision: 'float32' });
      assert.ok(report.checked > 0);
    });
  }
});

describe('ConvTranspose shape inference agrees with ONNX Runtime', () => {
  const transposeCases: [string, number[], number[], Attributes][] = [
    ['stride 2 with output_padding', [1, 2, 3, 4], [2, 3, 3, 3], { strides: attr.ints([2, 2]), output_padding: attr.ints([1, 0]), pads: attr.ints([1, 0, 0, 1]) }],
    ['groups and dilations', [1, 4, 3, 3], [4, 1, 2, 2], { group: attr.int(2), dilations: attr.ints([2, 2]) }],
    ['output_shape', [1, 1, 3, 3], [1, 1, 3, 3], { strides: attr.ints([2, 2]), output_shape: attr.ints([8, 7]) }],
    ['auto_pad SAME_UPPER', [1, 1, 3, 4], [1, 2, 3, 3], { strides: attr.ints([2, 2]), auto_pad: attr.string('SAME_UPPER') }],
  ];
  for (const [label, x, w, attributes] of transposeCases) {
    it(label, async () => {
      const graph = makeGraph('t', [makeNode('ConvTranspose', ['x', 'w'], ['y'], 'ct', attributes)], [makeValueInfo('x', DataType.FLOAT, x)], [makeValueInfo('y', DataType.FLOAT)], [
        makeTensor('w', DataType.FLOAT, w, new Float32Array(w.reduce((a, b) => a * b, 1)).fill(0.5)),
      ]);
      const inferred = inferShapes(graph, 17).get('y')?.shape;
      const session = await createSession(makeModel(graph));
      const result = await session.run({ x: toOrtTensor(makeTensor('x', DataType.FLOAT, x, new Float32Array(x.reduce((a, b) => a * b, 1)).fill(1))) });
      assert.deepEqual(inferred, result['y']!.dims);
    });
  }
});
