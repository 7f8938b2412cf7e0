/**
 * `distq run CONFIG`: QAT with distillation. Calibrates the activation ranges,
 * measures the post-training-quantized baseline, trains with the teacher, exports
 * the INT8 QDQ model, checks it in ONNX Runtime and writes the run folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { resolveConfigPath } from '../config/loadConfig.ts';
import type { DistillationConfig, QuantizationConfig } from '../config/distqConfig.ts';
import { batchCount } from '../data/batches.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';
import { loadData } from '../data/loadData.ts';
import { RunFolder } from '../run/runFolder.ts';
import { readCheckpoint } from '../run/checkpoint.ts';
import { TrainingCancelledError, TrainingDivergedError } from '../training/trainer.ts';
import { createOptimizer } from '../training/optim/factory.ts';
import type { OptimizerState } from '../training/optim/optimizer.ts';
import { optimizerConfigOf } from '../training/trainingSettings.ts';
import type { BaselineFile, EpochSummary, RunSummary } from '../../contracts/runFiles.ts';
import { CompressionSession } from '../compression/compressionSession.ts';
import { CompressionManager } from '../compression/compressionManager.ts';
import { trainSession } from '../compression/trainSession.ts';
import { createConfigSession, loadConfigInputs } from '../compression/configSession.ts';
import { restoreSessionState, sessionCheckpointState, type SessionCheckpointState } from '../compression/restoreCheckpoint.ts';
import type { Dataset } from '../data/dataset.ts';
import { exportAndEvaluate, type ExportedModel } from '../compression/exportAndEvaluate.ts';
import { layerErrorsOf } from '../compression/layerReport.ts';
import { warmsUpHeads, warmUpHeads } from '../compression/headWarmup.ts';
import type { Reporter } from './reporter.ts';
import { firstNonFiniteParameter } from '../training/finiteParameters.ts';

interface CheckpointState extends SessionCheckpointState {
  optimizer: OptimizerState;
  /** Every finished epoch so far, for the summary of a resumed run; absent in older checkpoints. */
  epochs?: EpochSummary[];
}

export const EXPORT_AGREEMENT_LIMIT_PP = 0.2;

export interface RunOptions {
  /** A run folder to continue from its last checkpoint. */
  resume?: string;
  /** Checked between steps; when it returns true the run stops (the last epoch's checkpoint stays). */
  shouldStop?: () => boolean;
  /** Told the run folder as soon as it exists. */
  onRunFolder?: (folder: string) => void;
}

export async function runFromConfig(loaded: LoadedConfig, reporter: Reporter, options: RunOptions = {}): Promise<RunSummary> {
  const started = performance.now();
  const { config } = loaded;
  const resolve = (p: string): string => resolveConfigPath(loaded, p);
  const inputs = loadConfigInputs(loaded);
  const { student, teacher, data, distillation, quantization } = inputs;
  reporter.log(`student ${path.relative(process.cwd(), student.path)}${teacher ? `, teacher ${path.relative(process.cwd(), teacher.path)}` : ''}; data ${data.description}`);
  reporter.log(`distillation ${distillation.kind}; quantization ${quantization.enabled ? precisionLabel(quantization.weights.bits, quantization.activations.bits) : 'off'}`);

  reporter.progress({ phase: 'prepare' });
  const session = await createConfigSession(loaded, inputs);
  const manager = new CompressionManager(session, quantization, data.train);
  try {
    const run = options.resume ? openForResume(options.resume) : RunFolder.create(resolve(config.output.runsFolder), config.name);
    const lock = run.lock();
    try {
      if (options.resume) run.removeTemporaryFiles();
      reporter.log(`${options.resume ? 'resuming' : 'run folder'} ${path.relative(process.cwd(), run.folder)}`);
      options.onRunFolder?.(run.folder);
      return await trainAndExport({ loaded, reporter, options, started, session, manager, data, run, distillation, quantization });
    } finally {
      lock.release();
    }
  } finally {
    await session.release();
  }
}

interface RunParts {
  loaded: LoadedConfig;
  reporter: Reporter;
  options: RunOptions;
  started: number;
  session: CompressionSession;
  manager: CompressionManager;
  data: ReturnType<typeof loadData>;
  run: RunFolder;
  distillation: DistillationConfig;
  quantization: QuantizationConfig;
}

/** Opens a run folder to resume, refusing one with nothing to resume: summary.json stays as it is. */
function openForResume(folder: string): RunFolder {
  const run = RunFolder.open(folder);
  const summary = run.readSummary();
  if (summary?.status === 'finished' || summary?.kind === 'train') throw new Error(`run folder ${folder} already finished (its summary.json says so); there is nothing to resume`);
  if (!run.hasCheckpoint()) throw new Error(`run folder ${folder} has no checkpoint.bin (the run ended before its first epoch did); start the run again without --resume`);
  return run;
}

