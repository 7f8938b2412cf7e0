/**
 * Models written by torch.onnx.export (opsets 13 and 17, with BatchNormalization,
 * residual Add, pooling, Shape→Gather→Concat→Reshape chains) train without edits:
 * DistQ's loss and gradients for a batch equal PyTorch's (test/fixtures/torch). The CNN
 * also at opsets 22 and 23 (its opset-17 file raised by raise_opset.ts), against the same reference.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModel } from '../../../engine/onnx/modelFile.ts';
import { prepareForTraining } from '../../../engine/models/prepareModel.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { buildTrainingGraph, LABELS_INPUT, labelsInput } from '../../../engine/training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../../../engine/losses/crossEntropy.ts';
import { TrainStepSession } from '../../../engine/training/trainStep.ts';
import { assertStepMatchesPytorch } from '../../support/pytorchReference.ts';

interface ReferenceTensor {
  dims: number[];
  data: number[];
}

interface Reference {
  onnxFile: string;
  parameters: Record<string, string>;
  input: ReferenceTensor;
  labels: ReferenceTensor;
  float32: { logits: ReferenceTensor; loss: number | ReferenceTensor; gradients: Record<string, ReferenceTensor> };
}

const folder = path.resolve(__dirname, '../../fixtures/torch');
/** Fixture name → the reference it is checked against (its own, or the opset-17 file's it was raised from). */
const fixtures: [string, string][] = [
  ['mlp_opset13', 'mlp_opset13'], ['mlp_opset17', 'mlp_opset17'], ['cnn_opset13', 'cnn_opset13'], ['cnn_opset17', 'cnn_opset17'],
  ['cnn_opset22', 'cnn_opset17'], ['cnn_opset23', 'cnn_opset17'],
];

function lossValue(loss: number | ReferenceTensor): number {
  return typeof loss === 'number' ? loss : loss.data[0]!;
}

describe('exporter graphs train without edits', () => {
  for (const [name, referenceName] of fixtures) {
    it(`${name}: loss and every gradient match PyTorch`, async () => {
      const reference = JSON.parse(fs.readFileSync(path.join(folder, `${referenceName}.reference.json`), 'utf8')) as Reference;
      const model = await prepareForTraining(readModel(path.join(folder, `${name}.onnx`)), ['input']);
      const trainable = findTrainableParameters(model);
      assert.deepEqual([...trainable].sort(), Object.keys(reference.parameters).sort(), 'trainable parameters are the ones PyTorch trains');
      const graph = buildTrainingGraph(model, {
        logits: 'logits',
        trainable,
        extraInputs: [labelsInput()],
        addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, 'logits', LABELS_INPUT, 10), weight: 1 }],
      });
      const step = await TrainStepSession.create(graph, model.graph.initializers);
      const result = await step.run({
        input: new ort.Tensor('float32', Float32Array.from(reference.input.data), reference.input.dims),
        [LABELS_INPUT]: new ort.Tensor('int64', BigInt64Array.from(reference.labels.data.map((v) => BigInt(v))), reference.labels.dims),
      });
      assertStepMatchesPytorch(result, graph.parameters, lossValue(reference.float32.loss), reference.float32.gradients);
      await step.release();
    });
  }
});
