/**
 * Transformers through `distq run`: an encoder exported by torch.onnx.export (opsets 14 and 17)
 * trains from a token .npz without edits, and a builder encoder runs the seed's intermediate-layer
 * KD + QAT on the built-in SpamAssassin data, teacher and half-depth student, with transformer
 * roles in layers.json. Plus the errors that binding token data to a model can raise.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { inspectModel } from '../../../engine/commands/inspect.ts';
import { silentReporter } from '../../../engine/commands/reporter.ts';
import { buildTransformerClassifier, type TransformerClassifierSpec } from '../../../engine/models/transformerBuilder.ts';
import { evenlyKeptLayers, shallowerEncoder } from '../../../engine/models/shallowerEncoder.ts';
import { readModel, writeModel } from '../../../engine/onnx/modelFile.ts';
import type { LayerErrorReport } from '../../../contracts/layerErrorReport.ts';
import { loadedConfig, makeWorkspace, recordingReporter, rejection, removeWorkspace } from '../compression/runFixtures.ts';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'torch');
const TOKENS = path.join(FIXTURES, 'transformer_tokens.npz');
const TRAINING = { epochs: 2, batchSize: 16, evalBatchSize: 64, optimizer: { kind: 'adamw', learningRate: 0.003 }, logEverySteps: 1, seed: 3 };

/** Initializer values of a model file, by name. */
function weightsOf(file: string): Map<string, Float32Array> {
  const model = readModel(file);
  return new Map([...model.graph.initializers].filter(([, t]) => t.data instanceof Float32Array).map(([name, t]) => [name, t.data as Float32Array]));
}

