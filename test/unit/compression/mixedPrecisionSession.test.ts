/** quantization.layers through a whole compression session: the observers calibrate each activation with its own width, and unknown names are refused. */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadMnist, prepareCompression } from '../../../engine/index.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { scaleAndZeroPoint } from '../../../engine/quantization/scheme.ts';
import { BATCH, makeWorkspace, removeWorkspace, writeSequential } from './runFixtures.ts';

describe('per-layer precision in a compression session', () => {
  let folder: string;
  let model: string;
  const { train } = loadMnist({ trainLimit: 128, testLimit: 100 });

  before(() => {
    folder = makeWorkspace();
    model = writeSequential(folder, 'student.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('calibrates the activations a 4-bit layer reads on the 4-bit grid and exports its weights in the 4-bit range', async () => {
    const manager = await prepareCompression(model, [{ kind: 'none' }, { calibrationBatches: 1, layers: { conv2: { weights: { bits: 4 }, activations: { bits: 4 } }, linear1: 'float' } }], { train, batchSize: BATCH, evalBatchSize: 100, seed: 1 });
    try {
      await manager.callbacks.onTrainBegin();
      const { session } = manager;
      const conv2Input = session.ranges.activations.find((a) => a.tensor === 'relu1_out')!;
      const range = conv2Input.observer.range()!;
      const expected = scaleAndZeroPoint(range.min, range.max, { bits: 4, signed: false, symmetric: false });
      assert.deepEqual([conv2Input.qmax, conv2Input.scale[0], conv2Input.zeroPoint[0]], [15, expected.scale, expected.zeroPoint]);
      const linear2Input = session.ranges.activations.find((a) => a.tensor === 'relu3_out')!;
      assert.equal(linear2Input.qmax, 255);
      const plan = session.exportPlan();
      assert.deepEqual(plan.weights.map((w) => [w.node, w.qmax]), [['conv1', 63], ['conv2', 7], ['linear2', 63]]);
    } finally {
      await manager.release();
    }
  });

  it('refuses a node name the model does not have, naming the field and the nearest node', async () => {
    await assert.rejects(
      prepareCompression(model, [{ kind: 'none' }, { layers: { conv_2: { weights: { bits: 4 } } } }], { train, batchSize: BATCH }),
      /quantization\.layers: 'conv_2' is not a node; did you mean 'conv2'\?/,
    );
  });
});
