/**
 * MaxPool moved ahead of Relu and fake quantization in the training graph (engine/training/poolFirst.ts):
 * where it moves, the loss is the same bit for bit as with the ops in the model's order, and the
 * gradient reaches each window's largest value, computed here by hand; where the moved op's output
 * is read elsewhere, nothing moves.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, GraphBuilder, makeFloatTensor, makeGraph, makeModel, makeNode, makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { DISTQ_OP_DOMAIN } from '../../../engine/onnx/shapes/registry.ts';
import { buildTrainingGraph, type TrainingGraph } from '../../../engine/training/trainingGraph.ts';
import { movePoolingFirst } from '../../../engine/training/poolFirst.ts';
import { createSession } from '../../../engine/runtime/session.ts';

const SCALE = 0.25;
// One image, one channel, 4×4, pooled 2×2 → 2×2. Window maxima (row-major windows):
// 1.9 (also 1.0 there), 3.1 (ties with nothing), −0.6 (all negative), and 0.62 / 0.6, which round
// to the same level (0.5 at scale 0.25), the largest before rounding second in its window.
const X = [
  1.9, 1.0, 0.2, 3.1,
  -2.0, 0.4, -1.0, 2.2,
  -0.6, -0.9, 0.6, 0.62,
  -3.0, -1.2, 0.1, -0.3,
];
const WEIGHTS = [2, 3, 5, 7];

/** x (trainable) → Relu → FakeQuantize → MaxPool 2×2 → Σ weights · pooled. */
function reluQuantPoolModel(): Model {
  const nodes = [
    makeNode('Relu', ['x'], ['relu'], 'relu'),
    makeNode('FakeQuantize', ['relu', 'scale', 'zero'], ['quantized', 'mask'], 'fq', { qmin: attr.int(-128), qmax: attr.int(127) }, DISTQ_OP_DOMAIN),
    makeNode('MaxPool', ['quantized'], ['pooled'], 'pool', { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) }),
  ];
  const graph = makeGraph('g', nodes, [], [makeValueInfo('pooled', DataType.FLOAT, [1, 1, 2, 2])], [
    makeFloatTensor('x', X, [1, 1, 4, 4]),
    makeFloatTensor('scale', [SCALE], []),
    makeFloatTensor('zero', [0], []),
  ]);
  return makeModel(graph, [{ domain: '', version: 17 }, { domain: DISTQ_OP_DOMAIN, version: 1 }]);
}

function trainingGraph(model: Model, extraOutputs: string[] = []): TrainingGraph {
  return buildTrainingGraph(model, {
    logits: 'pooled',
    trainable: ['x'],
    extraInputs: [],
    extraOutputs,
    addLosses: (builder: GraphBuilder) => [{
      name: 'weighted',
      tensor: builder.op('ReduceSum', [builder.op('Mul', ['pooled', builder.floatConstant('weights', WEIGHTS, [1, 1, 2, 2])])], { keepdims: attr.int(0) }),
      weight: 1,
    }],
  });
}

async function lossAndGradient(graph: TrainingGraph): Promise<{ loss: number; gradient: number[] }> {
  const session = await createSession(graph.model);
  const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from(X), [1, 1, 4, 4]) });
  return { loss: (out[graph.totalLoss]!.data as Float32Array)[0]!, gradient: Array.from(out[graph.gradients[0]!]!.data as Float32Array) };
}

const opOrder = (graph: TrainingGraph): string[] => graph.model.graph.nodes.map((n) => n.opType).filter((t) => ['Relu', 'MaxPool', 'Div', 'Round'].includes(t));

describe('MaxPool ahead of Relu and fake quantization', () => {
  it('pools first, with the same loss bit for bit, and sends the gradient to each window\'s largest value', async () => {
    const moved = trainingGraph(reluQuantPoolModel());
    assert.deepEqual(opOrder(moved).slice(0, 4), ['MaxPool', 'Relu', 'Div', 'Round']);
    const kept = trainingGraph(reluQuantPoolModel(), ['quantized']);
    assert.deepEqual(opOrder(kept).slice(0, 4), ['Relu', 'Div', 'Round', 'MaxPool']);

    const [a, b] = [await lossAndGradient(moved), await lossAndGradient(kept)];
    // Pooled and quantized: 2.0 (1.9), 3.0 (3.1), 0 (all negative), 0.5 (0.62 and 0.6).
    assert.equal(a.loss, 2 * 2.0 + 3 * 3.0 + 5 * 0 + 7 * 0.5);
    assert.equal(a.loss, b.loss);
    const expected = new Array<number>(16).fill(0);
    expected[0] = 2; // 1.9
    expected[3] = 3; // 3.1
    expected[11] = 7; // 0.62, the largest before rounding; the negative window gets nothing
    assert.deepEqual(a.gradient.map((g) => g + 0), expected);
    // In the model's order the gradient went to 0.6, the first value at the level 0.5.
    assert.deepEqual(b.gradient.map((g) => g + 0), expected.map((g, i) => (i === 11 ? 0 : i === 10 ? 7 : g)));
  });

  it('moves a node only where the MaxPool is its output\'s one reader and its mask is unread', () => {
    assert.equal(movePoolingFirst(reluQuantPoolModel().graph, new Set()), 2);
    const twoReaders = reluQuantPoolModel();
    twoReaders.graph.nodes.push(makeNode('Identity', ['quantized'], ['copy'], 'copy'));
    assert.equal(movePoolingFirst(twoReaders.graph, new Set()), 0);
    const maskRead = reluQuantPoolModel();
    maskRead.graph.nodes.push(makeNode('Not', ['mask'], ['outside'], 'outside'));
    assert.equal(movePoolingFirst(maskRead.graph, new Set()), 0);
    assert.equal(movePoolingFirst(reluQuantPoolModel().graph, new Set(['quantized'])), 0);
    const withIndices = reluQuantPoolModel();
    withIndices.graph.nodes[2]!.outputs.push('indices');
    assert.equal(movePoolingFirst(withIndices.graph, new Set()), 0);
  });
});
