import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as ort from 'onnxruntime-node';
import { attr, GraphBuilder, makeGraph, makeInt64Tensor, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { Dim, Tensor } from '../../../engine/onnx/ir.ts';
import { inferShapes } from '../../../engine/onnx/shapeInference.ts';
import { buildGradientGraph } from '../../../engine/autodiff/differentiate.ts';
import { createSession, float64Tensor } from '../../../engine/runtime/session.ts';
import { findGradientRule } from '../../../engine/autodiff/registry.ts';
import { NO_GRADIENT } from '../../../engine/autodiff/gradientRule.ts';
import { checkGradients, type CheckedInput } from '../../support/gradientCheck.ts';

const ints = (values: number[], dims: number[] = [values.length]): CheckedInput => ({ dims, values, dataType: 'int64', constant: true });

describe('shape gradient rules (finite differences, float64)', () => {
  it('Identity', async () => {
    await checkGradients({ opType: 'Identity', inputs: [{ dims: [2, 3] }] });
  });
  it('Reshape with -1', async () => {
    await checkGradients({ opType: 'Reshape', inputs: [{ dims: [2, 3, 4] }, ints([4, -1])] });
  });
  it('Reshape with a 0 that copies a dim', async () => {
    await checkGradients({ opType: 'Reshape', inputs: [{ dims: [2, 3, 4] }, ints([0, 12])] });
  });
  for (const axis of [0, 1, 2, -1]) {
    it(`Flatten axis ${axis}`, async () => {
      await checkGradients({ opType: 'Flatten', inputs: [{ dims: [2, 3, 4] }], attributes: { axis: attr.int(axis) } });
    });
  }
  it('Transpose with the default (reversed) perm', async () => {
    await checkGradients({ opType: 'Transpose', inputs: [{ dims: [2, 3, 4] }] });
  });
  it('Transpose with perm [1, 2, 0]', async () => {
    await checkGradients({ opType: 'Transpose', inputs: [{ dims: [2, 3, 4] }], attributes: { perm: attr.ints([1, 2, 0]) } });
  });
  it('Squeeze with axes', async () => {
    await checkGradients({ opType: 'Squeeze', inputs: [{ dims: [2, 1, 3, 1] }, ints([-1])] });
  });
  it('Squeeze without axes', async () => {
    await checkGradients({ opType: 'Squeeze', inputs: [{ dims: [2, 1, 3, 1] }] });
  });
  it('Unsqueeze with a negative axis', async () => {
    await checkGradients({ opType: 'Unsqueeze', inputs: [{ dims: [2, 3] }, ints([0, -1])] });
  });
  it('Concat of three inputs along axis 1', async () => {
    await checkGradients({ opType: 'Concat', inputs: [{ dims: [2, 1, 3] }, { dims: [2, 4, 3] }, { dims: [2, 2, 3] }], attributes: { axis: attr.int(1) } });
  });
  it('Concat along axis -1 with one input not trained', async () => {
    await checkGradients({ opType: 'Concat', inputs: [{ dims: [2, 2] }, { dims: [2, 3], differentiable: false }], attributes: { axis: attr.int(-1) } });
  });
  it('Slice step 1 with negative and clamped indices', async () => {
    await checkGradients({ opType: 'Slice', inputs: [{ dims: [4, 5, 3] }, ints([-3, 1]), ints([100, -1]), ints([0, 1])] });
  });
  it('Slice without axes (leading axes)', async () => {
    await checkGradients({ opType: 'Slice', inputs: [{ dims: [4, 5] }, ints([1]), ints([3])] });
  });
  it('Slice with step 2', async () => {
    await checkGradients({ opType: 'Slice', inputs: [{ dims: [5, 6] }, ints([0, 1]), ints([5, 6]), ints([0, 1]), ints([2, 2])] });
  });
  it('Slice with a negative step (reversal)', async () => {
    await checkGradients({ opType: 'Slice', inputs: [{ dims: [3, 5] }, ints([-1]), ints([-(2 ** 31)]), ints([1]), ints([-1])] });
  });
  it('Gather axis 0 with repeated indices (scatter-add)', async () => {
    await checkGradients({ opType: 'Gather', inputs: [{ dims: [4, 3] }, ints([0, 2, 2, 3, 0, -1], [2, 3])] });
  });
  it('Gather axis 1 with 2-D indices', async () => {
    await checkGradients({ opType: 'Gather', inputs: [{ dims: [2, 4, 3] }, ints([1, 1, 3, 0], [2, 2])], attributes: { axis: attr.int(1) } });
  });
  it('Gather a scalar index along the last axis', async () => {
    await checkGradients({ opType: 'Gather', inputs: [{ dims: [2, 3, 4] }, ints([2], [])], attributes: { axis: attr.int(-1) } });
  });
  it('Gather with indices fed at run time', async () => {
    await checkGradients({ opType: 'Gather', inputs: [{ dims: [5, 2] }, { dims: [3], values: [4, 0, 4], dataType: 'int64' }] });
  });
  it('Expand to a higher rank', async () => {
    await checkGradients({ opType: 'Expand', inputs: [{ dims: [3, 1] }, ints([2, 3, 4])] });
  });
  it('Tile', async () => {
    await checkGradients({ opType: 'Tile', inputs: [{ dims: [2, 1, 3] }, ints([2, 3, 1])] });
  });
  it('Pad (constant) with positive pads', async () => {
    await checkGradients({ opType: 'Pad', inputs: [{ dims: [2, 3] }, ints([1, 0, 2, 2])] });
  });
  it('Pad with negative pads (cropping) and a trainable constant value', async () => {
    await checkGradients({ opType: 'Pad', inputs: [{ dims: [3, 4] }, ints([-1, 2, 1, -2]), { dims: [] }] });
  });
  it('Pad with an axes input (opset 18)', async () => {
    await checkGradients({ opType: 'Pad', inputs: [{ dims: [2, 3, 4] }, ints([1, 2, 0, 1]), null, ints([2, 0])], opset: 18 });
  });
  it('Cast to the same float type', async () => {
    await checkGradients({ opType: 'Cast', inputs: [{ dims: [2, 3] }], attributes: { to: attr.int(DataType.DOUBLE) } });
  });
  it('CastLike', async () => {
    await checkGradients({ opType: 'CastLike', inputs: [{ dims: [2, 3] }, { dims: [1], differentiable: false }] });
  });
  it('Split into equal parts', async () => {
    await checkGradients({ opType: 'Split', inputs: [{ dims: [2, 6] }], attributes: { axis: attr.int(1) }, outputCount: 3 });
  });
  it('Split with sizes, one output unused', async () => {
    await checkGradients({ opType: 'Split', inputs: [{ dims: [5, 2] }, ints([2, 3])], outputCount: 1, totalOutputs: 2 });
  });
  it('Split with num_outputs and an uneven last part (opset 18)', async () => {
    await checkGradients({ opType: 'Split', inputs: [{ dims: [7] }], attributes: { num_outputs: attr.int(3) }, outputCount: 3, opset: 18 });
  });
  it('Dropout in inference mode is the identity', async () => {
    await checkGradients({ opType: 'Dropout', inputs: [{ dims: [3, 4] }, { dims: [], values: [0.5], constant: true, differentiable: false }], totalOutputs: 2 });
  });
});

describe('shape ops without gradients', () => {
  for (const opType of ['Shape', 'Size', 'Constant', 'ConstantOfShape', 'OneHot', 'Range']) {
    it(`${opType} is registered as having none`, () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
    });
  }
});

