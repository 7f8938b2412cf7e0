/**
 * The BERT-style encoder classifier: it passes the checker, runs in ONNX Runtime with
 * padded batches, ignores padded tokens, exposes every weight as trainable, and trains.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { buildTransformerClassifier, TRANSFORMER_ATTENTION_MASK, TRANSFORMER_INPUT_IDS, TRANSFORMER_OUTPUT, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { checkModel } from '../../../engine/onnx/checker.ts';
import { createSession, int64Tensor, tensorFloats } from '../../../engine/runtime/session.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { buildTrainingGraph, LABELS_INPUT, labelsInput } from '../../../engine/training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../../../engine/losses/crossEntropy.ts';
import { TrainStepSession } from '../../../engine/training/trainStep.ts';
import { SgdOptimizer } from '../../../engine/training/optim/sgd.ts';
import { SeededRandom } from '../../../engine/util/random.ts';

const spec: TransformerClassifierSpec = { name: 'tiny_encoder', vocabularySize: 12, sequenceLength: 8, hiddenSize: 16, heads: 2, layers: 2, intermediateSize: 32, classes: 3, seed: 7 };

/** Rows of token ids and masks, padded with token 0 after each row's length. */
function batchOf(rows: number[][], length: number): { ids: BigInt64Array; mask: BigInt64Array } {
  const ids = new BigInt64Array(rows.length * length);
  const mask = new BigInt64Array(rows.length * length);
  rows.forEach((row, n) => {
    row.forEach((token, l) => {
      ids[n * length + l] = BigInt(token);
      mask[n * length + l] = 1n;
    });
  });
  return { ids, mask };
}

function feeds(ids: BigInt64Array, mask: BigInt64Array, length: number): Record<string, ort.Tensor> {
  const dims = [ids.length / length, length];
  return { [TRANSFORMER_INPUT_IDS]: int64Tensor(ids, dims), [TRANSFORMER_ATTENTION_MASK]: int64Tensor(mask, dims) };
}

