import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildSequentialModel, MODEL_INPUT, MODEL_OUTPUT } from '../../../engine/models/sequentialBuilder.ts';
import { createFloatDataset } from '../../../engine/data/dataset.ts';
import { makeValueInfo } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { ClassifierEvaluator } from '../../../engine/training/evaluate.ts';

describe('ClassifierEvaluator with several graph outputs', () => {
  it('reads the logits by name when they are not the first output', async () => {
    const model = buildSequentialModel({ name: 'two-outputs', inputShape: [4], layers: [{ kind: 'linear', outFeatures: 6 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 3 }], seed: 5 });
    const hidden = model.graph.nodes.find((node) => node.opType === 'Relu')!.outputs[0]!;
    const logitsOnly = await ClassifierEvaluator.create(model, [MODEL_INPUT], MODEL_OUTPUT);
    model.graph.outputs.unshift(makeValueInfo(hidden, DataType.FLOAT));
    const hiddenFirst = await ClassifierEvaluator.create(model, [MODEL_INPUT], MODEL_OUTPUT);
    const dataset = createFloatDataset({ values: Float32Array.from({ length: 20 }, (_, i) => Math.sin(i)), shape: [4], labels: Int32Array.from([0, 1, 2, 0, 1]), classCount: 3 });
    const expected = await logitsOnly.logits(dataset, 0, 5);
    const actual = await hiddenFirst.logits(dataset, 0, 5);
    assert.equal(actual.length, 15, 'three logits per example, not the six hidden units');
    assert.deepEqual(Array.from(actual), Array.from(expected));
  });
});
