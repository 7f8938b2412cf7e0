import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { inferShapes } from '../../../engine/onnx/shapeInference.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';
import { checkGradients } from '../../support/gradientCheck.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';

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
  { label: 'depthwise, stride 2, end pad past the last window (the spread dY cut)', x: [1, 2, 5, 4], w: [2, 1, 3, 3], attributes: { group: attr.int(2), strides: attr.ints([2, 2]), pads: attr.ints([0, 0, 2, 1]) } },
  { label: 'depthwise 1×1, stride 2, odd size', x: [2, 3, 5, 5], w: [3, 1, 1, 1], bias: true, attributes: { group: attr.int(3), strides: attr.ints([2, 2]) } },
  { label: 'depthwise, stride 2 and dilation 2', x: [1, 2, 9, 8], w: [2, 1, 3, 3], attributes: { group: attr.int(2), strides: attr.ints([2, 2]), dilations: attr.ints([2, 2]), pads: attr.ints([2, 1, 2, 1]) } },
  { label: 'depthwise 1-D', x: [2, 3, 9], w: [3, 1, 3], attributes: { group: attr.int(3), strides: attr.ints([2]), pads: attr.ints([1, 1]) } },
  { label: 'depthwise with channel multiplier 2', x: [1, 2, 5, 4], w: [4, 1, 2, 2], attributes: { group: attr.int(2) } },
  { label: 'auto_pad SAME_UPPER, stride 2', x: [1, 2, 6, 5], w: [2, 2, 3, 3], attributes: { auto_pad: attr.string('SAME_UPPER'), strides: attr.ints([2, 2]) } },
  { label: 'auto_pad SAME_LOWER, even kernel', x: [1, 1, 5, 5], w: [2, 1, 2, 2], attributes: { auto_pad: attr.string('SAME_LOWER') } },
  { label: 'auto_pad VALID ignores pads', x: [1, 1, 5, 5], w: [1, 1, 3, 3], attributes: { auto_pad: attr.string('VALID') } },
  { label: 'few positions: 3×3, pad 1, over 2×2 (dX by one product and col2im)', x: [2, 3, 2, 2], w: [4, 3, 3, 3], bias: true, attributes: { pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'few positions: stride 2, pad 1, from 4×4 to 2×2', x: [2, 3, 4, 4], w: [5, 3, 3, 3], attributes: { strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) } },
  { label: 'few positions: stride 3, dilation 2, asymmetric pads, rows no window reads', x: [1, 2, 6, 5], w: [3, 2, 2, 2], attributes: { strides: attr.ints([3, 3]), dilations: attr.ints([2, 1]), pads: attr.ints([0, 1, 0, 0]) } },
  { label: 'few positions: 1×1, stride 2 (a shortcut)', x: [2, 3, 4, 4], w: [4, 3, 1, 1], attributes: { strides: attr.ints([2, 2]) } },
  { label: 'few positions: 1×1, stride 1 (dX is the patch gradients transposed)', x: [2, 3, 2, 2], w: [4, 3, 1, 1], bias: true },
  { label: 'few positions: 1×1 with pads (output positions over the padding reach no X position)', x: [2, 3, 1, 2], w: [2, 3, 1, 1], attributes: { pads: attr.ints([1, 0, 0, 0]) } },
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

/** The op types the gradient of X adds for one Conv over X [N, C, H, W] and W. */
function inputGradientOps(x: [number, number, number], w: number[], attributes: Attributes): string[] {
  const graph = makeGraph('t', [
    makeNode('Conv', ['x', 'w'], ['y'], 'conv', attributes),
    makeNode('ReduceSum', ['y'], ['loss'], 'loss', { keepdims: attr.int(0) }),
  ], [makeValueInfo('x', DataType.FLOAT, ['N', ...x]), makeValueInfo('w', DataType.FLOAT, w)], [makeValueInfo('loss', DataType.FLOAT, [])]);
  const before = graph.nodes.length;
  buildGradientGraph(graph, { loss: 'loss', parameters: ['x'], opset: 17 });
  return graph.nodes.slice(before).map((n) => n.opType);
}

describe('Conv input gradient: the ops chosen', () => {
  it('over few output positions: one product over the batch, no Conv or ConvTranspose', () => {
    const ops = inputGradientOps([8, 4, 4], [16, 8, 3, 3], { pads: attr.ints([1, 1, 1, 1]), strides: attr.ints([2, 2]) });
    assert.ok(ops.includes('MatMul') && !ops.includes('Conv') && !ops.includes('ConvTranspose'), `gradient ops: ${ops.join(', ')}`);
  });

  it('depthwise with stride 2: a Conv over the spread dY, no ConvTranspose', () => {
    const ops = inputGradientOps([8, 8, 8], [8, 1, 3, 3], { pads: attr.ints([1, 1, 1, 1]), strides: attr.ints([2, 2]), group: attr.int(8) });
    assert.ok(ops.includes('Conv') && !ops.includes('ConvTranspose'), `gradient ops: ${ops.join(', ')}`);
  });

  it('dense with stride 2 over many positions: ConvTranspose (a spread dY would quadruple the products)', () => {
    const ops = inputGradientOps([8, 8, 8], [16, 8, 3, 3], { pads: attr.ints([1, 1, 1, 1]), strides: attr.ints([2, 2]) });
    assert.ok(ops.includes('ConvTranspose'), `gradient ops: ${ops.join(', ')}`);
  });
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
