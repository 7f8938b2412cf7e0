import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeFloatTensor, makeGraph, makeInt64Tensor, makeModel, makeNode, makeTensor, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { Dim, Model, Node } from '../../../engine/onnx/ir.ts';
import { foldConstants } from '../../../engine/onnx/passes/foldConstants.ts';
import { createSession, floatTensor } from '../../../engine/runtime/session.ts';

const int64Constant = (output: string, values: number[], dims: number[] = [values.length]): Node =>
  makeNode('Constant', [], [output], `make_${output}`, { value: attr.tensor(makeInt64Tensor('', values, dims)) });

/** The graph torch.onnx.export writes for `x.view(x.size(0), -1)` with a dynamic batch. */
function viewBatchFlattenModel(): Model {
  const nodes = [
    makeNode('Shape', ['x'], ['x_shape'], 'shape'),
    int64Constant('zero', [0], []),
    makeNode('Gather', ['x_shape', 'zero'], ['batch'], 'gather', { axis: attr.int(0) }),
    int64Constant('axes0', [0]),
    makeNode('Unsqueeze', ['batch', 'axes0'], ['batch_1d'], 'unsqueeze'),
    int64Constant('minus_one', [-1]),
    makeNode('Concat', ['batch_1d', 'minus_one'], ['target'], 'concat', { axis: attr.int(0) }),
    makeNode('Reshape', ['x', 'target'], ['y'], 'reshape'),
  ];
  return makeModel(makeGraph('view', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 3, 4])], [makeValueInfo('y', DataType.FLOAT, ['N', 12])]));
}

async function runModel(model: Model, x: Float32Array, dims: number[]): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const session = await createSession(model);
  const result = (await session.run({ x: floatTensor(x, dims) }))[model.graph.outputs[0]!.name]!;
  await session.release();
  return { dims: result.dims, data: result.data as Float32Array };
}

async function assertSameOutputs(original: Model, folded: Model, dims: number[]): Promise<void> {
  const count = dims.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: count }, (_, i) => Math.sin(i) * 3);
  const expected = await runModel(original, x, dims);
  const actual = await runModel(folded, x, dims);
  assert.deepEqual(actual.dims, expected.dims);
  assert.deepEqual(actual.data, expected.data);
}

function reshapeTargetOf(model: Model): number[] {
  const reshape = model.graph.nodes.find((n) => n.opType === 'Reshape');
  assert.ok(reshape, 'the Reshape is still there');
  const target = model.graph.initializers.get(reshape.inputs[1]!);
  assert.ok(target, 'its target is a constant');
  return Array.from(target.data as BigInt64Array, Number);
}