/** Differentiates loss = Σ Y·R for one node and returns dX for a concrete feed (X of ones, R = 1, 2, 3, …). */
async function gradientOfSum(opType: string, inputShape: Dim[], feedDims: number[], extra: { initializers?: Tensor[]; inputs?: string[]; attributes?: Attributes; outputs?: number } = {}): Promise<{ dX: number[]; outputs: ort.Tensor[] }> {
  const outputs = Array.from({ length: extra.outputs ?? 1 }, (_, i) => `y${i}`);
  const graph = makeGraph('symbolic', [makeNode(opType, ['x', ...(extra.inputs ?? [])], outputs, 'op', extra.attributes ?? {})], [makeValueInfo('x', DataType.DOUBLE, inputShape)], [], extra.initializers ?? []);
  const builder = new GraphBuilder(graph, 'loss');
  const weights = builder.op('Cast', [builder.op('Range', [builder.constant('start', makeTensor('', DataType.INT64, [], [1n])), builder.op('Add', [builder.op('Size', ['y0']), builder.constant('one', makeTensor('', DataType.INT64, [], [1n]))]), builder.constant('step', makeTensor('', DataType.INT64, [], [1n]))])], { to: attr.int(DataType.DOUBLE) });
  const r = builder.op('Reshape', [weights, builder.op('Shape', ['y0'])]);
  const loss = builder.op('ReduceSum', [builder.op('Mul', ['y0', r])], { keepdims: attr.int(0) });
  const { gradients } = buildGradientGraph(graph, { loss, parameters: ['x'], opset: 17 });
  graph.outputs = [makeValueInfo(gradients.get('x')!, DataType.DOUBLE), ...outputs.map((o) => makeValueInfo(o, inferShapes(graph, 17).get(o)!.dataType))];
  const session = await createSession(makeModel(graph));
  const count = feedDims.reduce((a, b) => a * b, 1);
  const result = await session.run({ x: float64Tensor(new Float64Array(count).fill(1), feedDims) });
  await session.release();
  return { dX: Array.from(result[gradients.get('x')!]!.data as Float64Array), outputs: outputs.map((o) => result[o]!) };
}

