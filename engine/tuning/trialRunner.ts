/**
 * The tuner's trial runner (tuningLoop.ts's TrialRunner) on a run folder: a session with the
 * trial's per-layer precisions, the checkpoint of the trial it continues from restored into it (the
 * run's own for the start), `tuning.epochsPerTrial` epochs of QAT + distillation from there (none
 * for the start, which measures the run as trained; for the retrain, the config's student trained
 * `training.epochs` as a run trains it), the trial's checkpoint kept in `tuning/trial-N/` for the
 * trials after it, and the INT8 export measured in ONNX Runtime.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { effectiveQuantization } from '../config/effectiveSections.ts';
import { batchCount, iterateBatches } from '../data/batches.ts';
import type { RunFolder } from '../run/runFolder.ts';
import { readCheckpoint, writeCheckpoint } from '../run/checkpoint.ts';
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import { CompressionManager } from '../compression/compressionManager.ts';
import { createConfigSession, type ConfigInputs } from '../compression/configSession.ts';
import type { CompressionSession } from '../compression/compressionSession.ts';
import { restoreWithNewQuantizers, sessionCheckpointState, type SessionCheckpointState } from '../compression/restoreCheckpoint.ts';
import { trainSession } from '../compression/trainSession.ts';
import { exportAndEvaluate } from '../compression/exportAndEvaluate.ts';
import { createOptimizer } from '../training/optim/factory.ts';
import { optimizerConfigOf } from '../training/trainingSettings.ts';
import { TrainingDivergedError } from '../training/trainer.ts';
import { firstNonFiniteParameter } from '../training/finiteParameters.ts';
import { measureLatency } from '../runtime/latency.ts';
import { repeatedFeeds } from '../runtime/inputFeeds.ts';
import type { Reporter } from '../commands/reporter.ts';
import type { TrialMeasurement, TrialRunner } from './tuningLoop.ts';
import type { TrialRequest } from './tuningSearch.ts';

export interface TrialRunnerContext {
  loaded: LoadedConfig;
  /** The config's models and data, loaded once for every trial. */
  inputs: ConfigInputs;
  run: RunFolder;
  epochsPerTrial: number;
  /** Checked between training steps: a stop ends the trial with TrainingCancelledError, unrecorded. */
  shouldStop?: () => boolean;
  reporter: Reporter;
}

export function createTrialRunner(context: TrialRunnerContext): TrialRunner {
  return { runTrial: (request) => runTrial(context, request) };
}

/** Where trial `index` keeps its checkpoint; the start's source is the run's own checkpoint. */
function checkpointOf(run: RunFolder, index: number | null): string {
  return index === null ? run.checkpointPath : path.join(run.tuningTrialFolder(index), RUN_FOLDER_FILES.checkpoint);
}

async function runTrial(context: TrialRunnerContext, request: TrialRequest): Promise<TrialMeasurement> {
  const { loaded, inputs, run, reporter } = context;
  const { training } = loaded.config;
  const { train, test } = inputs.data;
  const quantization = effectiveQuantization({ ...loaded.config.quantization, layers: request.layers }, loaded.file);
  const session = await createConfigSession(loaded, inputs, quantization);
  try {
    const manager = new CompressionManager(session, quantization, train);
    const retrain = request.action === 'retrain';
    const startEpoch = retrain ? 0 : await restoreTrialStart(context, session, manager, request, quantization.calibrationBatches);
    // A retrain trains as the run did, from the config's student; the others briefly, from where they continue.
    const epochs = request.action === 'start' ? 0 : retrain ? training.epochs : context.epochsPerTrial;
    let fakeQuantBeforeTraining: number | undefined;
    if (epochs > 0) {
      if (retrain) await manager.calibrate();
      fakeQuantBeforeTraining = await session.evaluateFakeQuant(test);
      const steps = batchCount(train.count, training.batchSize);
      await trainSession({
        manager, train, test,
        // The schedule spans the trial's epochs; the optimizer starts afresh, as the precisions changed under it.
        training: { ...training, epochs },
        optimizer: createOptimizer(optimizerConfigOf(training.optimizer)),
        shouldStop: context.shouldStop,
        hooks: [{ onStepEnd: (info, result) => reporter.progress({ phase: 'train', epoch: info.epoch + 1, epochs, step: info.step + 1, steps, loss: result.totalLoss }) }],
      });
      const bad = firstNonFiniteParameter(session.step.graph.parameters, session.step.parameterValues);
      if (bad) throw new TrainingDivergedError(`trial ${request.index + 1}: ${bad}; lower the learning rate or set training.gradientClipNorm`);
    }

    const folder = run.tuningTrialFolder(request.index);
    writeCheckpoint(path.join(folder, RUN_FOLDER_FILES.checkpoint), sessionCheckpointState(session, startEpoch + epochs));
    reporter.progress({ phase: 'export' });
    const fakeQuant = await session.evaluateFakeQuant(test);
    const int8Path = path.join(folder, RUN_FOLDER_FILES.studentInt8);
    const exported = await exportAndEvaluate(session, session.currentStudent(), test, int8Path, undefined, training.evalBatchSize, training.threads);
    const latency = await measureLatency(int8Path, repeatedFeeds(inputs.student.inputNames, test, 1), 1, { threads: training.threads });
    return { accuracy: { fakeQuant, int8: exported.accuracy }, ...(fakeQuantBeforeTraining === undefined ? {} : { fakeQuantBeforeTraining }), sizeBytes: fs.statSync(int8Path).size, latencyMs: latency.medianMs };
  } finally {
    await session.release();
  }
}

/** Restores the checkpoint the trial continues from (calibrating the quantizers it lacks); returns that checkpoint's epoch. */
async function restoreTrialStart(context: TrialRunnerContext, session: CompressionSession, manager: CompressionManager, request: TrialRequest, calibrationBatches: number): Promise<number> {
  const { training } = context.loaded.config;
  const { train } = context.inputs.data;
  const source = checkpointOf(context.run, request.continuedFrom);
  const state = readCheckpoint(source) as SessionCheckpointState;
  const calibration = { batches: iterateBatches(train, { batchSize: training.batchSize, seed: 0, epoch: 0, shuffle: false, reuseBuffers: false }), batchCount: calibrationBatches };
  const calibrated = await restoreWithNewQuantizers(session, state, source, calibration);
  manager.markCalibrated();
  if (calibrated.length > 0) context.reporter.log(`calibrated the ranges this trial quantizes anew: ${calibrated.join(', ')}`);
  return state.epoch;
}
