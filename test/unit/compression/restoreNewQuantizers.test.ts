/** A checkpoint saved with a layer in float, restored where that layer is quantized again (a tuning trial's give-back): saved ranges kept, the new quantizer calibrated. */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { iterateBatches, loadMnist, prepareCompression } from '../../../engine/index.ts';
import type { CompressionManager } from '../../../engine/compression/compressionManager.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { restoreWithNewQuantizers, type SessionCheckpointState } from '../../../engine/compression/restoreCheckpoint.ts';
import { BATCH, makeWorkspace, removeWorkspace, writeSequential } from './runFixtures.ts';

describe('restoring a checkpoint into a session with a new quantizer', () => {
  let folder: string;
  let model: string;
  const { train } = loadMnist({ trainLimit: 128, testLimit: 100 });
  const prepare = (layers: Record<string, 'float'>): Promise<CompressionManager> => prepareCompression(model, [{ kind: 'none' }, { calibrationBatches: 1, layers }], { train, batchSize: BATCH, evalBatchSize: 100, seed: 1 });
  const calibration = () => ({ batches: iterateBatches(train, { batchSize: BATCH, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false }), batchCount: 1 });

  before(() => {
    folder = makeWorkspace();
    model = writeSequential(folder, 'student.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('keeps every saved range and weight, and calibrates only the tensors conv1 reads and writes once it is quantized again', async () => {
    // With conv1 in float the model's input is not quantized: nothing reads it on the integer grid.
    const saver = await prepare({ conv1: 'float' });
    let state: SessionCheckpointState;
    let savedRanges: Map<string, unknown>;
    try {
      await saver.callbacks.onTrainBegin();
      const { session } = saver;
      assert.ok(!session.ranges.activations.some((a) => a.tensor === 'input'));
      // Ranges unlike any calibration, so a kept range can be told from a recalibrated one.
      for (const a of session.ranges.activations) a.observer.observeMinMax(-3, 7);
      session.ranges.refresh();
      savedRanges = new Map(session.ranges.activations.map((a) => [a.tensor, a.observer.range()]));
      session.step.parameterValues[0]!.fill(0.25);
      state = { epoch: 1, parameters: Object.fromEntries(session.step.graph.parameters.map((name, i) => [name, session.step.parameterValues[i]!.slice()])), ranges: session.ranges.state() };
    } finally {
      await saver.release();
    }

    const restored = await prepare({});
    try {
      const { session } = restored;
      assert.throws(() => session.ranges.load(state.ranges), /no observer state for 'input'/);
      // What a new run calibrates with the restored weights.
      const fresh = await prepare({});
      fresh.session.step.parameterValues[0]!.fill(0.25);
      await fresh.callbacks.onTrainBegin();
      const savedTensors = new Set(Object.keys(state.ranges.observers));
      const expected = fresh.session.ranges.activations.filter((a) => !savedTensors.has(a.tensor)).map((a) => [a.tensor, a.scale[0], a.zeroPoint[0]]);
      await fresh.release();

      // conv1's input and output: neither was quantized while conv1 was in float.
      const calibrated = await restoreWithNewQuantizers(session, state, 'checkpoint.bin', calibration());
      assert.deepEqual(calibrated, ['input', 'relu1_out']);
      assert.deepEqual(session.ranges.activations.filter((a) => calibrated.includes(a.tensor)).map((a) => [a.tensor, a.scale[0], a.zeroPoint[0]]), expected);
      for (const a of session.ranges.activations.filter((x) => !calibrated.includes(x.tensor))) assert.deepEqual(a.observer.range(), savedRanges.get(a.tensor), a.tensor);
      assert.ok(session.step.parameterValues[0]!.every((v) => v === 0.25));
    } finally {
      await restored.release();
    }
  });
});
