/**
 * Stopping, resuming and diverging runs: a run stopped after epoch 1 and resumed ends
 * bit-identical to one that never stopped; a run whose loss turns non-finite keeps its
 * last good checkpoint and says so.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import { TrainingCancelledError, TrainingDivergedError } from '../../../engine/training/trainer.ts';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { MNIST_CNN, MNIST_SMALL_CNN } from '../../../engine/models/mnistModels.ts';
import { BATCH, TRAIN_COUNT, initializersOf, loadedConfig, makeWorkspace, readMetrics, recordingReporter, rejection, removeWorkspace, sameBits, tinyConfig, writeSequential } from './runFixtures.ts';

const STEPS_PER_EPOCH = Math.ceil(TRAIN_COUNT / BATCH);

interface CheckpointState {
  epoch: number;
  parameters: Record<string, Float32Array>;
}

/** Every initializer of two ONNX files has the same bits. */
function assertSameInitializers(a: string, b: string): void {
  const left = initializersOf(a);
  const right = initializersOf(b);
  assert.deepEqual([...right.keys()].sort(), [...left.keys()].sort());
  for (const [name, tensor] of left) {
    const other = right.get(name)!;
    assert.deepEqual(other.dims, tensor.dims, name);
    if (tensor.data instanceof Float32Array) assert.ok(other.data instanceof Float32Array && sameBits(tensor.data, other.data), `${name} differs between ${path.basename(path.dirname(a))} and ${path.basename(path.dirname(b))}`);
    else assert.deepEqual(other.data, tensor.data, name);
  }
}

describe('distq run: stop and resume', () => {
  let folder: string;

  before(() => {
    folder = makeWorkspace();
    writeSequential(folder, 'small.onnx', MNIST_SMALL_CNN);
    writeSequential(folder, 'cnn.onnx', MNIST_CNN);
  });
  after(() => removeWorkspace(folder));

  it('a run stopped after epoch 1 and resumed ends bit-identical to an uninterrupted run', async () => {
    // Matchers (extra parameters with optimizer state), moving-average observers, the teacher cache and Adam all carry state across the stop.
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'resume', model: { path: 'small.onnx' }, teacher: { path: 'cnn.onnx' },
      distillation: { kind: 'intermediate', addOriginLoss: true, layerMappings: [{ student: 'maxpool1_out', teacher: 'maxpool1_out' }, { student: 'relu3_out', teacher: 'relu3_out' }] },
      training: { epochs: 2, batchSize: BATCH, evalBatchSize: 200, optimizer: { kind: 'adam', learningRate: 0.002 }, schedule: { kind: 'cosine' }, logEverySteps: 1, seed: 11 },
    }));
    const whole: RunSummary = await runFromConfig(loaded, recordingReporter());

    let checks = 0;
    const stopped = await rejection(runFromConfig(loaded, recordingReporter(), { shouldStop: () => ++checks > STEPS_PER_EPOCH }));
    assert.ok(stopped instanceof TrainingCancelledError, `${stopped.name}: ${stopped.message}`);
    assert.equal(checks, STEPS_PER_EPOCH + 1, 'stopped at the first step of epoch 2');
    const match = /--resume (\S+)/.exec(stopped.message);
    assert.ok(match, `the message says how to resume: ${stopped.message}`);
    const runFolder = match[1]!;
    assert.match(stopped.message, /epoch 2, step 1/);
    assert.equal((readCheckpoint(path.join(runFolder, 'checkpoint.bin')) as CheckpointState).epoch, 1);
    assert.equal(fs.existsSync(path.join(runFolder, 'student-fp32.onnx')), false);

    const resumedReporter = recordingReporter();
    const resumed = await runFromConfig(loaded, resumedReporter, { resume: runFolder });
    assert.equal(resumed.runFolder, runFolder);
    assert.equal(resumedReporter.steps, STEPS_PER_EPOCH, 'only epoch 2 is trained again');
    assertSameInitializers(path.join(whole.runFolder, 'student-fp32.onnx'), path.join(runFolder, 'student-fp32.onnx'));
    assertSameInitializers(path.join(whole.runFolder, 'student-int8.onnx'), path.join(runFolder, 'student-int8.onnx'));
    assert.deepEqual(resumed.accuracy, whole.accuracy);

    // Epoch 2's logged losses match step for step.
    const epoch2 = (runFolderPath: string): unknown[] => readMetrics(runFolderPath).filter((r) => r.type === 'step' && r.epoch === 1).map((r) => (r.type === 'step' ? [r.globalStep, r.loss, r.losses, r.learningRate] : null));
    assert.deepEqual(epoch2(runFolder), epoch2(whole.runFolder));
    assert.equal(epoch2(runFolder).length, STEPS_PER_EPOCH);
  });

  it('a loss that turns non-finite in epoch 2 stops the run and keeps the epoch-1 checkpoint', async () => {
    // One step per epoch at an absurd learning rate: epoch 1's loss is finite, the update overflows the logits of epoch 2.
    writeSequential(folder, 'mlp.onnx', { name: 'mlp', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 32 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }] });
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'diverge', model: { path: 'mlp.onnx' }, distillation: { kind: 'none' }, quantization: { enabled: false },
      data: { kind: 'mnist', trainCount: BATCH, testCount: 100 },
      training: { epochs: 3, batchSize: BATCH, evalBatchSize: 100, optimizer: { kind: 'sgd', learningRate: 1e38, momentum: 0 }, schedule: { kind: 'constant' }, logEverySteps: 1, seed: 2 },
    }));
    const error = await rejection(runFromConfig(loaded, recordingReporter()));
    assert.ok(error instanceof TrainingDivergedError, `${error.name}: ${error.message}`);
    assert.match(error.message, /the loss became NaN at epoch 2, step 1/);
    const kept = /The last good checkpoint is kept in (\S+)$/.exec(error.message);
    assert.ok(kept, error.message);
    const state = readCheckpoint(path.join(kept[1]!, 'checkpoint.bin')) as CheckpointState;
    assert.equal(state.epoch, 1);
    assert.deepEqual(Object.keys(state.parameters).sort(), ['linear1.bias', 'linear1.weight', 'linear2.bias', 'linear2.weight']);
    for (const [name, values] of Object.entries(state.parameters)) assert.ok(values.every(Number.isFinite), `${name} is finite in the kept checkpoint`);
    const records = readMetrics(kept[1]!);
    assert.deepEqual(records.map((r) => `${r.type} ${r.epoch}`), ['step 0', 'epoch 0'], 'metrics hold epoch 1 and nothing after');
  });

  it('a CNN whose activations overflow to NaN (whole max-pool windows of NaN) is reported as divergence, not an ONNX Runtime failure', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'diverge-cnn', model: { path: 'small.onnx' }, distillation: { kind: 'none' }, quantization: { enabled: false },
      data: { kind: 'mnist', trainCount: BATCH, testCount: 100 },
      training: { epochs: 3, batchSize: BATCH, evalBatchSize: 100, optimizer: { kind: 'sgd', learningRate: 1e38, momentum: 0 }, schedule: { kind: 'constant' }, logEverySteps: 1, seed: 2 },
    }));
    const error = await rejection(runFromConfig(loaded, recordingReporter()));
    assert.ok(error instanceof TrainingDivergedError, `${error.name}: ${error.message}`);
    assert.match(error.message, /the loss became NaN at epoch 2, step 1.*The last good checkpoint is kept in /);
  });
});
