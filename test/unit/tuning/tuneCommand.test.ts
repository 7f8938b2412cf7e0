/** `distq tune` on a real tiny run: trials train and measure, keep their checkpoints, stop and continue, and never touch the user's config. */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MNIST_CNN } from '../../../engine/models/mnistModels.ts';
import { runFromConfig } from '../../../engine/commands/run.ts';
import { tuneFromConfig } from '../../../engine/commands/tune.ts';
import { TrainingCancelledError } from '../../../engine/training/trainer.ts';
import { RunFolder } from '../../../engine/run/runFolder.ts';
import { readCheckpoint } from '../../../engine/run/checkpoint.ts';
import { tuningTrialFolder } from '../../../contracts/runFolderLayout.ts';
import type { LoadedConfig } from '../../../engine/config/loadConfig.ts';
import { loadedConfig, makeWorkspace, recordingReporter, rejection, removeWorkspace, tinyConfig, trainTinyTeacher, writeSequential } from '../compression/runFixtures.ts';

describe('distq tune on a tiny run', () => {
  let folder: string;

  before(async () => {
    folder = makeWorkspace();
    writeSequential(folder, 'student.onnx', MNIST_CNN);
    // A trained FP32 student, which 2-bit QAT on a few digits leaves below its own accuracy.
    fs.renameSync(await trainTinyTeacher(folder, MNIST_CNN), path.join(folder, 'trained.onnx'));
  });
  after(() => removeWorkspace(folder));

  /** A finished W4A4 run of a config with this tuning section, in its own runs folder. */
  async function finishedRun(name: string, tuning: Record<string, unknown>, student = 'student.onnx', bits = 4): Promise<LoadedConfig> {
    const loaded = loadedConfig(folder, tinyConfig({
      name, model: { path: student }, distillation: { kind: 'none' },
      quantization: { weights: { bits }, activations: { bits }, calibrationBatches: 1 },
      output: { runsFolder: `runs-${name}` }, tuning,
    }), `${name}.distq.json`);
    await runFromConfig(loaded, recordingReporter());
    return loaded;
  }

  it('stops at the first trial that meets the target: the run as trained, when the target allows it', async () => {
    const loaded = await finishedRun('loose', { maxAccuracyLoss: { absolutePp: 100 } });
    const result = await tuneFromConfig(loaded, recordingReporter());
    assert.deepEqual(result.trials.map((t) => [t.action, t.meets]), [['start', true]]);
    assert.deepEqual(result.summary, { met: true, trials: 1, chosen: 0 });
    const summary = RunFolder.open(result.runFolder).readSummary();
    assert.ok(summary?.kind === 'run' && summary.status === 'finished');
    // The start measures the run as trained: the same model as the run's own INT8 export.
    assert.equal(result.trials[0]!.accuracy.int8, summary.accuracy.qatInt8);
    assert.equal(result.trials[0]!.accuracy.fakeQuant, summary.accuracy.qatFakeQuant);
    assert.ok(result.trials[0]!.latencyMs! > 0 && result.trials[0]!.sizeBytes > 0);
    assert.equal(fs.readFileSync(loaded.file, 'utf8'), loaded.text);
    assert.equal(result.file.tunedConfigPath, path.join(folder, 'loose.tuned.distq.json'));
  });

  it('continues a stopped tuning with the same command: each trial trains on from the checkpoint of the one before, and its INT8 model agrees with fake quant', async (t) => {
    // No loss allowed against the trained FP32 student: at W2A2 it falls short, so layers are promoted.
    const loaded = await finishedRun('strict', { maxAccuracyLoss: { absolutePp: 0 }, maxTrials: 3, fallback: 'float' }, 'trained.onnx', 2);
    let trialsSeen = 0;
    const stopped = await rejection(tuneFromConfig(loaded, recordingReporter(), { shouldStop: () => trialsSeen >= 1, onTrial: () => void (trialsSeen += 1) }));
    assert.ok(stopped instanceof TrainingCancelledError, stopped.message);
    assert.match(stopped.message, /tuning stopped after 1 trial .*continue it with distq tune/);
    const runFolder = RunFolder.open(path.join(folder, 'runs-strict', fs.readdirSync(path.join(folder, 'runs-strict'))[0]!));
    assert.equal(runFolder.readTuning()?.trials.length, 1);
    assert.equal(runFolder.readTuning()?.trials[0]?.meets, false, 'the run as trained misses the target');
    assert.equal(runFolder.readTuning()?.finished, false);

    const seen: number[] = [];
    const result = await tuneFromConfig(loaded, recordingReporter(), { onTrial: ({ trial }) => void seen.push(trial.index) });
    assert.deepEqual(seen, result.trials.slice(1).map((t) => t.index), 'the continued tuning runs only the trials left');
    assert.ok(result.trials.length >= 2);
    // The most sensitive layer goes to float first, trained on from the run's checkpoint (trial 0's).
    const order = result.file.promotionOrder;
    assert.deepEqual([result.trials[1]!.action, result.trials[1]!.continuedFrom, result.trials[1]!.layers], ['promote', 0, { [order[0]!]: 'float' }]);
    for (const trial of result.trials.slice(1)) if (trial.action === 'promote') assert.equal(trial.continuedFrom, trial.index - 1);
    const firstMet = result.trials.findIndex((t) => t.meets);
    // Promotions stop at the first trial that meets the target; only give-backs follow it, then the retrain.
    if (firstMet >= 0) assert.ok(result.trials.slice(firstMet + 1, -1).every((t) => t.action === 'giveBack'));
    // The chosen precisions trained again from the student, as the run trained (its epochs), measured before and after.
    const retrain = result.trials.at(-1)!;
    assert.deepEqual([retrain.action, retrain.continuedFrom], ['retrain', null]);
    assert.equal(typeof retrain.fakeQuantBeforeTraining, 'number');
    assert.equal((readCheckpoint(path.join(result.runFolder, tuningTrialFolder(retrain.index), 'checkpoint.bin')) as { epoch: number }).epoch, loaded.config.training.epochs);
    for (const trial of result.trials) {
      const trialFolder = path.join(result.runFolder, tuningTrialFolder(trial.index));
      assert.ok(fs.existsSync(path.join(trialFolder, 'checkpoint.bin')) && fs.existsSync(path.join(trialFolder, 'student-int8.onnx')), trialFolder);
      // Mixed precision (W2A2 with float layers) runs in ONNX Runtime near the fake-quant model on 200
      // test digits; below 8 bits the INT8 model does not clip activations to their range, so not exactly.
      t.diagnostic(`trial ${trial.index}: INT8 ${trial.accuracy.int8}, fake quant ${trial.accuracy.fakeQuant}`);
      assert.ok(Math.abs(trial.accuracy.int8 - trial.accuracy.fakeQuant) <= 0.1, `trial ${trial.index}: INT8 ${trial.accuracy.int8}, fake quant ${trial.accuracy.fakeQuant}`);
    }
    assert.equal(result.file.finished, true);
    assert.equal(fs.readFileSync(loaded.file, 'utf8'), loaded.text);
  });

  it('tunes a config without a tuning section to the documented defaults, and says so', async () => {
    const loaded = loadedConfig(folder, tinyConfig({
      name: 'untargeted', model: { path: 'student.onnx' }, distillation: { kind: 'none' },
      quantization: { weights: { bits: 4 }, activations: { bits: 4 }, calibrationBatches: 1 }, output: { runsFolder: 'runs-untargeted' },
    }), 'untargeted.distq.json');
    assert.equal(loaded.config.tuning, undefined);
    await runFromConfig(loaded, recordingReporter());
    const reporter = recordingReporter();
    let trialsSeen = 0;
    // The first trial is enough to see the settings (tuning.json's header holds them): stopped there unless it met the target.
    await tuneFromConfig(loaded, reporter, { shouldStop: () => trialsSeen >= 1, onTrial: () => void (trialsSeen += 1) }).catch((error: unknown) => {
      if (!(error instanceof TrainingCancelledError)) throw error;
    });
    assert.ok(reporter.lines.includes('untargeted.distq.json has no `tuning` section: tuning with its defaults {"maxAccuracyLoss":{"absolutePp":0.3},"maxTrials":12,"fallback":"int8","epochsPerTrial":1}'), reporter.lines.join('\n'));
    const runsFolder = path.join(folder, 'runs-untargeted');
    const tuning = RunFolder.open(path.join(runsFolder, fs.readdirSync(runsFolder)[0]!)).readTuning();
    assert.deepEqual([tuning?.maxAccuracyLoss, tuning?.fallback], [{ absolutePp: 0.3 }, 'int8']);
  });

  it('says what to do when the config has no finished run', async () => {
    const loaded = loadedConfig(folder, tinyConfig({ name: 'never', model: { path: 'student.onnx' }, output: { runsFolder: 'runs-never' } }), 'never.distq.json');
    await assert.rejects(tuneFromConfig(loaded, recordingReporter()), /holds no finished run of 'never' to tune; run the config first/);
  });
});