describe('shape gradient rules on symbolic batches and in training mode (exact values)', () => {
  it('Slice with step 2 over a symbolic batch scatters the gradient back at run time', async () => {
    const starts = makeInt64Tensor('starts', [1]);
    const ends = makeInt64Tensor('ends', [2 ** 31]);
    const axes = makeInt64Tensor('axes', [1]);
    const steps = makeInt64Tensor('steps', [2]);
    const { dX } = await gradientOfSum('Slice', ['N', 5], [2, 5], { initializers: [starts, ends, axes, steps], inputs: ['starts', 'ends', 'axes', 'steps'] });
    // Y = X[:, 1::2] is [2, 2]; R = [[1, 2], [3, 4]] lands on columns 1 and 3.
    assert.deepEqual(dX, [0, 1, 0, 2, 0, 0, 3, 0, 4, 0]);
  });
  it('Gather along axis 1 over a symbolic batch adds repeated picks', async () => {
    const indices = makeInt64Tensor('indices', [2, 0, 2]);
    const { dX } = await gradientOfSum('Gather', ['N', 3], [2, 3], { initializers: [indices], inputs: ['indices'], attributes: { axis: attr.int(1) } });
    // R = [[1, 2, 3], [4, 5, 6]]: column 2 gets 1 + 3 and 4 + 6, column 0 gets 2 and 5.
    assert.deepEqual(dX, [2, 0, 4, 5, 0, 10]);
  });
  it('Tile over a symbolic batch sums the tiles', async () => {
    const repeats = makeInt64Tensor('repeats', [2, 2]);
    const { dX } = await gradientOfSum('Tile', ['N', 2], [1, 2], { initializers: [repeats], inputs: ['repeats'] });
    // Y is [2, 4] with R = 1…8: x[0, 0] feeds 1, 3, 5, 7 and x[0, 1] feeds 2, 4, 6, 8.
    assert.deepEqual(dX, [16, 20]);
  });
  it('Dropout in training mode passes the gradient through the mask, scaled by 1 / (1 − ratio)', async () => {
    const ratio = makeTensor('ratio', DataType.DOUBLE, [], Float64Array.from([0.75]));
    const training = makeTensor('training', DataType.BOOL, [], Uint8Array.from([1]));
    const { dX, outputs } = await gradientOfSum('Dropout', [4, 50], [4, 50], { initializers: [ratio, training], inputs: ['ratio', 'training'], attributes: { seed: attr.int(3) }, outputs: 2 });
    const mask = Array.from(outputs[1]!.data as Uint8Array);
    assert.ok(mask.some((m) => m) && mask.some((m) => !m), 'the mask drops some elements and keeps others');
    assert.deepEqual(dX, mask.map((m, i) => (m ? (i + 1) * 4 : 0)));
  });
});