async function trainAndExport(parts: RunParts): Promise<RunSummary> {
  const { loaded, reporter, options, started, session, manager, data, run, distillation, quantization } = parts;
  const { config } = loaded;
  let baseline: BaselineFile | undefined;
  // The run folder says how the run ended, so a reader of it alone knows.
  const ended = (status: 'stopped' | 'failed', message: string): string => {
    try {
      const checkpointEpoch = run.hasCheckpoint() ? (readCheckpoint(run.checkpointPath) as CheckpointState).epoch : 0;
      run.writeSummary({ kind: 'run', name: config.name, configPath: loaded.file, status, message, checkpointEpoch, baseline, seconds: (performance.now() - started) / 1000, runFolder: run.folder });
      return message;
    } catch (error) {
      return `${message} (and summary.json could not be written: ${(error as Error).message.split('\n')[0]})`;
    }
  };
  try {
    const optimizer = createOptimizer(optimizerConfigOf(config.training.optimizer));
    let startEpoch = 0;
    const epochs: EpochSummary[] = [];
    if (options.resume) {
      const state = readCheckpoint(run.checkpointPath) as CheckpointState;
      restoreSessionState(session, state, run.checkpointPath);
      optimizer.load(state.optimizer);
      startEpoch = state.epoch;
      manager.markCalibrated();
      baseline = run.readBaseline();
      // Checkpoints from before epochs were kept in them: the metrics log has them.
      epochs.push(...(state.epochs ?? run.readEpochsBefore(startEpoch)));
      // The epoch after the checkpoint is trained again: its records (and a line a kill cut short) go.
      run.keepMetricsBefore(startEpoch);
      reporter.log(`continuing after epoch ${startEpoch} of ${config.training.epochs}`);
    } else {
      run.writeConfigCopy(loaded.text);
      run.writeRunInfo({ kind: 'run', name: config.name, configPath: loaded.file, startedAt: new Date().toISOString() });
      baseline = await measureBaseline(manager, data.test, quantization, run, reporter);
      run.writeBaseline(baseline);
      try {
        await warmUpHeadsIfDue(parts, baseline.studentFp32);
      } catch (error) {
        if (error instanceof TrainingCancelledError) throw new TrainingCancelledError(ended('stopped', `${error.message}; no epoch finished, so start the run again`));
        throw error;
      }
    }
    const measuredBaseline = baseline;

    const stepsPerEpoch = batchCount(data.train.count, config.training.batchSize);
    const saveCheckpoint = (epoch: number): void => {
      const state: CheckpointState = { ...sessionCheckpointState(session, epoch), optimizer: optimizer.state(), epochs };
      run.writeCheckpoint(state);
    };
    try {
      await trainSession({
        manager,
        train: data.train,
        test: data.test,
        training: config.training,
        optimizer,
        startEpoch,
        shouldStop: options.shouldStop,
        hooks: [{
          onStepEnd: (info, result) => reporter.progress({ phase: 'train', epoch: info.epoch + 1, epochs: config.training.epochs, step: info.step + 1, steps: stepsPerEpoch, loss: result.totalLoss }),
          onEpochEnd: (summary) => {
            epochs.push(summary);
            saveCheckpoint(summary.epoch + 1);
            const accuracy = Object.entries(summary.accuracy).map(([k, v]) => `${k} ${(100 * v).toFixed(2)} %`).join(', ');
            reporter.log(`epoch ${summary.epoch + 1}/${config.training.epochs}: loss ${summary.trainLoss.toFixed(4)}, ${accuracy}`);
          },
        }],
        onMetrics: (record) => {
          run.appendMetrics(record);
          reporter.metrics(record);
        },
      });
      // A resumed run may export without training a step: its parameters are checked here too.
      const bad = firstNonFiniteParameter(session.step.graph.parameters, session.step.parameterValues);
      if (bad) throw new TrainingDivergedError(`${bad} before export; lower the learning rate or set training.gradientClipNorm`);
    } catch (error) {
      if (error instanceof TrainingDivergedError) {
        const checkpointNote = run.hasCheckpoint() ? `The last good checkpoint is kept in ${run.folder}` : `No epoch finished, so ${run.folder} holds no checkpoint to resume from`;
        throw new TrainingDivergedError(ended('failed', `${error.message}. ${checkpointNote}`));
      }
      if (error instanceof TrainingCancelledError) throw new TrainingCancelledError(ended('stopped', `${error.message}; resume with --resume ${run.folder}`));
      throw error;
    }

    reporter.progress({ phase: 'export' });
    const trained = session.currentStudent();
    run.writeModel('studentFp32', trained);
    const studentFp32AfterQat = await session.evaluateFloat(data.test);
    const qatFakeQuant = quantization.enabled ? await session.evaluateFakeQuant(data.test) : studentFp32AfterQat;
    const exported: ExportedModel = await exportAndEvaluate(session, trained, data.test, run.modelPath('studentInt8'), run.modelPath('studentFp32'), config.training.evalBatchSize, config.training.threads);
    if (quantization.enabled) {
      const previous = run.readLayers();
      const final = await layerErrorsOf(session, data.test);
      run.writeLayers({ ptq: previous.ptq, final });
      reporter.layerErrors?.('final', final);
    }
    // Rounded to 1e-9 pp: accuracies are fractions of a test set, and 0.9840 − 0.9860 is not
    // exactly −0.2 in floating point.
    const deltaPp = Math.round(1e9 * 100 * (exported.accuracy - qatFakeQuant)) / 1e9;
    const summary: RunSummary = {
      kind: 'run',
      name: config.name,
      configPath: loaded.file,
      status: 'finished',
      distillation: distillation.kind,
      bits: { weights: quantization.weights.bits, activations: quantization.activations.bits },
      accuracy: { teacherFp32: measuredBaseline.teacherFp32, studentFp32: measuredBaseline.studentFp32, ptqInt8: measuredBaseline.ptqInt8, qatFakeQuant, qatInt8: exported.accuracy, studentFp32AfterQat },
      sizeBytes: { fp32: fs.statSync(run.modelPath('studentFp32')).size, int8: fs.statSync(run.modelPath('studentInt8')).size },
      latencyMs: exported.latency,
      exportAgreement: { deltaPp, ok: Math.abs(deltaPp) <= EXPORT_AGREEMENT_LIMIT_PP },
      epochs,
      seconds: (performance.now() - started) / 1000,
      runFolder: run.folder,
    };
    if (!summary.exportAgreement.ok) reporter.log(`warning: the INT8 model's accuracy differs from the fake-quantized model's by ${deltaPp.toFixed(2)} pp (limit ${EXPORT_AGREEMENT_LIMIT_PP} pp)`);
    run.writeSummary(summary);
    return summary;
  } catch (error) {
    if (error instanceof TrainingDivergedError || error instanceof TrainingCancelledError) throw error;
    // Any other failure once the folder exists (a full disk, a read-only folder, …) ends the run `failed`.
    const explained = run.explainWriteError(error);
    const message = explained instanceof Error ? (explained.message.split('\n')[0] ?? '') : String(explained);
    const told = ended('failed', message);
    throw told === message && explained instanceof Error ? explained : new Error(told);
  }
}