describe('foldConstants', () => {
  it('folds x.view(x.size(0), -1) with a dynamic batch to Reshape(x, [-1, 12])', async () => {
    const model = viewBatchFlattenModel();
    const original = structuredClone(model);
    const removed = await foldConstants(model);
    assert.equal(removed, 7);
    assert.deepEqual(model.graph.nodes.map((n) => n.opType), ['Reshape']);
    assert.deepEqual(reshapeTargetOf(model), [-1, 12]);
    assert.deepEqual([...model.graph.initializers.keys()], [model.graph.nodes[0]!.inputs[1]]);
    for (const batch of [1, 5]) await assertSameOutputs(original, model, [batch, 3, 4]);
  });

  it('folds a product of static dims through ONNX Runtime, then the target (fixed point)', async () => {
    const dim = (index: number, output: string): Node[] => [
      int64Constant(`${output}_index`, [index], []),
      makeNode('Gather', ['x_shape', `${output}_index`], [output], `gather_${output}`),
    ];
    const nodes = [
      makeNode('Shape', ['x'], ['x_shape'], 'shape'),
      ...dim(0, 'n'), ...dim(1, 'c'), ...dim(2, 'h'),
      makeNode('Mul', ['c', 'h'], ['ch'], 'mul'),
      int64Constant('axes0', [0]),
      makeNode('Unsqueeze', ['n', 'axes0'], ['n_1d'], 'unsqueeze_n'),
      makeNode('Unsqueeze', ['ch', 'axes0'], ['ch_1d'], 'unsqueeze_ch'),
      makeNode('Concat', ['n_1d', 'ch_1d'], ['target'], 'concat', { axis: attr.int(0) }),
      makeNode('Reshape', ['x', 'target'], ['flat'], 'reshape'),
      // A constant subexpression beside the shape arithmetic: (a · b) + 1 on initializers.
      makeNode('Mul', ['a', 'b'], ['ab'], 'mul_ab'),
      makeNode('Add', ['ab', 'one'], ['bias'], 'add_one'),
      makeNode('Add', ['flat', 'bias'], ['y'], 'add_bias'),
    ];
    const initializers = [makeFloatTensor('a', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [12]), makeFloatTensor('b', [2], [1]), makeFloatTensor('one', [1], [])];
    const model = makeModel(makeGraph('dims', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 3, 4])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    const original = structuredClone(model);
    await foldConstants(model);
    assert.deepEqual(model.graph.nodes.map((n) => n.opType), ['Reshape', 'Add']);
    assert.deepEqual(reshapeTargetOf(model), [-1, 12]);
    const bias = model.graph.initializers.get(model.graph.nodes[1]!.inputs[1]!)!;
    assert.deepEqual(Array.from(bias.data as Float32Array), [3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25]);
    assert.equal(model.graph.initializers.size, 2, 'a, b and one are no longer used');
    await assertSameOutputs(original, model, [2, 3, 4]);
  });

  it('turns Shape of a fully static tensor into a constant', async () => {
    const nodes = [
      makeNode('Shape', ['x'], ['x_shape'], 'shape'),
      makeNode('Slice', ['x_shape', 'one', 'three'], ['tail'], 'slice'),
      makeNode('Shape', ['x'], ['head'], 'shape_head', { end: attr.int(1) }),
      makeNode('Concat', ['tail', 'head'], ['target'], 'concat', { axis: attr.int(0) }),
      makeNode('Reshape', ['x', 'target'], ['y'], 'reshape'),
    ];
    const model = makeModel(makeGraph('static', nodes, [makeValueInfo('x', DataType.FLOAT, [2, 3, 4])], [makeValueInfo('y', DataType.FLOAT)], [makeInt64Tensor('one', [1]), makeInt64Tensor('three', [3])]));
    const original = structuredClone(model);
    await foldConstants(model);
    assert.deepEqual(reshapeTargetOf(model), [3, 4, 2]);
    assert.equal(model.graph.nodes.length, 1);
    await assertSameOutputs(original, model, [2, 3, 4]);
  });

  it('keeps a dim in place (0) and lets the one run-time dim be inferred (-1)', async () => {
    // Reshape [N, T, 4] to [N, T·4], computed from Shape: the target becomes [0, -1].
    const nodes = [
      makeNode('Shape', ['x'], ['x_shape'], 'shape'),
      makeNode('Slice', ['x_shape', 'zero', 'one'], ['n'], 'slice_n'),
      makeNode('Slice', ['x_shape', 'one', 'two'], ['t'], 'slice_t'),
      makeNode('Mul', ['t', 'four'], ['t4'], 'mul'),
      makeNode('Concat', ['n', 't4'], ['target'], 'concat', { axis: attr.int(0) }),
      makeNode('Reshape', ['x', 'target'], ['y'], 'reshape'),
    ];
    const initializers = ['zero', 'one', 'two', 'four'].map((name, i) => makeInt64Tensor(name, [[0, 1, 2, 4][i]!]));
    const model = makeModel(makeGraph('mixed', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 'T', 4])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    const original = structuredClone(model);
    assert.equal(await foldConstants(model), 5);
    assert.deepEqual(reshapeTargetOf(model), [0, -1]);
    await assertSameOutputs(original, model, [2, 3, 4]);
    await assertSameOutputs(original, model, [3, 5, 4]);
  });

  it('leaves a target with two run-time dims as it is', async () => {
    // Reshape [N, T, 4] to [T, N·4]: neither entry can be made constant.
    const nodes = [
      makeNode('Shape', ['x'], ['x_shape'], 'shape'),
      makeNode('Slice', ['x_shape', 'zero', 'one'], ['n'], 'slice_n'),
      makeNode('Slice', ['x_shape', 'one', 'two'], ['t'], 'slice_t'),
      makeNode('Mul', ['n', 'four'], ['n4'], 'mul'),
      makeNode('Concat', ['t', 'n4'], ['target'], 'concat', { axis: attr.int(0) }),
      makeNode('Reshape', ['x', 'target'], ['y'], 'reshape'),
    ];
    const initializers = ['zero', 'one', 'two', 'four'].map((name, i) => makeInt64Tensor(name, [[0, 1, 2, 4][i]!]));
    const model = makeModel(makeGraph('mixed', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 'T', 4])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    const original = structuredClone(model);
    assert.equal(await foldConstants(model), 0);
    assert.deepEqual(model, original);
  });

  const constantKinds: [string, Parameters<typeof attr.int>[0] | number[] | ReturnType<typeof makeTensor>, DataType, Dim[], number[]][] = [
    ['value', makeTensor('', DataType.DOUBLE, [2, 2], Float64Array.from([1.5, -2, 3, 4])), DataType.DOUBLE, [2, 2], [1.5, -2, 3, 4]],
    ['value_float', 2.5, DataType.FLOAT, [], [2.5]],
    ['value_floats', [0.5, -1.25], DataType.FLOAT, [2], [0.5, -1.25]],
    ['value_int', 7, DataType.INT64, [], [7]],
    ['value_ints', [3, -4, 5], DataType.INT64, [3], [3, -4, 5]],
  ];
  for (const [kind, value, dataType, dims, values] of constantKinds) {
    it(`turns a Constant with ${kind} into an initializer`, async () => {
      const attribute = kind === 'value' ? attr.tensor(value as ReturnType<typeof makeTensor>)
        : kind === 'value_float' ? attr.float(value as number)
          : kind === 'value_int' ? attr.int(value as number)
            : kind === 'value_floats' ? attr.floats(value as number[]) : attr.ints(value as number[]);
      const nodes = [makeNode('Constant', [], ['c'], 'constant', { [kind]: attribute }), makeNode('Identity', ['c'], ['y'], 'identity')];
      const model = makeModel(makeGraph('constant', nodes, [], [makeValueInfo('y', dataType)]));
      const original = structuredClone(model);
      assert.equal(await foldConstants(model), 1);
      assert.deepEqual(model.graph.nodes.map((n) => n.opType), ['Identity']);
      const tensor = model.graph.initializers.get('c')!;
      assert.equal(tensor.dataType, dataType);
      assert.deepEqual(tensor.dims, dims);
      assert.deepEqual(Array.from(tensor.data as ArrayLike<number | bigint>, Number), values);
      const [before, after] = await Promise.all([original, model].map(async (m) => {
        const session = await createSession(m);
        const y = (await session.run({})).y!;
        await session.release();
        return { dims: y.dims, data: Array.from(y.data as ArrayLike<number | bigint>, Number) };
      }));
      assert.deepEqual(after, before);
    });
  }

  it('leaves a graph with nothing to fold unchanged', async () => {
    const nodes = [makeNode('Add', ['x', 'w'], ['h'], 'add'), makeNode('Mul', ['h', 'x'], ['y'], 'mul')];
    const model = makeModel(makeGraph('plain', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 3])], [makeValueInfo('y', DataType.FLOAT, ['N', 3])], [makeFloatTensor('w', [1, 2, 3], [3])]));
    const original = structuredClone(model);
    assert.equal(await foldConstants(model), 0);
    assert.deepEqual(model, original);
  });

  it('keeps DequantizeLinear of constant int8 weights (the QDQ structure) and overridable initializers', async () => {
    const nodes = [
      makeNode('DequantizeLinear', ['w_q', 'scale'], ['w'], 'dequantize'),
      makeNode('Mul', ['gain', 'two'], ['gain2'], 'mul_gain'),
      makeNode('Mul', ['x', 'w'], ['xw'], 'mul'),
      makeNode('Mul', ['xw', 'gain2'], ['y'], 'mul_out'),
    ];
    const initializers = [makeTensor('w_q', DataType.INT8, [3], Int8Array.from([1, -2, 3])), makeFloatTensor('scale', [0.5], []), makeFloatTensor('gain', [1], []), makeFloatTensor('two', [2], [])];
    // 'gain' is also a graph input, so a caller may feed another value: it is not a constant.
    const inputs = [makeValueInfo('x', DataType.FLOAT, [3]), makeValueInfo('gain', DataType.FLOAT, [])];
    const model = makeModel(makeGraph('qdq', nodes, inputs, [makeValueInfo('y', DataType.FLOAT)], initializers));
    const original = structuredClone(model);
    assert.equal(await foldConstants(model), 0);
    assert.deepEqual(model, original);
  });

  it('keeps an embedding lookup at constant indices, so the table stays a weight', async () => {
    // Position embeddings: Gather(table, positions 0…2) has only constant inputs, as does the
    // Slice of a position buffer that exporters write for them; the Slice folds, the Gather stays.
    const nodes = [
      makeNode('Slice', ['position_ids', 'zero', 'three', 'one'], ['positions'], 'slice'),
      makeNode('Gather', ['table', 'positions'], ['position_embeddings'], 'gather', { axis: attr.int(0) }),
      makeNode('Add', ['x', 'position_embeddings'], ['y'], 'add'),
    ];
    const initializers = [
      makeInt64Tensor('position_ids', [0, 1, 2, 3], [1, 4]),
      makeInt64Tensor('zero', [0]), makeInt64Tensor('three', [3]), makeInt64Tensor('one', [1]),
      makeFloatTensor('table', [0.5, -1, 2, 0.25, 3, -0.5, 1, 1.5], [4, 2]),
    ];
    const model = makeModel(makeGraph('positions', nodes, [makeValueInfo('x', DataType.FLOAT, ['N', 3, 2])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    const original = structuredClone(model);
    assert.equal(await foldConstants(model), 1);
    assert.deepEqual(model.graph.nodes.map((n) => n.opType), ['Gather', 'Add']);
    assert.equal(model.graph.nodes[0]!.inputs[0], 'table');
    assert.deepEqual(Array.from(model.graph.initializers.get(model.graph.nodes[0]!.inputs[1]!)!.data as BigInt64Array, Number), [0, 1, 2]);
    await assertSameOutputs(original, model, [2, 3, 2]);
  });

  it('removes nodes and initializers nobody uses', async () => {
    const nodes = [makeNode('Add', ['x', 'w'], ['y'], 'add'), makeNode('Mul', ['x', 'unused_w'], ['dead'], 'dead_mul')];
    const initializers = [makeFloatTensor('w', [1], [1]), makeFloatTensor('unused_w', [2], [1])];
    const model = makeModel(makeGraph('dead', nodes, [makeValueInfo('x', DataType.FLOAT, [1])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    assert.equal(await foldConstants(model), 1);
    assert.deepEqual(model.graph.nodes.map((n) => n.name), ['add']);
    assert.deepEqual([...model.graph.initializers.keys()], ['w']);
  });
});
