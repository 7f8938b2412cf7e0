/**
 * Tuning end to end in a real VS Code: a tiny config runs to the end, `distq.tune` starts the
 * engine's `tune/start` on it, the tuning ends with tuning.json, summary.json's `tuning`, the Pareto
 * panel and the tuned config; and a tuning stopped with `distq.stopTuning` continues where it stopped.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import type { TuningOutcome } from '../../../extension/tuning/tuningController.ts';
import type { TuningFile } from '../../../contracts/tuningReport.ts';
import { testWorkspaceFolder } from '../distqExtension.ts';
import { activateDistq, nextEvent, nextRunEnd, waitFor } from './coreSupport.ts';
import { PARETO, waitForPanel, waitForState, writeConfig } from './panelsSupport.ts';

/** The fixture tiny.distq.json's settings: one epoch over 256 digits. */
const TINY_RUN = {
  model: { path: 'tiny.onnx' },
  data: { kind: 'mnist', trainCount: 256, testCount: 100 },
  distillation: { kind: 'none' },
  quantization: { calibrationBatches: 1 },
  training: { epochs: 1, batchSize: 32, logEverySteps: 1 },
};

/** The next tuning end; subscribe before starting the tuning. */
function nextTuningEnd(api: DistqApi, timeoutMs = 180_000): Promise<TuningOutcome> {
  return nextEvent(api.onDidEndTuning, 'tuning ended', timeoutMs);
}

function readTuning(runFolder: string): TuningFile {
  return JSON.parse(fs.readFileSync(path.join(runFolder, 'tuning.json'), 'utf8')) as TuningFile;
}

interface SummaryWithTuning {
  status: string;
  tuning?: { met: boolean; trials: number; chosen: number | null };
}

function readSummary(runFolder: string): SummaryWithTuning {
  return JSON.parse(fs.readFileSync(path.join(runFolder, 'summary.json'), 'utf8')) as SummaryWithTuning;
}