/** Self-distillation's head warm-up, when the config asks for it or (auto) the student starts trained. */
async function warmUpHeadsIfDue(parts: RunParts, studentAccuracy: number): Promise<void> {
  const { session, distillation, reporter, run, data, loaded } = parts;
  const heads = session.plan.auxiliaryHeads;
  if (distillation.kind !== 'self' || !warmsUpHeads(distillation.headWarmup, heads.length, studentAccuracy, data.train.classCount)) return;
  const { training } = loaded.config;
  const warmup = await warmUpHeads({
    session, train: data.train, settings: distillation.headWarmup, batchSize: training.batchSize, seed: training.seed, shouldStop: parts.options.shouldStop,
    onStep: (step, steps, loss) => reporter.progress({ phase: 'headWarmup', step, steps, loss }),
    onMetrics: (record) => {
      run.appendMetrics(record);
      reporter.metrics(record);
    },
  });
  const accuracies = Object.entries(warmup.heads).map(([name, head]) => `${name} ${(100 * head.accuracy).toFixed(1)} %`).join(', ');
  reporter.log(`head warm-up: ${warmup.steps} steps (${warmup.stoppedBecause === 'plateau' ? 'accuracy stopped improving' : 'step budget spent'}); ${accuracies}`);
}

async function measureBaseline(manager: CompressionManager, test: Dataset, quantization: QuantizationConfig, run: RunFolder, reporter: Reporter): Promise<BaselineFile> {
  const { session } = manager;
  reporter.progress({ phase: 'calibrate' });
  const teacherFp32 = (await session.evaluateTeacher(test)) ?? null;
  const studentFp32 = await session.evaluateFloat(test);
  if (!quantization.enabled) return { teacherFp32, studentFp32, ptqInt8: studentFp32, ptqFakeQuant: studentFp32 };
  await manager.calibrate();
  const ptqFakeQuant = await session.evaluateFakeQuant(test);
  const ptq = await exportAndEvaluate(session, session.currentStudent(), test, run.modelPath('ptqInt8'), undefined, session.setup.evalBatchSize, session.setup.threads);
  const layers = await layerErrorsOf(session, test);
  run.writeLayers({ ptq: layers, final: null });
  reporter.layerErrors?.('ptq', layers);
  reporter.log(`baseline: teacher ${teacherFp32 === null ? '—' : `${(100 * teacherFp32).toFixed(2)} %`}, student FP32 ${(100 * studentFp32).toFixed(2)} %, PTQ INT8 ${(100 * ptq.accuracy).toFixed(2)} %`);
  return { teacherFp32, studentFp32, ptqInt8: ptq.accuracy, ptqFakeQuant };
}
