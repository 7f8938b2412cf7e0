import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { getInt } from '../../../engine/onnx/builder.ts';
import { cloneModel } from '../../../engine/onnx/cloneModel.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { buildSequentialModel } from '../../../engine/models/sequentialBuilder.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { fakeQuantOptions } from '../../../engine/quantization/fakeQuantOptions.ts';
import { insertFakeQuantization } from '../../../engine/quantization/insertFakeQuant.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { quantizationConfig } from '../analysis/qdqFixtures.ts';

/** conv1 → relu → maxpool → conv2 → relu → maxpool → flatten → linear1 → relu → linear2, with conv2 at W4A4 and linear1 in float. */
const MIXED = { layers: { conv2: { weights: { bits: 4 }, activations: { bits: 4 } }, linear1: 'float' as const } };

/** The [qmin, qmax] of the FakeQuantize node that reads `tensor`, if any. */
function fakeQuantRange(model: Model, tensor: string): [number, number] | undefined {
  const node = model.graph.nodes.find((n) => n.opType === 'FakeQuantize' && n.inputs[0] === tensor);
  return node ? [getInt(node, 'qmin', Number.NaN), getInt(node, 'qmax', Number.NaN)] : undefined;
}

describe('mixed precision in the QAT graph (quantization.layers)', () => {
  const model = buildSequentialModel(MNIST_CNN);
  const qat = cloneModel(model);
  const result = insertFakeQuantization(qat, fakeQuantOptions(quantizationConfig(MIXED), new Set(findTrainableParameters(model))));

  it('fake-quantizes a layer\'s weights with its own bit width, and the others with the global (reduced) 8-bit range', () => {
    assert.deepEqual(fakeQuantRange(qat, 'conv2.weight'), [-7, 7]);
    assert.deepEqual(fakeQuantRange(qat, 'conv1.weight'), [-63, 63]);
    assert.deepEqual(fakeQuantRange(qat, 'linear2.weight'), [-63, 63]);
    assert.equal(result.weights.find((w) => w.node === 'conv2')?.qmax, 7);
  });

  it('keeps a "float" layer\'s weights in float', () => {
    assert.equal(fakeQuantRange(qat, 'linear1.weight'), undefined);
    assert.ok(!result.weights.some((w) => w.node === 'linear1'));
  });

  it('quantizes the activations a layer reads with its bits, through pass-through ops, and its observer uses the same scheme', () => {
    // conv1's output reaches conv2 through Relu and MaxPool: conv2 reads it, so 4 bits (uint8 grid [0, 15]).
    const conv2Input = result.activations.find((a) => a.tensor === 'relu1_out');
    assert.deepEqual([conv2Input?.qmin, conv2Input?.qmax, conv2Input?.scheme.bits], [0, 15, 4]);
    assert.deepEqual(fakeQuantRange(qat, 'relu1_out'), [0, 15]);
    // conv2's output goes only to the float linear1: it takes its producer's (conv2's) bits.
    assert.deepEqual(fakeQuantRange(qat, 'relu2_out'), [0, 15]);
    // linear2 reads at the global 8 bits.
    assert.deepEqual(fakeQuantRange(qat, 'relu3_out'), [0, 255]);
    assert.deepEqual(fakeQuantRange(qat, 'input'), [0, 255]);
  });
});
