/**
 * Self-distillation on a trained student: the head warm-up trains only the auxiliary heads,
 * the self terms' weights follow the configured ramp and cap, each head's accuracy is logged,
 * and the heads never reach the exported models.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadMnist, prepareCompression } from '../../../engine/index.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { readModel } from '../../../engine/onnx/modelFile.ts';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { warmsUpHeads, warmUpHeads } from '../../../engine/compression/headWarmup.ts';
import { SelfTermWeights, selfTermWeight } from '../../../engine/distillation/selfTermWeights.ts';
import type { EpochMetrics } from '../../../contracts/metricsRecord.ts';
import {
  BATCH, TRAIN_COUNT, loadedConfig, makeWorkspace, readMetrics, recordingReporter, removeWorkspace, stepRecords, tinyConfig, trainTinyTeacher,
} from '../compression/runFixtures.ts';

const STEPS_PER_EPOCH = Math.ceil(TRAIN_COUNT / BATCH);
const SHALLOW = ['maxpool1_out', 'maxpool2_out'];
const selfMappings = SHALLOW.map((shallow) => ({ shallow, deep: 'logits', loss: 'KL' as const }));

describe('self-distillation weight schedule', () => {
  const base = { target: 0.5, rampEpochs: 2, capAtLabelsLoss: false, labelsLoss: 0.05, selfLoss: 10 };

  it('ramps linearly from 0 to the configured weight over rampEpochs, then holds it', () => {
    assert.deepEqual([0, 0.5, 1, 2, 5].map((epochsDone) => selfTermWeight({ ...base, epochsDone })), [0, 0.125, 0.25, 0.5, 0.5]);
    assert.equal(selfTermWeight({ ...base, rampEpochs: 0, epochsDone: 0 }), 0.5, 'no ramp: full weight from the first step');
  });

  it('caps the weighted term at the labels\' loss, and starts from the labels alone before it has measured anything', () => {
    const capped = { ...base, rampEpochs: 0, capAtLabelsLoss: true, epochsDone: 3 };
    assert.equal(selfTermWeight(capped), 0.05 / 10);
    assert.equal(selfTermWeight({ ...capped, selfLoss: 0.01 }), 0.5, 'a term already below the labels\' loss keeps its weight');
    assert.equal(selfTermWeight({ ...capped, labelsLoss: undefined, selfLoss: undefined }), 0);
  });

  it('learns the smoothed losses of the steps it observes, per term', () => {
    const weights = new SelfTermWeights([{ name: 'self a', weight: 0.5 }, { name: 'self b', weight: 0.25 }], { rampEpochs: 1, capAtLabelsLoss: true }, 10);
    assert.deepEqual(weights.weightsAt(20), { 'self a': 0, 'self b': 0 });
    weights.observe({ labels: 1, 'self a': 4, 'self b': 1 });
    assert.deepEqual(weights.weightsAt(5), { 'self a': 0.125, 'self b': 0.125 }, 'half way up the ramp: a is capped at its half share of the labels\' loss, b is under it');
    assert.deepEqual(weights.weightsAt(20), { 'self a': 0.125, 'self b': 0.25 }, 'a is capped at (1 / 2) / 4; b keeps its full weight');
    const together = 0.125 * 4 + 0.25 * 1;
    assert.ok(together <= 1, `the weighted self terms together (${together}) stay within the labels' loss`);
  });

  it('caps against the labels\' latest loss when it falls below the smoothed one, and the term\'s when it rises above', () => {
    const weights = new SelfTermWeights([{ name: 'self a', weight: 0.5 }], { rampEpochs: 0, capAtLabelsLoss: true }, 10);
    // As at W4A4: the PTQ'd student's labels' loss is high through the warm-up, then QAT drops it at once.
    for (let i = 0; i < 20; i++) weights.observe({ labels: 2, 'self a': 5 });
    weights.observe({ labels: 0.1, 'self a': 5 });
    assert.equal(weights.weightsAt(21)['self a'], 0.1 / 5, 'the smoothed labels\' loss (≈ 1.8) would have allowed 0.36');
    weights.observe({ labels: 0.1, 'self a': 10 });
    assert.equal(weights.weightsAt(22)['self a'], 0.1 / 10, 'a term whose loss jumps is capped at its latest value');
  });

  it('auto warms the heads up only for a student that does better than twice chance', () => {
    const settings = { mode: 'auto' as const, maxSteps: 10, checkEverySteps: 5 };
    assert.equal(warmsUpHeads(settings, 2, 0.9, 10), true);
    assert.equal(warmsUpHeads(settings, 2, 0.12, 10), false);
    assert.equal(warmsUpHeads({ ...settings, mode: 'on' }, 2, 0.1, 10), true);
    assert.equal(warmsUpHeads({ ...settings, mode: 'off' }, 2, 0.9, 10), false);
    assert.equal(warmsUpHeads(settings, 0, 0.9, 10), false, 'nothing to warm up without heads');
  });
});

describe('self-distillation on a trained student', () => {
  let folder: string;
  let student: string;
  const { train } = loadMnist({ trainLimit: TRAIN_COUNT, testLimit: 200 });

  before(async () => {
    folder = makeWorkspace();
    student = await trainTinyTeacher(folder, MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('the head warm-up trains the heads and leaves the backbone\'s weights and ranges untouched', async () => {
    const manager = await prepareCompression(student, [
      { kind: 'self', temperature: 4, selfMappings },
      { calibrationBatches: 2 },
    ], { train, batchSize: BATCH, evalBatchSize: 200, seed: 3 });
    try {
      const { session } = manager;
      await manager.calibrate();
      const values = (): Map<string, Float32Array> => new Map(session.step.graph.parameters.map((name, i) => [name, session.step.parameterValues[i]!.slice()]));
      const before = values();
      const rangesBefore = JSON.stringify(session.ranges.state());
      const result = await warmUpHeads({ session, train, settings: { mode: 'on', maxSteps: 6, checkEverySteps: 3 }, batchSize: BATCH, seed: 3 });
      assert.ok(result.steps > 0 && result.steps <= 6, `${result.steps} steps`);
      const heads = new Set(session.plan.auxiliaryHeads.flatMap((h) => h.parameters));
      assert.equal(heads.size, 4, 'a weight and a bias per head');
      const after = values();
      for (const [name, value] of before) {
        if (heads.has(name)) assert.notDeepEqual(after.get(name), value, `head parameter ${name} trained`);
        else assert.deepEqual(after.get(name), value, `backbone parameter ${name} untouched`);
      }
      assert.equal(JSON.stringify(session.ranges.state()), rangesBefore, 'activation ranges untouched');
      assert.deepEqual(Object.keys(result.heads).sort(), SHALLOW.map((s) => `self ${s}`).sort());
      for (const [name, head] of Object.entries(result.heads)) assert.ok(head.loss > 0, `${name}: the warm-up's reading holds the head's loss (${head.loss})`);
    } finally {
      await manager.release();
    }
  });

  it('a run warms up (auto), ramps the self terms as configured, logs each head\'s accuracy, and exports no head', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'self-trained', model: { path: path.basename(student) },
      distillation: { kind: 'self', temperature: 4, selfMappings, headWarmup: { maxSteps: 4, checkEverySteps: 2 }, selfBalance: { rampEpochs: 1, capAtLabelsLoss: false } },
    }));
    const summary = await runFromConfig(loaded, recordingReporter());
    const records = readMetrics(summary.runFolder);
    const warmup = records.filter((r) => r.type === 'step' && r.phase === 'headWarmup');
    assert.equal(warmup.length, 2, 'a warm-up reading every 2 of its 4 steps');
    for (const record of warmup) assert.deepEqual(Object.keys(record.type === 'step' ? record.auxiliaryHeads ?? {} : {}).sort(), SHALLOW.map((s) => `self ${s}`).sort());

    // Each training step's loss is the labels' CE plus each pair's 1/2 weight times the ramp.
    const steps = stepRecords(summary.runFolder).filter((r) => r.phase !== 'headWarmup');
    assert.equal(steps.length, STEPS_PER_EPOCH);
    for (const step of steps) {
      const weight = 0.5 * Math.min(1, (step.globalStep - 1) / STEPS_PER_EPOCH);
      const expected = step.losses['labels']! + SHALLOW.reduce((sum, s) => sum + weight * step.losses[`self ${s}`]!, 0);
      assert.ok(Math.abs(expected - step.loss) <= 1e-5 * Math.max(1, step.loss), `step ${step.globalStep}: ${expected} vs ${step.loss}`);
    }

    const epoch = records.find((r): r is EpochMetrics => r.type === 'epoch')!;
    for (const s of SHALLOW) {
      const head = epoch.auxiliaryHeads?.[`self ${s}`];
      assert.ok(head && head.accuracy >= 0 && head.accuracy <= 1 && head.loss >= 0, JSON.stringify(epoch.auxiliaryHeads));
    }

    const original = readModel(student);
    for (const file of ['student-fp32.onnx', 'student-int8.onnx']) {
      const exported = readModel(path.join(summary.runFolder, file));
      const names = [...exported.graph.initializers.keys(), ...exported.graph.nodes.flatMap((n) => [n.name, ...n.inputs, ...n.outputs])];
      assert.deepEqual(names.filter((n) => /aux_head|distq_loss_weight|StopGradient/i.test(n)), [], file);
      assert.deepEqual(exported.graph.outputs.map((o) => o.name), original.graph.outputs.map((o) => o.name), file);
    }
  });
});
