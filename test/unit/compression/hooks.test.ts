/**
 * The hooks API: prepareCompression driven by a training loop of the caller's own,
 * in TypeScript here and in plain JavaScript through the bundled examples/custom-loop.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { accuracyMetric, createOptimizer, iterateBatches, loadMnist, prepareCompression, type StepInfo } from '../../../engine/index.ts';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { BATCH, makeWorkspace, onnxAccuracy, removeWorkspace, trainTinyTeacher } from './runFixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

describe('hooks API (prepareCompression)', () => {
  let folder: string;
  let teacher: string;
  const { train, test } = loadMnist({ trainLimit: 256, testLimit: 200 });

  before(async () => {
    folder = makeWorkspace();
    teacher = await trainTinyTeacher(folder, MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('a loop of its own calibrates, observes, freezes, trains, evaluates with its own metric and exports', async () => {
    const manager = await prepareCompression(teacher, [
      { teacher, kind: 'kd', temperature: 2, lossWeights: [0.5, 0.5] },
      { calibrationBatches: 2, freezeObserversAfterEpoch: 1 },
    ], { train, batchSize: BATCH, evalBatchSize: 200, seed: 4 });
    try {
      const { callbacks, session } = manager;
      const scales = (): number[] => [...session.ranges.parameters().values()].map((p) => p.scale);
      const initialScales = scales();
      const initialWeights = manager.floatModel().graph.initializers.get('conv1.weight')!.data.slice();
      assert.ok(initialScales.length >= 4, 'every Conv and Gemm input is quantized');

      await callbacks.onTrainBegin();
      const calibrated = scales();
      assert.notDeepEqual(calibrated, initialScales, 'onTrainBegin calibrates the activation ranges');

      const optimizer = createOptimizer({ kind: 'sgd', learningRate: 0.01, momentum: 0.9 });
      let globalStep = 0;
      const seen: string[] = [];
      for (let epoch = 0; epoch < 2; epoch++) {
        await callbacks.onEpochBegin(epoch);
        let step = 0;
        let lossSum = 0;
        for (const batch of iterateBatches(train, { batchSize: BATCH, seed: 1, epoch })) {
          const info: StepInfo = { epoch, step, globalStep, batchSize: batch.size, learningRate: 0.01 };
          await callbacks.onStepBegin(info);
          const result = await manager.computeLoss(batch);
          assert.deepEqual(Object.keys(result.components).sort(), ['kd', 'labels']);
          assert.ok(Math.abs(result.totalLoss - 0.5 * (result.components.kd! + result.components.labels!)) < 1e-5);
          const before = scales();
          await callbacks.onAfterComputeLoss(info, result);
          const changed = scales().some((s, i) => s !== before[i]);
          seen.push(`${epoch}:${changed ? 'observed' : 'frozen'}`);
          await callbacks.onBeforeOptimizerStep(info, result);
          manager.optimizerStep(optimizer, result, info.learningRate);
          await callbacks.onStepEnd(info, result);
          lossSum += result.totalLoss;
          step += 1;
          globalStep += 1;
        }
        await callbacks.onEpochEnd({ epoch, trainLoss: lossSum / step, accuracy: {} });
        if (epoch === 0) assert.equal(session.ranges.isFrozen, true, 'freezeObserversAfterEpoch 1 freezes after the first epoch');
      }
      await callbacks.onTrainEnd();
      const steps = Math.ceil(train.count / BATCH);
      assert.deepEqual(seen, [...Array(steps).fill('0:observed'), ...Array(steps).fill('1:frozen')]);
      assert.notDeepEqual(manager.floatModel().graph.initializers.get('conv1.weight')!.data, initialWeights, 'the optimizer updated the student');

      // A metric of the caller's own sees every test example's logits and labels.
      let calls = 0;
      const ownAccuracy = (logits: Float32Array, labels: Int32Array, classes: number): number => {
        calls += 1;
        assert.equal(classes, 10);
        assert.equal(logits.length, test.count * classes);
        assert.deepEqual(labels, test.labels);
        let correct = 0;
        for (let i = 0; i < labels.length; i++) {
          const row = Array.from(logits.subarray(i * classes, (i + 1) * classes));
          if (row.indexOf(Math.max(...row)) === labels[i]) correct += 1;
        }
        return correct / labels.length;
      };
      const fakeQuant = await manager.evaluate(test);
      assert.equal(await manager.evaluate(test, ownAccuracy), fakeQuant, 'the own metric on fake-quant logits agrees with the built-in accuracy');
      assert.equal(await manager.evaluate(test, ownAccuracy, 'float'), await manager.evaluate(test, accuracyMetric, 'float'));
      assert.equal(calls, 2);
      assert.ok(fakeQuant > 0.5, `the distilled student classifies far above chance (10 %): ${fakeQuant}`);

      const int8 = path.join(folder, 'hooks-int8.onnx');
      manager.exportInt8(int8);
      const exported = await onnxAccuracy(int8, test);
      assert.ok(Math.abs(exported - fakeQuant) <= 0.02, `INT8 ${exported} vs fake-quant ${fakeQuant}`);
    } finally {
      await manager.release();
    }
  });

  it('examples/custom-loop/train.js runs on the bundle and writes an INT8 model ONNX Runtime runs', async () => {
    const bundle = path.join(ROOT, 'dist', 'distq.js');
    if (!fs.existsSync(bundle)) await run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--quiet'], { cwd: ROOT });
    const output = path.join(folder, 'out.onnx');
    const { stdout } = await run(process.execPath, [
      path.join(ROOT, 'examples', 'custom-loop', 'train.js'),
      '--teacher', teacher, '--epochs', '1', '--train-count', '256', '--test-count', '128', '--output', output,
    ], { cwd: folder });
    assert.match(stdout, /epoch 1: loss \d+\.\d+, fake-quant error rate \d+\.\d+ %/);
    assert.ok(fs.existsSync(output), stdout);
    const accuracy = await onnxAccuracy(output, loadMnist({ testLimit: 128 }).test);
    assert.ok(accuracy > 0.5, `the exported student classifies: ${accuracy}`);
  });
});
