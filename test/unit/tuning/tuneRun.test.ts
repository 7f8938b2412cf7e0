/** Tuning a run folder with a scripted trial runner: tuning.json, summary.json's tuning, the tuned config, stopping and resuming. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText, type LoadedConfig } from '../../../engine/config/loadConfig.ts';
import { RunFolder } from '../../../engine/run/runFolder.ts';
import { tuneRun } from '../../../engine/tuning/tuneRun.ts';
import type { TrialMeasurement, TrialRunner } from '../../../engine/tuning/tuningLoop.ts';
import type { TrialRequest } from '../../../engine/tuning/tuningSearch.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import type { LayerSensitivity, SensitivityReport } from '../../../contracts/sensitivityReport.ts';

const CONFIG = { name: 'mnist', model: { path: 'm.onnx' }, data: { kind: 'mnist' }, quantization: { weights: { bits: 4 }, activations: { bits: 4 } }, tuning: { maxAccuracyLoss: { absolutePp: 0.5 } } };

function setUp(config: object = CONFIG): { loaded: LoadedConfig; run: RunFolder } {
  const folder = mkdtempSync(join(tmpdir(), 'distq-tune-'));
  const file = join(folder, 'mnist.distq.json');
  const text = JSON.stringify(config);
  writeFileSync(file, text);
  const run = RunFolder.create(join(folder, 'runs'), 'mnist');
  const summary: RunSummary = {
    kind: 'run', name: 'mnist', configPath: file, status: 'finished', distillation: 'kd', bits: { weights: 4, activations: 4 },
    accuracy: { teacherFp32: 0.98, studentFp32: 0.97, ptqInt8: 0.5, qatFakeQuant: 0.95, qatInt8: 0.95, studentFp32AfterQat: 0.97 },
    sizeBytes: { fp32: 4000, int8: 1000 }, latencyMs: { fp32: { batch1: 1, batch: 10 }, int8: { batch1: 1, batch: 10 }, batchSize: 100 },
    exportAgreement: { deltaPp: 0, ok: true }, epochs: [], seconds: 1, runFolder: run.folder,
  };
  run.writeSummary(summary);
  return { loaded: { config: parseConfigText(text, file), file, folder, text }, run };
}

const layer = (node: string, impactPp: number): LayerSensitivity => ({ node, opType: 'Conv', onlyQuantized: null, onlyFloat: null, impactPp, proxies: { ownSqnr: null, accumulatedSqnr: null, outputGradient: null } });

function sensitivity(counter: { calls: number }): () => Promise<SensitivityReport> {
  return () => {
    counter.calls++;
    return Promise.resolve({ layers: [layer('fc', 0.2), layer('conv1', 3), layer('conv2', 1)] } as SensitivityReport);
  };
}

/** INT8 accuracy `base`, plus 0.02 once conv1 is promoted and 0.01 once conv2 is; fc adds nothing; a retrain adds `retrainGain`. */
function runner(base = 0.95, retrainGain = 0.005): TrialRunner & { requests: TrialRequest[] } {
  const requests: TrialRequest[] = [];
  return {
    requests,
    runTrial(request): Promise<TrialMeasurement> {
      requests.push(request);
      const int8 = base + (request.layers.conv1 ? 0.02 : 0) + (request.layers.conv2 ? 0.01 : 0) + (request.action === 'retrain' ? retrainGain : 0);
      return Promise.resolve({ accuracy: { fakeQuant: int8, int8 }, sizeBytes: 1000, latencyMs: null });
    },
  };
}

