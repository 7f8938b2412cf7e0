import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo, type Attributes } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { Model, Node, Tensor } from '../../../engine/onnx/ir.ts';
import { foldBatchNormalization } from '../../../engine/onnx/passes/foldBatchNormalization.ts';
import { createSession, toOrtTensor } from '../../../engine/runtime/session.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

const random = new SeededRandom(11);
const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);
const randomTensor = (name: string, dims: number[], low = -1, high = 1): Tensor =>
  makeTensor(name, DataType.FLOAT, dims, Float32Array.from({ length: count(dims) }, () => low + (high - low) * random.next()));

function batchNormParameters(prefix: string, channels: number): Tensor[] {
  return [randomTensor(`${prefix}_scale`, [channels], 0.5, 2), randomTensor(`${prefix}_bias`, [channels]), randomTensor(`${prefix}_mean`, [channels]), randomTensor(`${prefix}_var`, [channels], 0.1, 2)];
}

const batchNorm = (input: string, output: string, prefix: string): Node =>
  makeNode('BatchNormalization', [input, `${prefix}_scale`, `${prefix}_bias`, `${prefix}_mean`, `${prefix}_var`], [output], `${prefix}_node`, { epsilon: attr.float(1e-3) });

async function outputsOf(model: Model, x: Tensor): Promise<Float32Array[]> {
  const session = await createSession(model);
  const result = await session.run({ x: toOrtTensor(x) });
  return model.graph.outputs.map((o) => result[o.name]!.data as Float32Array);
}

async function assertEquivalent(model: Model, xDims: number[]): Promise<Model> {
  const folded = foldBatchNormalization(model);
  const x = randomTensor('x', xDims);
  const [before, after] = [await outputsOf(model, x), await outputsOf(folded, x)];
  before.forEach((expected, k) => {
    const actual = after[k]!;
    assert.equal(actual.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      assert.ok(Math.abs(actual[i]! - expected[i]!) <= 1e-5 * Math.max(1, Math.abs(expected[i]!)), `output ${k}[${i}]: folded ${actual[i]} vs ${expected[i]}`);
    }
  });
  return folded;
}

const opTypes = (model: Model): string[] => model.graph.nodes.map((n) => n.opType);

describe('foldBatchNormalization', () => {
  it('folds into a Conv with bias, a Conv without bias and a depthwise Conv, equal outputs to 1e-5', async () => {
    const nodes = [
      makeNode('Conv', ['x', 'w1', 'b1'], ['c1'], 'conv1', { pads: attr.ints([1, 1, 1, 1]) }),
      batchNorm('c1', 'n1', 'bn1'),
      makeNode('Relu', ['n1'], ['r1'], 'relu1'),
      makeNode('Conv', ['r1', 'w2'], ['c2'], 'conv2', { strides: attr.ints([2, 2]) }),
      batchNorm('c2', 'n2', 'bn2'),
      makeNode('Conv', ['n2', 'w3'], ['c3'], 'conv3', { group: attr.int(4) }),
      batchNorm('c3', 'y', 'bn3'),
    ];
    const initializers = [randomTensor('w1', [3, 2, 3, 3]), randomTensor('b1', [3]), randomTensor('w2', [4, 3, 3, 3]), randomTensor('w3', [4, 1, 1, 1]), ...batchNormParameters('bn1', 3), ...batchNormParameters('bn2', 4), ...batchNormParameters('bn3', 4)];
    const model = makeModel(makeGraph('convs', nodes, [makeValueInfo('x', DataType.FLOAT, [2, 2, 7, 7])], [makeValueInfo('y', DataType.FLOAT)], initializers));
    const folded = await assertEquivalent(model, [2, 2, 7, 7]);
    assert.deepEqual(opTypes(folded), ['Conv', 'Relu', 'Conv', 'Conv']);
    assert.ok(![...folded.graph.initializers.keys()].some((name) => name.startsWith('bn') || name === 'w1'), 'the folded-away parameters are gone');
    assert.deepEqual(opTypes(model), ['Conv', 'BatchNormalization', 'Relu', 'Conv', 'BatchNormalization', 'Conv', 'BatchNormalization'], 'the input model is unchanged');
  });

  const gemmCases: [string, Attributes, number[], number[] | undefined][] = [
    ['transB = 1 with a vector C', { transB: attr.int(1) }, [5, 4], [5]],
    ['transB = 0, alpha and beta, C of shape [1, N]', { alpha: attr.float(0.5), beta: attr.float(2) }, [4, 5], [1, 5]],
    ['transA = 1 and a per-row C [M, 1]', { transA: attr.int(1), transB: attr.int(1), beta: attr.float(-1) }, [5, 4], [3, 1]],
    ['no C', { transB: attr.int(1) }, [5, 4], undefined],
  ];
  for (const [label, attributes, bDims, cDims] of gemmCases) {
    it(`folds into a Gemm: ${label}`, async () => {
      const transA = attributes['transA'] !== undefined;
      const xDims = transA ? [4, 3] : [3, 4];
      const gemm = makeNode('Gemm', ['x', 'b', ...(cDims ? ['c'] : [])], ['g'], 'gemm', attributes);
      const initializers = [randomTensor('b', bDims), ...(cDims ? [randomTensor('c', cDims)] : []), ...batchNormParameters('bn', 5)];
      const model = makeModel(makeGraph('gemm', [gemm, batchNorm('g', 'y', 'bn')], [makeValueInfo('x', DataType.FLOAT, xDims)], [makeValueInfo('y', DataType.FLOAT)], initializers));
      const folded = await assertEquivalent(model, xDims);
      assert.deepEqual(opTypes(folded), ['Gemm']);
    });
  }

  it('leaves a BatchNormalization alone when the Conv output has another reader', async () => {
    const nodes = [makeNode('Conv', ['x', 'w'], ['c'], 'conv'), batchNorm('c', 'y', 'bn'), makeNode('Relu', ['c'], ['z'], 'relu')];
    const model = makeModel(makeGraph('shared', nodes, [makeValueInfo('x', DataType.FLOAT, [1, 2, 4, 4])], [makeValueInfo('y', DataType.FLOAT), makeValueInfo('z', DataType.FLOAT)], [randomTensor('w', [3, 2, 3, 3]), ...batchNormParameters('bn', 3)]));
    const folded = await assertEquivalent(model, [1, 2, 4, 4]);
    assert.deepEqual(opTypes(folded), ['Conv', 'BatchNormalization', 'Relu']);
  });

  it('leaves a BatchNormalization alone when its statistics are not constants', async () => {
    const nodes = [makeNode('Conv', ['x', 'w'], ['c'], 'conv'), batchNorm('c', 'y', 'bn')];
    const parameters = batchNormParameters('bn', 3);
    const graph = makeGraph('inputs', nodes, [makeValueInfo('x', DataType.FLOAT, [1, 2, 4, 4]), makeValueInfo('bn_mean', DataType.FLOAT, [3])], [makeValueInfo('y', DataType.FLOAT)], [randomTensor('w', [3, 2, 3, 3]), ...parameters.filter((p) => p.name !== 'bn_mean')]);
    assert.deepEqual(opTypes(foldBatchNormalization(makeModel(graph))), ['Conv', 'BatchNormalization']);
  });
});
