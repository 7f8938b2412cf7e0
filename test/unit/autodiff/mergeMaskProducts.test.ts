/** Masked gradients in a row (Clip → Relu → Clip) become one product with the masks' And, with the same values. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { attr, GraphBuilder, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { mergeMaskProducts } from '../../../engine/autodiff/mergeMaskProducts.ts';
import { createSession } from '../../../engine/runtime/session.ts';

const x = [-1.6, -1.2, -0.7, -0.2, 0.1, 0.3, 0.45, 0.6, 0.8, 1.1, 1.5, -0.05];
const weights = x.map((_, i) => i + 1);

describe('merging masked gradient products', () => {
  it('gives the gradient of Clip(Relu(Clip(x, −1, 1)), max 0.5) one Mul by the And of the three masks', async () => {
    const n = x.length;
    const graph = makeGraph('masks', [
      makeNode('Clip', ['x', 'minus_one', 'one'], ['inner'], 'inner_clip'),
      makeNode('Relu', ['inner'], ['relu'], 'relu'),
      makeNode('Clip', ['relu', '', 'half'], ['y'], 'outer_clip'),
    ], [makeValueInfo('x', DataType.FLOAT, [n])], [makeValueInfo('y', DataType.FLOAT, [n])], [
      makeTensor('minus_one', DataType.FLOAT, [], Float32Array.from([-1])),
      makeTensor('one', DataType.FLOAT, [], Float32Array.from([1])),
      makeTensor('half', DataType.FLOAT, [], Float32Array.from([0.5])),
    ]);
    const builder = new GraphBuilder(graph, 'loss');
    const loss = builder.op('ReduceSum', [builder.op('Mul', ['y', builder.floatConstant('w', weights, [n])])], { keepdims: attr.int(0) });
    const forwardCount = graph.nodes.length;
    const { gradients } = buildGradientGraph(graph, { loss, parameters: ['x'], opset: 17 });
    const gradient = gradients.get('x')!;
    graph.outputs.push(makeValueInfo(gradient, DataType.FLOAT));

    const backward = graph.nodes.slice(forwardCount);
    const count = (opType: string): number => backward.filter((node) => node.opType === opType).length;
    assert.equal(count('And'), 3, 'the inner Clip\'s two bounds, then one And per merged mask');
    assert.equal(count('Cast'), 1);
    const masked = backward.filter((node) => node.opType === 'Mul' && node.inputs.some((input) => backward.find((b) => b.outputs.includes(input))?.opType === 'Cast'));
    assert.equal(masked.length, 1);

    const session = await createSession(makeModel(graph));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from(x), [n]) });
    const expected = x.map((v, i) => (v > -1 && v < 1 && v > 0 && v < 0.5 ? weights[i]! : 0));
    assert.deepEqual(Array.from(out[gradient]!.data as Float32Array), expected);
  });

  describe('leaves a product alone when merging would change what another reader sees', () => {
    /** g · Cast(a > 0) · Cast(a < 1), with `change` applied before merging; returns the merge count. */
    function merged(change: { secondCastType?: DataType; innerCastAlsoOutput?: boolean; keepInnerProduct?: boolean } = {}): number {
      const graph = makeGraph('masks', [
        makeNode('Greater', ['a', 'zero'], ['m1'], 'm1'),
        makeNode('Cast', ['m1'], ['c1'], 'c1', { to: attr.int(DataType.FLOAT) }),
        makeNode('Mul', ['g', 'c1'], ['p1'], 'p1'),
        makeNode('Less', ['a', 'one'], ['m2'], 'm2'),
        makeNode('Cast', ['m2'], ['c2'], 'c2', { to: attr.int(change.secondCastType ?? DataType.FLOAT) }),
        makeNode('Mul', ['p1', 'c2'], ['p2'], 'p2'),
      ], [makeValueInfo('a', DataType.FLOAT, [4]), makeValueInfo('g', DataType.FLOAT, [4])], [
        makeValueInfo('p2', DataType.FLOAT, [4]),
        ...(change.innerCastAlsoOutput ? [makeValueInfo('c1', DataType.FLOAT, [4])] : []),
      ], [makeTensor('zero', DataType.FLOAT, [], Float32Array.from([0])), makeTensor('one', DataType.FLOAT, [], Float32Array.from([1]))]);
      return mergeMaskProducts(graph, { firstNode: 0, isBoolean: () => false, keep: new Set(change.keepInnerProduct ? ['p1'] : []) });
    }

    it('merges the plain case', () => assert.equal(merged(), 1));
    it('not when a mask\'s Cast is read elsewhere', () => assert.equal(merged({ innerCastAlsoOutput: true }), 0));
    it('not when the inner product is itself a gradient kept as an output', () => assert.equal(merged({ keepInnerProduct: true }), 0));
    it('not when the two masks are cast to different float types', () => assert.equal(merged({ secondCastType: DataType.FLOAT16 }), 0));
  });
});