describe('tuning a run', () => {
  it('records every trial, adds tuning to summary.json and writes the chosen settings beside the config, leaving the config as it was', async () => {
    const { loaded, run } = setUp();
    const result = await tuneRun({ loaded, run, measureSensitivity: sensitivity({ calls: 0 }), runner: runner(), shouldStop: () => false, progress: () => {} });
    assert.deepEqual(result.file.promotionOrder, ['conv1', 'conv2', 'fc']);
    assert.equal(result.file.reference.model, 'teacherFp32');
    assert.ok(Math.abs(result.file.minimumAccuracy - 0.975) < 1e-12);
    // start 0.95, conv1 0.97, conv2 0.98 meets; give back conv1: 0.96 fails; conv1 + conv2 retrained from the student 0.985 meets.
    assert.deepEqual(result.trials.map((t) => [t.action, t.node ?? null, t.meets]), [['start', null, false], ['promote', 'conv1', false], ['promote', 'conv2', true], ['giveBack', 'conv1', false], ['retrain', null, true]]);
    assert.deepEqual(result.trials[1]!.layers, { conv1: { weights: { bits: 8 }, activations: { bits: 8 } } });
    assert.deepEqual(result.trials[4]!.layers, result.trials[2]!.layers);
    assert.deepEqual(result.summary, { met: true, trials: 5, chosen: 4 });

    const saved = run.readTuning();
    assert.equal(saved?.finished, true);
    assert.equal(saved?.trials.length, 5);
    assert.equal(saved?.tunedConfigPath, join(loaded.folder, 'mnist.tuned.distq.json'));
    const summary = run.readSummary();
    assert.deepEqual(summary?.kind === 'run' && summary.status === 'finished' ? summary.tuning : undefined, { met: true, trials: 5, chosen: 4 });
    const tuned = parseConfigText(readFileSync(saved!.tunedConfigPath!, 'utf8'), saved!.tunedConfigPath!);
    assert.deepEqual(Object.keys(tuned.quantization?.layers ?? {}), ['conv1', 'conv2']);
    assert.equal(readFileSync(loaded.file, 'utf8'), loaded.text);
  });

  it('writes no tuned config when the target is not met', async () => {
    const { loaded, run } = setUp();
    const result = await tuneRun({ loaded, run, measureSensitivity: sensitivity({ calls: 0 }), runner: runner(0.9), shouldStop: () => false, progress: () => {} });
    assert.deepEqual(result.summary, { met: false, trials: 5, chosen: 4 }, 'every layer promoted, then the most accurate (trial 2, conv1 + conv2) retrained from the student, more accurate still');
    assert.equal(run.readTuning()?.tunedConfigPath, null);
    assert.equal(existsSync(join(loaded.folder, 'mnist.tuned.distq.json')), false);
  });

  it('continues a stopped tuning from tuning.json without measuring sensitivity or rerunning trials again', async () => {
    const { loaded, run } = setUp();
    const measured = { calls: 0 };
    const first = runner();
    const stopped = await tuneRun({ loaded, run, measureSensitivity: sensitivity(measured), runner: first, shouldStop: () => first.requests.length >= 2, progress: () => {} });
    assert.equal(stopped.finished, false);
    assert.equal(run.readTuning()?.finished, false);
    assert.equal(run.readTuning()?.trials.length, 2);
    const stoppedSummary = run.readSummary();
    assert.equal(stoppedSummary?.kind === 'run' && stoppedSummary.status === 'finished' ? stoppedSummary.tuning : 'no summary', undefined);

    const second = runner();
    const resumed = await tuneRun({ loaded, run, measureSensitivity: sensitivity(measured), runner: second, shouldStop: () => false, progress: () => {} });
    assert.equal(measured.calls, 1);
    assert.deepEqual(second.requests.map((r) => r.index), [2, 3, 4]);
    assert.deepEqual(resumed.summary, { met: true, trials: 5, chosen: 4 });
  });

  it('refuses to continue a tuning made with other settings', async () => {
    const { loaded, run } = setUp();
    const first = runner();
    await tuneRun({ loaded, run, measureSensitivity: sensitivity({ calls: 0 }), runner: first, shouldStop: () => first.requests.length >= 1, progress: () => {} });
    const changed = { ...loaded, config: { ...loaded.config, tuning: { ...loaded.config.tuning!, fallback: 'float' as const } } };
    await assert.rejects(tuneRun({ loaded: changed, run, measureSensitivity: sensitivity({ calls: 0 }), runner: runner(), shouldStop: () => false, progress: () => {} }), /made with other tuning settings/);
  });

  it('refuses a run folder without a finished run', async () => {
    const { loaded, run } = setUp();
    run.writeSummary({ kind: 'run', name: 'mnist', status: 'stopped', message: 'stopped', checkpointEpoch: 1, seconds: 1, runFolder: run.folder });
    await assert.rejects(tuneRun({ loaded, run, measureSensitivity: sensitivity({ calls: 0 }), runner: runner(), shouldStop: () => false, progress: () => {} }), /no finished run to tune from/);
  });
});
