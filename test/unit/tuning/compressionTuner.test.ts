/** tuneCompression: the tuner driven by a user's own training and evaluation functions, on real compression managers. */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadMnist, prepareCompression, tuneCompression, type CompressionManager } from '../../../engine/index.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import type { LayerPrecisionSetting } from '../../../contracts/tuningReport.ts';
import { BATCH, makeWorkspace, removeWorkspace, writeSequential } from '../compression/runFixtures.ts';

describe('tuneCompression with your own evaluation function', () => {
  let folder: string;
  let model: string;
  const { train, test } = loadMnist({ trainLimit: 128, testLimit: 100 });
  const prepare = (layers: Record<string, LayerPrecisionSetting> = {}): Promise<CompressionManager> =>
    prepareCompression(model, [{ kind: 'none' }, { weights: { bits: 4 }, activations: { bits: 4 }, calibrationBatches: 1, layers }], { train, batchSize: BATCH, evalBatchSize: 100, seed: 1 });

  before(() => {
    folder = makeWorkspace();
    model = writeSequential(folder, 'student.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('promotes in the given order until your metric meets the target, trains each trial on from the one before, gives back what is not needed, and restores the chosen trial', async () => {
    const start = await prepare();
    await start.callbacks.onTrainBegin();
    const trainedFrom: number[] = [];
    // Your metric: 0.90, plus 0.04 with conv2 promoted and 0.02 with linear1 promoted; the reference 0.95 allows 0.5 pp.
    const evaluate = (manager: CompressionManager): Promise<number> => {
      const layers = manager.session.setup.quantization.layers ?? {};
      return Promise.resolve(0.9 + (layers.conv2 ? 0.04 : 0) + (layers.linear1 ? 0.02 : 0));
    };
    try {
      const result = await tuneCompression({
        start, prepare, evaluate, referenceMetric: 0.95, maxAccuracyLoss: { absolutePp: 0.5 },
        promotionOrder: ['linear1', 'conv2', 'conv1'],
        train: (manager, trial) => {
          // Stands for your QAT loop: the first weight shows which trial trained last.
          trainedFrom.push(manager.session.step.parameterValues[0]![0]!);
          manager.session.step.parameterValues[0]!.fill(trial.index);
          return Promise.resolve();
        },
      });
      // start 0.90; + linear1 0.92; + conv2 0.96 meets; give back linear1: 0.94 misses.
      assert.deepEqual(result.trials.map((t) => [t.action, t.node ?? null, t.meets]), [['start', null, false], ['promote', 'linear1', false], ['promote', 'conv2', true], ['giveBack', 'linear1', false]]);
      assert.deepEqual(result.summary, { met: true, trials: 4, chosen: 2 });
      assert.deepEqual(result.chosenLayers, { linear1: { weights: { bits: 8 }, activations: { bits: 8 } }, conv2: { weights: { bits: 8 }, activations: { bits: 8 } } });
      // Trial 2 trained on from trial 1's weights; the give-back from the chosen trial 2's.
      assert.deepEqual(trainedFrom.slice(1), [1, 2]);
      const chosen = await result.restoreChosen();
      try {
        assert.ok(chosen.session.step.parameterValues[0]!.every((v) => v === 2));
        assert.deepEqual(Object.keys(chosen.session.setup.quantization.layers ?? {}), ['linear1', 'conv2']);
        assert.ok((await chosen.evaluate(test)) >= 0);
      } finally {
        await chosen.release();
      }
    } finally {
      await start.release();
    }
  });

  it('ranks the layers by their own SQNR when no order is given', async () => {
    const start = await prepare();
    await start.callbacks.onTrainBegin();
    try {
      const promoted: string[] = [];
      await tuneCompression({
        start, prepare, data: test, referenceMetric: 1, maxTrials: 3,
        evaluate: () => Promise.resolve(0),
        train: (_manager, trial) => {
          promoted.push(trial.node!);
          return Promise.resolve();
        },
      });
      assert.equal(promoted.length, 2);
      assert.ok(promoted.every((node) => ['conv1', 'conv2', 'linear1', 'linear2'].includes(node)));
    } finally {
      await start.release();
    }
  });
});
