/**
 * A BERT-style encoder classifier written by torch.onnx.export (opset 14 with LayerNorm decomposed
 * into ReduceMean/Sub/Pow/Sqrt/Div, opset 17 with LayerNormalization; int64 input_ids and
 * attention_mask, Shape→Gather→Unsqueeze→Slice position ids, Shape→Concat→Reshape head splits, the
 * pooler's hidden[:, 0]) trains without edits: DistQ's loss and gradients for a padded batch equal
 * PyTorch's (test/fixtures/torch/make_transformer_fixture.py).
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
import { loadTokenNpz } from '../../../engine/data/text/tokenNpz.ts';
import type { Model } from '../../../engine/onnx/ir.ts';
import { assertStepMatchesPytorch } from '../../support/pytorchReference.ts';

interface ReferenceTensor {
  dims: number[];
  data: number[];
}

interface Reference {
  onnxFile: string;
  inputNames: string[];
  outputName: string;
  classes: number;
  parameters: Record<string, string>;
  inputs: Record<string, ReferenceTensor>;
  labels: ReferenceTensor;
  float32: { logits: ReferenceTensor; loss: number; gradients: Record<string, ReferenceTensor> };
}

const folder = path.resolve(__dirname, '../../fixtures/torch');
const tokensFile = path.join(folder, 'transformer_tokens.npz');
const fixtures = ['transformer_opset14', 'transformer_opset17'];
/** The token whose presence among the unpadded tokens labels a sequence of the token set. */
const SIGNAL_TOKEN = 7n;

function readReference(name: string): Reference {
  return JSON.parse(fs.readFileSync(path.join(folder, `${name}.reference.json`), 'utf8')) as Reference;
}

async function preparedModel(reference: Reference): Promise<Model> {
  return prepareForTraining(readModel(path.join(folder, reference.onnxFile)), reference.inputNames);
}

function int64Tensor(values: ArrayLike<number | bigint>, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from(Array.from(values, (v) => BigInt(v))), dims);
}

describe('a torch.onnx.export BERT-style classifier trains without edits', () => {
  for (const name of fixtures) {
    it(`${name}: loss and the gradient of every parameter PyTorch trains match PyTorch`, async () => {
      const reference = readReference(name);
      const model = await preparedModel(reference);
      const trainable = Object.keys(reference.parameters);
      const graph = buildTrainingGraph(model, {
        logits: reference.outputName,
        trainable,
        extraInputs: [labelsInput()],
        addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, reference.outputName, LABELS_INPUT, reference.classes), weight: 1 }],
      });
      const step = await TrainStepSession.create(graph, model.graph.initializers);
      const feeds: Record<string, ort.Tensor> = { [LABELS_INPUT]: int64Tensor(reference.labels.data, reference.labels.dims) };
      for (const input of reference.inputNames) feeds[input] = int64Tensor(reference.inputs[input]!.data, reference.inputs[input]!.dims);
      const result = await step.run(feeds);
      assert.deepEqual(graph.parameters, trainable);
      assertStepMatchesPytorch(result, graph.parameters, reference.float32.loss, reference.float32.gradients);
      await step.release();
    });
  }

  for (const name of fixtures) {
    it(`${name}: DistQ finds exactly the parameters PyTorch trains, the decomposed LayerNorm's scale and bias included`, async () => {
      const reference = readReference(name);
      const found = findTrainableParameters(await preparedModel(reference));
      assert.deepEqual([...found].sort(), Object.keys(reference.parameters).sort());
    });
  }

  it('keeps the position embedding table a weight: its lookup at constant positions is not folded away', async () => {
    const reference = readReference('transformer_opset17');
    const model = await preparedModel(reference);
    const table = Object.keys(reference.parameters).find((p) => reference.parameters[p] === 'bert.embeddings.position_embeddings.weight');
    assert.ok(table && model.graph.initializers.has(table));
    assert.ok(model.graph.nodes.some((n) => n.opType === 'Gather' && n.inputs[0] === table));
  });
});

describe('the transformer token set (transformer_tokens.npz)', () => {
  it('loadTokenNpz reads both splits, and each label says whether token 7 is among the unpadded tokens', () => {
    const { train, test } = loadTokenNpz(tokensFile, { vocabSize: 50 });
    assert.deepEqual([train.count, test.count], [64, 32]);
    for (const split of [train, test]) {
      assert.equal(split.sequenceLength, 8);
      assert.equal(split.classCount, 2);
      for (let row = 0; row < split.count; row++) {
        const ids = split.inputIds.subarray(row * 8, (row + 1) * 8);
        const mask = split.attentionMask.subarray(row * 8, (row + 1) * 8);
        const length = mask.indexOf(0n) < 0 ? 8 : mask.indexOf(0n);
        assert.ok(mask.subarray(length).every((m) => m === 0n), `row ${row}: padding only at the end`);
        assert.ok(ids.subarray(length).every((id) => id === 0n), `row ${row}: padded ids are 0`);
        assert.equal(split.labels[row], ids.subarray(0, length).includes(SIGNAL_TOKEN) ? 1 : 0, `row ${row}: label`);
      }
      const positives = split.labels.reduce((sum, label) => sum + label, 0);
      assert.equal(positives, split.count / 2, 'the classes balance');
    }
  });

  it('the prepared training graph computes the exported logits for all 64 training sequences (both batch dims symbolic)', async () => {
    const { train } = loadTokenNpz(tokensFile, { vocabSize: 50 });
    const reference = readReference('transformer_opset17');
    const dims = [train.count, train.sequenceLength];
    const feeds = { input_ids: new ort.Tensor('int64', train.inputIds, dims), attention_mask: new ort.Tensor('int64', train.attentionMask, dims) };
    const exported = await ort.InferenceSession.create(path.join(folder, reference.onnxFile));
    const expected = (await exported.run(feeds))[reference.outputName]!.data as Float32Array;
    await exported.release();
    const model = await preparedModel(reference);
    const graph = buildTrainingGraph(model, {
      logits: reference.outputName,
      trainable: findTrainableParameters(model),
      extraInputs: [labelsInput()],
      addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, reference.outputName, LABELS_INPUT, reference.classes), weight: 1 }],
    });
    const step = await TrainStepSession.create(graph, model.graph.initializers);
    const result = await step.run({ ...feeds, [LABELS_INPUT]: int64Tensor(train.labels, [train.count]) });
    await step.release();
    assert.equal(result.logits.length, train.count * reference.classes);
    result.logits.forEach((value, k) => assert.ok(Math.abs(value - expected[k]!) <= 1e-5, `logit ${k}: ${value} vs ${expected[k]}`));
  });
});
