import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildSequentialModel, MODEL_INPUT, MODEL_OUTPUT } from '../../../engine/models/sequentialBuilder.ts';
import { loadMnist } from '../../../engine/data/mnist.ts';
import { createFloatDataset, type Dataset } from '../../../engine/data/dataset.ts';
import { buildEvaluationGraph, buildTrainingGraph, LABELS_INPUT, labelsInput } from '../../../engine/training/trainingGraph.ts';
import { crossEntropyWithLabels } from '../../../engine/losses/crossEntropy.ts';
import { findTrainableParameters } from '../../../engine/training/parameters.ts';
import { TrainStepSession } from '../../../engine/training/trainStep.ts';
import { ClassifierEvaluator } from '../../../engine/training/evaluate.ts';
import { runTrainingLoop, TrainingDivergedError, TrainingCancelledError } from '../../../engine/training/trainer.ts';
import type { MetricsRecord } from '../../../contracts/metricsRecord.ts';
import type { TrainingConfig } from '../../../engine/config/distqConfig.ts';
import type { TrainingHooks } from '../../../engine/training/hooks.ts';

const TINY = { name: 'tiny', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' as const }, { kind: 'linear' as const, outFeatures: 32 }, { kind: 'relu' as const }, { kind: 'linear' as const, outFeatures: 10 }] };

function settings(overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return { epochs: 2, batchSize: 100, evalBatchSize: 200, optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9 }, schedule: { kind: 'constant' }, seed: 3, threads: 1, logEverySteps: 1, ...overrides };
}

interface Outcome {
  weights: Float32Array[];
  records: MetricsRecord[];
  calls: string[];
}

async function train(train: Dataset, test: Dataset, training: TrainingConfig, extraHooks: TrainingHooks[] = [], shouldStop?: () => boolean): Promise<Outcome> {
  const model = buildSequentialModel({ ...TINY, seed: 11 });
  const trainable = findTrainableParameters(model);
  const graph = buildTrainingGraph(model, {
    logits: MODEL_OUTPUT, trainable, extraInputs: [labelsInput()],
    addLosses: (builder) => [{ name: 'labels', tensor: crossEntropyWithLabels(builder, MODEL_OUTPUT, LABELS_INPUT, 10), weight: 1 }],
  });
  const step = await TrainStepSession.create(graph, model.graph.initializers);
  const evaluator = await ClassifierEvaluator.create(buildEvaluationGraph(model, trainable, [MODEL_OUTPUT]), [MODEL_INPUT], MODEL_OUTPUT);
  const records: MetricsRecord[] = [];
  const calls: string[] = [];
  const recorder: TrainingHooks = {
    onTrainBegin: () => void calls.push('trainBegin'),
    onEpochBegin: (e) => void calls.push(`epochBegin ${e}`),
    onStepBegin: () => void calls.push('stepBegin'),
    onAfterComputeLoss: () => void calls.push('afterComputeLoss'),
    onBeforeOptimizerStep: () => void calls.push('beforeOptimizerStep'),
    onStepEnd: () => void calls.push('stepEnd'),
    onEpochEnd: (s) => void calls.push(`epochEnd ${s.epoch}`),
    onTrainEnd: () => void calls.push('trainEnd'),
  };
  try {
    await runTrainingLoop({
      step, inputNames: [MODEL_INPUT], train, training, decayed: new Set(),
      evaluate: async () => ({ fp32: (await evaluator.evaluate(test, training.evalBatchSize, step.parameterFeeds())).accuracy }),
      hooks: [recorder, ...extraHooks],
      onMetrics: (r) => void records.push(r),
      shouldStop,
    });
  } finally {
    await step.release();
    await evaluator.release();
  }
  return { weights: step.parameterValues.map((v) => v.slice()), records, calls };
}

describe('training loop', () => {
  const { train: fullTrain, test: fullTest } = loadMnist({ trainLimit: 450, testLimit: 300 });

  it('learns: the loss falls and test accuracy is far above chance', async () => {
    const { records } = await train(fullTrain, fullTest, settings({ epochs: 3 }));
    const epochs = records.filter((r) => r.type === 'epoch');
    assert.equal(epochs.length, 3);
    assert.ok(epochs[2]!.trainLoss < epochs[0]!.trainLoss * 0.8, `loss ${epochs.map((e) => e.trainLoss.toFixed(3)).join(' → ')}`);
    assert.ok(epochs[2]!.accuracy.fp32! > 0.6, `accuracy ${epochs[2]!.accuracy.fp32}`);
  });

  it('keeps the last partial batch (450 examples, batch 100: 5 steps per epoch)', async () => {
    const { records } = await train(fullTrain, fullTest, settings({ epochs: 1 }));
    const steps = records.filter((r) => r.type === 'step');
    assert.equal(steps.length, 5);
  });

  it('repeats exactly with the same seed and differs with another', async () => {
    const a = await train(fullTrain, fullTest, settings());
    const b = await train(fullTrain, fullTest, settings());
    const c = await train(fullTrain, fullTest, settings({ seed: 4 }));
    a.weights.forEach((w, i) => assert.deepEqual(w, b.weights[i]));
    assert.notDeepEqual(a.weights[0], c.weights[0]);
  });

  it('calls the compression hooks in the seed order', async () => {
    const { calls } = await train(fullTrain, fullTest, settings({ epochs: 1, batchSize: 300 }));
    assert.deepEqual(calls, [
      'trainBegin', 'epochBegin 0',
      'stepBegin', 'afterComputeLoss', 'beforeOptimizerStep', 'stepEnd',
      'stepBegin', 'afterComputeLoss', 'beforeOptimizerStep', 'stepEnd',
      'epochEnd 0', 'trainEnd',
    ]);
  });

  it('stops with a clear message when the loss is not finite', async () => {
    const values = (fullTrain.inputs[0]!.values as Float32Array).slice();
    values[5] = Number.NaN;
    const poisoned = createFloatDataset({ values, shape: fullTrain.inputs[0]!.shape, labels: fullTrain.labels, classCount: 10 });
    await assert.rejects(train(poisoned, fullTest, settings({ epochs: 1 })), (error: Error) => error instanceof TrainingDivergedError && /the loss became NaN at epoch 1, step \d+/.test(error.message));
  });

  it('stops between steps when asked', async () => {
    let steps = 0;
    await assert.rejects(train(fullTrain, fullTest, settings(), [{ onStepEnd: () => void (steps += 1) }], () => steps >= 2), TrainingCancelledError);
    assert.equal(steps, 2);
  });
});