suite('tuning end to end (trusted workspace)', function () {
  this.timeout(300_000);
  let api: DistqApi;
  let workspace: string;
  const createdFiles: string[] = [];

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'this suite runs in the trusted run of the harness');
    api = await activateDistq();
    workspace = testWorkspaceFolder().fsPath;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of createdFiles) fs.rmSync(file, { recursive: true, force: true });
  });

  /** Runs a config to the end and returns its run folder. */
  async function finishedRun(config: vscode.Uri): Promise<string> {
    const ended = nextRunEnd(api);
    const runFolder = await vscode.commands.executeCommand<string | undefined>('distq.run', config);
    assert.ok(runFolder, `the run started (last message: ${api.lastMessage()?.text})`);
    createdFiles.push(runFolder);
    const outcome = await ended;
    assert.equal(outcome.status, 'finished', outcome.message);
    return runFolder;
  }

  test('tunes a finished run to a target it meets: tuning.json, summary.json, the Pareto panel and the tuned config beside the untouched config', async () => {
    // A target any model meets: the run as trained (trial 0) is chosen, and tuning ends at once.
    const config = writeConfig(workspace, 'tune-met.distq.json', { name: 'tune-met', ...TINY_RUN, tuning: { maxAccuracyLoss: { absolutePp: 100 }, maxTrials: 1, epochsPerTrial: 1 } });
    createdFiles.push(config.fsPath);
    const runFolder = await finishedRun(config);
    const configBytes = fs.readFileSync(config.fsPath);

    const ended = nextTuningEnd(api);
    const tuned = await vscode.commands.executeCommand<string | undefined>('distq.tune', config);
    assert.equal(tuned, runFolder, `tune/start answered with the run folder (last message: ${api.lastMessage()?.text})`);
    const outcome = await ended;
    assert.equal(outcome.status, 'finished', outcome.message);
    assert.equal(outcome.runFolder, runFolder);
    assert.equal(api.activeTuning(), undefined);

    const file = readTuning(runFolder);
    assert.equal(file.finished, true);
    assert.deepEqual(file.trials.map((t) => [t.index, t.action, t.meets]), [[0, 'start', true]]);
    assert.deepEqual(readSummary(runFolder).tuning, { met: true, trials: 1, chosen: 0 });

    const tunedConfigPath = path.join(workspace, 'tune-met.tuned.distq.json');
    createdFiles.push(tunedConfigPath);
    assert.equal(outcome.tunedConfigPath, tunedConfigPath);
    assert.equal(file.tunedConfigPath, tunedConfigPath);
    assert.ok(fs.existsSync(tunedConfigPath), 'the tuned config is beside the config');
    assert.match(fs.readFileSync(tunedConfigPath, 'utf8'), /"name": "tune-met-tuned"/);
    assert.ok(fs.readFileSync(config.fsPath).equals(configBytes), 'the user\'s config is byte-identical');
    assert.deepEqual(api.lastMessage()?.actions, ['Open Pareto', 'Open Tuned Config']);

    await vscode.commands.executeCommand('distq.openPareto', vscode.Uri.file(runFolder));
    const panel = await waitForPanel(api, PARETO, (title) => title === `Tuning · ${path.basename(runFolder)}`);
    const state = await waitForState(panel, 'pareto', 'the finished tuning', (s) => s.status.phase === 'finished' && s.trials.length === 1);
    assert.equal(state.chosen, 0);
  });

  test('stops a tuning after its first trial; tuning again continues it with new trials only', async () => {
    // A trained float student at W2A2, no loss allowed against it: the run as trained misses, so layers get promoted.
    // Three epochs over 2000 digits train the tiny model to about 86 % (one epoch over 256 leaves it near 16 %).
    const trained = await finishedRun(writeConfig(workspace, 'tune-trained.distq.json', {
      name: 'tune-trained', ...TINY_RUN,
      data: { kind: 'mnist', trainCount: 2000, testCount: 100 },
      training: { epochs: 3, batchSize: 32, logEverySteps: 10 },
    }));
    createdFiles.push(path.join(workspace, 'tune-trained.distq.json'));
    const studentPath = path.join(workspace, 'tune-trained.onnx');
    fs.copyFileSync(path.join(trained, 'student-fp32.onnx'), studentPath);
    createdFiles.push(studentPath);
    const config = writeConfig(workspace, 'tune-stop.distq.json', {
      name: 'tune-stop', ...TINY_RUN,
      model: { path: 'tune-trained.onnx' },
      data: { kind: 'mnist', trainCount: 2000, testCount: 100 },
      quantization: { weights: { bits: 2 }, activations: { bits: 2 }, calibrationBatches: 1 },
      // A trial of one epoch takes a fifth of a second: too short to stop it reliably from the window.
      tuning: { maxAccuracyLoss: { absolutePp: 0 }, maxTrials: 3, fallback: 'float', epochsPerTrial: 15 },
    });
    createdFiles.push(config.fsPath, path.join(workspace, 'tune-stop.tuned.distq.json'));
    const runFolder = await finishedRun(config);

    const stopped = nextTuningEnd(api);
    assert.equal(await vscode.commands.executeCommand<string | undefined>('distq.tune', config), runFolder, api.lastMessage()?.text);
    await waitFor('the first trial', () => (api.activeTuning()?.trials ?? 0) >= 1 || api.activeTuning() === undefined, 180_000);
    if (!api.activeTuning()) assert.fail(`the tuning ended before it could be stopped: ${JSON.stringify(await stopped)}`);
    await vscode.commands.executeCommand('distq.stopTuning');
    const stop = await stopped;
    assert.equal(stop.status, 'stopped', stop.message);
    const before = readTuning(runFolder);
    assert.equal(before.finished, false);
    assert.ok(before.trials.length >= 1);
    assert.equal(before.trials[0]?.meets, false, 'the run as trained misses the target');
    assert.equal(readSummary(runFolder).tuning, undefined, 'summary.json gains tuning only when it finishes');

    const continued = nextTuningEnd(api);
    assert.equal(await vscode.commands.executeCommand<string | undefined>('distq.tune', config), runFolder, api.lastMessage()?.text);
    const end = await continued;
    assert.equal(end.status, 'finished', end.message);
    const after = readTuning(runFolder);
    assert.ok(after.trials.length > before.trials.length, `trials grew from ${before.trials.length} to ${after.trials.length}`);
    assert.deepEqual(after.trials.map((t) => t.index), after.trials.map((_, i) => i), 'each trial once, in order');
    assert.deepEqual(after.trials.slice(0, before.trials.length), before.trials, 'the trials before the stop are kept as they were');
    assert.equal(after.finished, true);
    assert.equal(readSummary(runFolder).tuning?.trials, after.trials.length);
  });
});
