/**
 * Divergence: a run whose parameters stop being finite after its last step, or whose loss explodes
 * in its first steps, ends `failed` with the epoch and step (and the parameter) named, never
 * `finished`, and exports nothing; `distq train` refuses the same way and writes no model.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { trainFromConfig } from '../../../engine/commands/train.ts';
import { TrainingDivergedError } from '../../../engine/training/trainer.ts';
import { EARLY_EXPLOSION_FACTOR, LossWatch } from '../../../engine/training/lossWatch.ts';
import { firstNonFiniteParameter } from '../../../engine/training/finiteParameters.ts';
import type { SequentialSpec } from '../../../engine/models/sequentialBuilder.ts';
import { RUN_FOLDER_FILES } from '../../../contracts/runFolderLayout.ts';
import type { SummaryFile } from '../../../contracts/runFiles.ts';
import { loadedConfig, makeWorkspace, recordingReporter, rejection, removeWorkspace, tinyConfig, writeSequential } from '../compression/runFixtures.ts';

const MLP: SequentialSpec = { name: 'mlp', inputShape: [1, 28, 28], layers: [{ kind: 'flatten' }, { kind: 'linear', outFeatures: 32 }, { kind: 'relu' }, { kind: 'linear', outFeatures: 10 }] };

describe('divergence ends a run failed, never finished', () => {
  let folder: string;

  before(() => {
    folder = makeWorkspace();
    writeSequential(folder, 'mlp.onnx', MLP);
  });
  after(() => removeWorkspace(folder));

  /** A tiny float run (one epoch, batches of 32) at the given learning rate over `trainCount` examples. */
  function config(name: string, learningRate: number, trainCount: number): Record<string, unknown> {
    return tinyConfig({
      name, model: { path: 'mlp.onnx' }, distillation: { kind: 'none' }, quantization: { enabled: false },
      data: { kind: 'mnist', trainCount, testCount: 32 },
      training: { epochs: 1, batchSize: 32, evalBatchSize: 32, optimizer: { kind: 'sgd', learningRate, momentum: 0 }, schedule: { kind: 'constant' }, logEverySteps: 1, seed: 2 },
      output: { runsFolder: `runs-${name}` },
    });
  }

  function onlyRunFolder(name: string): string {
    const runs = path.join(folder, `runs-${name}`);
    const entries = fs.readdirSync(runs);
    assert.equal(entries.length, 1);
    return path.join(runs, entries[0]!);
  }

  function summaryOf(runFolder: string): SummaryFile {
    return JSON.parse(fs.readFileSync(path.join(runFolder, RUN_FOLDER_FILES.summary), 'utf8')) as SummaryFile;
  }

  it('parameters that overflow in the last step (the loss was still finite) end the run failed, naming the parameter, epoch and step', async () => {
    // One step: its loss is computed before the update, which overflows every weight with a gradient.
    const error = await rejection(runFromConfig(loadedConfig(folder, config('overflow', 1e300, 32), 'overflow.distq.json'), recordingReporter()));
    assert.ok(error instanceof TrainingDivergedError, `${error.name}: ${error.message}`);
    assert.match(error.message, /parameter 'linear\d\.(weight|bias)' holds (NaN|-?Infinity) at index \d+ at the end of epoch 1 \(step 1\)/);
    const runFolder = onlyRunFolder('overflow');
    const summary = summaryOf(runFolder);
    assert.equal(summary.status, 'failed');
    assert.ok(summary.status === 'failed' && summary.message.includes('epoch 1'), JSON.stringify(summary));
    assert.equal(fs.existsSync(path.join(runFolder, RUN_FOLDER_FILES.studentFp32)), false, 'a diverged model is not exported');
    assert.equal(fs.existsSync(path.join(runFolder, RUN_FOLDER_FILES.checkpoint)), false, 'no checkpoint of non-finite weights');
    assert.match(error.message, /holds no checkpoint to resume from/);
  });

  it('a loss that explodes within the first steps is caught there, suggesting a smaller learning rate', async () => {
    const error = await rejection(runFromConfig(loadedConfig(folder, config('explode', 1e4, 320), 'explode.distq.json'), recordingReporter()));
    assert.ok(error instanceof TrainingDivergedError, `${error.name}: ${error.message}`);
    assert.match(error.message, /the loss exploded to \S+ \(more than 1e\+6× the first step's \S+\) at epoch 1, step \d+: the learning rate \S+ is likely too high; try a smaller one/);
    const summary = summaryOf(onlyRunFolder('explode'));
    assert.equal(summary.status, 'failed');
  });

  it('distq train refuses a diverged model the same way and writes none', async () => {
    const loaded = loadedConfig(folder, { ...config('train-overflow', 1e300, 32), output: { runsFolder: 'runs-train-overflow', model: 'diverged.onnx' } }, 'train-overflow.distq.json');
    const error = await rejection(trainFromConfig(loaded, recordingReporter()));
    assert.ok(error instanceof TrainingDivergedError, `${error.name}: ${error.message}`);
    assert.match(error.message, /parameter '\S+' holds \S+ at index \d+ at the end of epoch 1 \(step 1\)/);
    assert.equal(fs.existsSync(path.join(folder, 'diverged.onnx')), false);
    const runFolder = onlyRunFolder('train-overflow');
    assert.equal(fs.existsSync(path.join(runFolder, RUN_FOLDER_FILES.trainedFp32)), false);
    assert.equal(fs.existsSync(path.join(runFolder, RUN_FOLDER_FILES.summary)), false, 'no summary claims the training finished');
  });
});

describe('divergence checks', () => {
  it('firstNonFiniteParameter names the first NaN or infinity and passes finite values', () => {
    assert.equal(firstNonFiniteParameter(['a', 'b'], [new Float32Array([1, -2]), new Float32Array([3.4e38])]), undefined);
    assert.equal(firstNonFiniteParameter(['a', 'b'], [new Float32Array([1]), new Float32Array([0, Number.NEGATIVE_INFINITY, Number.NaN])]), "parameter 'b' holds -Infinity at index 1");
    assert.equal(firstNonFiniteParameter(['a'], [new Float32Array([Number.NaN])]), "parameter 'a' holds NaN at index 0");
  });

  it('LossWatch.earlyExplosion flags a loss a million times the first step\'s within the first steps only', () => {
    const watch = new LossWatch(Math.log(10));
    assert.equal(watch.earlyExplosion(2.3), undefined);
    watch.observe(2.3);
    assert.equal(watch.earlyExplosion(2.3 * EARLY_EXPLOSION_FACTOR * 0.5), undefined);
    assert.equal(watch.earlyExplosion(2.3 * EARLY_EXPLOSION_FACTOR * 2), 2.3);
    for (let i = 0; i < 30; i++) watch.observe(2);
    assert.equal(watch.earlyExplosion(1e12), undefined, 'after the first steps the typical-loss watch takes over');
  });
});