describe('buildTransformerClassifier', () => {
  it('passes the checker and names the tensors layer mappings refer to', () => {
    const model = buildTransformerClassifier(spec);
    checkModel(model);
    const outputs = new Set(model.graph.nodes.flatMap((n) => n.outputs));
    const nodeNames = new Set(model.graph.nodes.map((n) => n.name));
    for (let i = 0; i < spec.layers; i++) {
      for (const name of ['attention/query', 'attention/key', 'attention/value', 'attention/probs', 'attention/output', 'ffn/intermediate', 'output']) {
        assert.ok(outputs.has(`layer${i}/${name}`), `tensor layer${i}/${name}`);
        assert.ok(nodeNames.has(`layer${i}/${name}`), `node layer${i}/${name}`);
      }
      const probs = model.graph.nodes.find((n) => n.outputs[0] === `layer${i}/attention/probs`);
      assert.equal(probs?.opType, 'Softmax');
    }
    assert.ok(outputs.has('pooled') && outputs.has(TRANSFORMER_OUTPUT));
    assert.deepEqual(model.graph.inputs.map((v) => [v.name, v.shape]), [[TRANSFORMER_INPUT_IDS, ['N', 8]], [TRANSFORMER_ATTENTION_MASK, ['N', 8]]]);
  });

  it('initialises reproducibly from its seed: LayerNorm scale 1 and bias 0, small embeddings', () => {
    const a = buildTransformerClassifier(spec);
    const b = buildTransformerClassifier(spec);
    const c = buildTransformerClassifier({ ...spec, seed: 8 });
    const query = 'layer0/attention/query.weight';
    assert.deepEqual(a.graph.initializers.get(query)!.data, b.graph.initializers.get(query)!.data);
    assert.notDeepEqual(a.graph.initializers.get(query)!.data, c.graph.initializers.get(query)!.data);
    const bound = 1 / Math.sqrt(spec.hiddenSize);
    assert.ok([...(a.graph.initializers.get(query)!.data as Float32Array)].every((v) => Math.abs(v) <= bound));
    assert.ok([...(a.graph.initializers.get('layer1/output.scale')!.data as Float32Array)].every((v) => v === 1));
    assert.ok([...(a.graph.initializers.get('layer1/output.bias')!.data as Float32Array)].every((v) => v === 0));
    const table = a.graph.initializers.get('embeddings/token.weight')!.data as Float32Array;
    const std = Math.sqrt(table.reduce((s, v) => s + v * v, 0) / table.length);
    assert.ok(std > 0.01 && std < 0.03, `embedding std ${std}`);
  });

  it('runs a padded batch of 3, and a padded token does not change the logits', async () => {
    const model = buildTransformerClassifier(spec);
    const session = await createSession(model);
    const L = spec.sequenceLength;
    const { ids, mask } = batchOf([[1, 4, 5, 6, 7, 8, 9, 10], [1, 3, 3], [1, 11, 2, 5, 7]], L);
    const before = tensorFloats((await session.run(feeds(ids, mask, L)))[TRANSFORMER_OUTPUT]);
    assert.equal(before.length, 3 * spec.classes);
    assert.ok(before.every(Number.isFinite));
    const changedPadding = ids.slice();
    changedPadding[1 * L + 5] = 9n;
    changedPadding[2 * L + 7] = 4n;
    const after = tensorFloats((await session.run(feeds(changedPadding, mask, L)))[TRANSFORMER_OUTPUT]);
    for (let k = 0; k < before.length; k++) assert.ok(Math.abs(before[k]! - after[k]!) <= 1e-5, `logit ${k}: ${before[k]} vs ${after[k]}`);
    // The same change at an attended position does change them: the comparison above can fail.
    const changedToken = ids.slice();
    changedToken[1 * L + 2] = 9n;
    const moved = tensorFloats((await session.run(feeds(changedToken, mask, L)))[TRANSFORMER_OUTPUT]);
    assert.ok(Math.max(...[0, 1, 2].map((k) => Math.abs(moved[spec.classes + k]! - before[spec.classes + k]!))) > 1e-4);
    await session.release();
  });

  it('exposes every float weight as a trainable parameter', () => {
    const model = buildTransformerClassifier(spec);
    const trainable = new Set(findTrainableParameters(model));
    const weights = [...model.graph.initializers.values()].filter((t) => t.dims.length >= 1 && t.data instanceof Float32Array).map((t) => t.name);
    assert.equal(weights.length, 2 + 2 + spec.layers * (4 * 2 + 2 + 2 * 2 + 2) + 2);
    assert.deepEqual([...trainable].sort(), weights.sort());
  });

  it('trains: 30 SGD steps on "does token 5 appear" drive the loss down', async () => {
    const taskSpec: TransformerClassifierSpec = { ...spec, classes: 2, layers: 1 };
    const model = buildTransformerClassifier(taskSpec);
    const trainable = findTrainableParameters(model);
    const graph = buildTrainingGraph(model, {
      logits: TRANSFORMER_OUTPUT,
      trainable,
      extraInputs: [labelsInput()],
      addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, TRANSFORMER_OUTPUT, LABELS_INPUT, 2), weight: 1 }],
    });
    assert.ok(graph.gradients.every((g) => g !== undefined), 'every parameter gets a gradient');

    const random = new SeededRandom(3);
    const L = taskSpec.sequenceLength;
    const rows: number[][] = [];
    const labels: bigint[] = [];
    for (let n = 0; n < 64; n++) {
      const length = 3 + random.integer(L - 2);
      // Position 0 is [CLS] (token 1); the rest avoid 5 except where the example is positive.
      const row = [1, ...Array.from({ length: length - 1 }, () => [2, 3, 4, 6, 7, 8, 9, 10, 11][random.integer(9)]!)];
      const positive = n % 2 === 0;
      if (positive) row[1 + random.integer(length - 1)] = 5;
      rows.push(row);
      labels.push(positive ? 1n : 0n);
    }
    const { ids, mask } = batchOf(rows, L);
    const batch = { ...feeds(ids, mask, L), [LABELS_INPUT]: int64Tensor(BigInt64Array.from(labels), [labels.length]) };

    const step = await TrainStepSession.create(graph, model.graph.initializers);
    const optimizer = new SgdOptimizer({ momentum: 0.9 });
    const losses: number[] = [];
    for (let s = 0; s < 30; s++) {
      const result = await step.run(batch);
      losses.push(result.totalLoss);
      optimizer.step(graph.parameters.map((name, i) => ({ name, value: step.parameterValues[i]!, gradient: result.gradients[i]!, weightDecay: false })), 0.1);
    }
    await step.release();
    assert.ok(losses.every(Number.isFinite));
    assert.ok(Math.abs(losses[0]! - Math.log(2)) < 0.2, `starts near ln 2: ${losses[0]}`);
    assert.ok(losses.at(-1)! < 0.1, `loss ${losses[0]} → ${losses.at(-1)}`);
  });
});