describe('transformers through distq run', () => {
  let folder: string;
  before(() => {
    folder = makeWorkspace();
  });
  after(() => removeWorkspace(folder));

  for (const opset of [14, 17]) {
    it(`trains the torch.onnx.export encoder (opset ${opset}) from a token .npz with QAT + KD, and its INT8 export runs in ONNX Runtime`, async () => {
      const model = path.join(FIXTURES, `transformer_opset${opset}.onnx`);
      const summary = await runFromConfig(loadedConfig(folder, {
        name: `torch-${opset}`,
        model: { path: model },
        teacher: { path: model },
        data: { kind: 'tokens', path: TOKENS },
        distillation: { kind: 'kd', temperature: 2 },
        training: TRAINING,
      }), recordingReporter());
      assert.equal(summary.status, 'finished');
      assert.equal(summary.epochs.length, 2);
      for (const epoch of summary.epochs) assert.ok(Number.isFinite(epoch.trainLoss), `epoch ${epoch.epoch} loss ${epoch.trainLoss}`);
      // Training changed the weights, and the exported float student is the same graph with new values.
      const before = weightsOf(model);
      const after = weightsOf(path.join(summary.runFolder, 'student-fp32.onnx'));
      const changed = [...before].filter(([name, values]) => after.has(name) && after.get(name)!.some((v, i) => v !== values[i]));
      assert.ok(changed.length > 10, `${changed.length} initializers changed`);
      // The INT8 model takes the same int64 inputs and gives logits in ONNX Runtime.
      const session = await ort.InferenceSession.create(path.join(summary.runFolder, 'student-int8.onnx'));
      assert.deepEqual([...session.inputNames].sort(), ['attention_mask', 'input_ids']);
      const ids = new ort.Tensor('int64', BigInt64Array.from({ length: 16 }, (_, i) => BigInt(i % 50)), [2, 8]);
      const mask = new ort.Tensor('int64', BigInt64Array.from({ length: 16 }, (_, i) => (i % 8 < 6 ? 1n : 0n)), [2, 8]);
      const logits = (await session.run({ input_ids: ids, attention_mask: mask }))[session.outputNames[0]!]!;
      assert.deepEqual(logits.dims, [2, 2]);
      assert.ok([...(logits.data as Float32Array)].every(Number.isFinite));
      await session.release();
      assert.ok(summary.exportAgreement.ok, JSON.stringify(summary.exportAgreement));
    });
  }

  it('runs the seed\'s intermediate-layer KD + QAT on SpamAssassin for a builder encoder and its half-depth student, naming transformer layers', async () => {
    const spec: TransformerClassifierSpec = { name: 'tiny_encoder', vocabularySize: 256, sequenceLength: 16, hiddenSize: 16, heads: 2, layers: 4, intermediateSize: 32, classes: 2, seed: 2 };
    const teacher = path.join(folder, 'encoder-4l.onnx');
    writeModel(buildTransformerClassifier(spec), teacher);
    const halfSpec = { ...spec, name: 'tiny_encoder_2l', layers: 2 };
    const student = path.join(folder, 'encoder-2l.onnx');
    const kept = evenlyKeptLayers(4, 2);
    writeModel(shallowerEncoder(readModel(teacher), halfSpec, kept), student);
    const layerMappings = [
      ...kept.flatMap((t, j) => [
        { student: `layer${j}/output`, teacher: `layer${t}/output`, loss: 'MSE', weight: 1 },
        { student: `layer${j}/attention/probs`, teacher: `layer${t}/attention/probs`, loss: 'MSE', weight: 1 },
      ]),
      { student: 'logits', teacher: 'logits', loss: 'MSE', weight: 1 },
    ];
    const reporter = recordingReporter();
    const summary = await runFromConfig(loadedConfig(folder, {
      name: 'spam-half',
      model: { path: 'encoder-2l.onnx' },
      teacher: { path: 'encoder-4l.onnx' },
      data: { kind: 'spamassassin', vocabSize: 256, sequenceLength: 16, trainCount: 64, testCount: 48 },
      distillation: { kind: 'intermediate', addOriginLoss: true, layerMappings },
      training: { ...TRAINING, epochs: 1 },
    }), reporter);
    assert.equal(summary.status, 'finished');
    assert.ok(reporter.lines.some((line) => line.includes('built-in SpamAssassin (64 train / 48 test')), reporter.lines.join('\n'));
    const metrics = fs.readFileSync(path.join(summary.runFolder, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; losses?: Record<string, number> });
    const components = Object.keys(metrics.find((m) => m.type === 'step')!.losses!);
    assert.equal(components.length, layerMappings.length + 1, `a loss per mapping and the labels: ${components.join(', ')}`);
    const layers = JSON.parse(fs.readFileSync(path.join(summary.runFolder, 'layers.json'), 'utf8')) as { final: LayerErrorReport };
    const roles = layers.final.layers.map((l) => l.role);
    const perLayer = ['query', 'key', 'value', 'scores (Q·Kᵀ)', 'context (probs·V)', 'output projection'].map((part) => `attention · ${part}`).concat(['FFN intermediate', 'FFN output']);
    assert.deepEqual(roles, [...[0, 1].flatMap((i) => perLayer.map((part) => `layer ${i} · ${part}`)), 'classifier']);
  });

  it('inspects transformers on a token .npz and on SpamAssassin sized from the model\'s inputs', async () => {
    const exported = await inspectModel(path.join(FIXTURES, 'transformer_opset17.onnx'), { data: TOKENS, calibrationBatches: 2 }, silentReporter);
    for (const value of Object.values(exported.accuracy)) assert.ok(value >= 0 && value <= 1, JSON.stringify(exported.accuracy));
    assert.ok(exported.layers.layers.some((l) => l.role === 'layer 1 · attention · context (probs·V)'), exported.layers.layers.map((l) => l.role).join('; '));
    const model = path.join(folder, 'inspect-encoder.onnx');
    writeModel(buildTransformerClassifier({ name: 'inspect_encoder', vocabularySize: 300, sequenceLength: 12, hiddenSize: 8, heads: 2, layers: 1, classes: 2 }), model);
    const builtIn = await inspectModel(model, { data: 'spamassassin', calibrationBatches: 1 }, silentReporter);
    assert.equal(builtIn.layers.layers.length, 9, 'query, key, value, scores, context, projection, two FFN linears, classifier');
  });

  it('names the file, the input and the problem when token data does not fit the model', async () => {
    const spec: TransformerClassifierSpec = { name: 'small_vocab', vocabularySize: 40, sequenceLength: 8, hiddenSize: 8, heads: 2, layers: 1, classes: 2 };
    const model = path.join(folder, 'small-vocab.onnx');
    writeModel(buildTransformerClassifier(spec), model);
    const config = (data: Record<string, unknown>) => loadedConfig(folder, { name: 'misfit', model: { path: 'small-vocab.onnx' }, data, distillation: { kind: 'none' }, training: TRAINING });
    const ids = await rejection(runFromConfig(config({ kind: 'tokens', path: TOKENS }), recordingReporter()));
    assert.match(ids.message, /small-vocab\.onnx: input 'input_ids' indexes the 40-row table '.*' \(node '.*'\), but .*transformer_tokens\.npz.* holds id 4\d/);
    const length = await rejection(runFromConfig(config({ kind: 'spamassassin', vocabSize: 40, sequenceLength: 12, trainCount: 8, testCount: 8 }), recordingReporter()));
    assert.match(length.message, /small-vocab\.onnx: input 'input_ids' takes examples of shape \[8\], but built-in SpamAssassin .* has examples of shape \[12\]/);
    const images = await rejection(runFromConfig(config({ kind: 'mnist', trainCount: 8, testCount: 8 }), recordingReporter()));
    assert.match(images.message, /small-vocab\.onnx: the model takes 2 inputs \(input_ids, attention_mask\), but built-in MNIST .* gives 1 input \(image\)/);
  });
});
