/**
 * `distq sensitivity CONFIG [--run RUN_DIR] [--time-budget-minutes M]`: how much each quantized layer
 * costs in accuracy (engine/analysis/sensitivity.ts). Without --run it analyses the config's student
 * quantized post-training (calibrated as a run's baseline is) and writes NAME.sensitivity.json beside
 * the config; with --run it analyses that run's last checkpoint, with the ranges QAT trained, and
 * writes sensitivity.json into the run folder.
 */
import * as path from 'node:path';
import type { LoadedConfig } from '../config/loadConfig.ts';
import { resolveConfigPath } from '../config/loadConfig.ts';
import { effectiveDistillation, effectiveQuantization } from '../config/effectiveSections.ts';
import { loadData } from '../data/loadData.ts';
import { bindModelInputs, loadModelForTraining } from '../models/loadStudentModel.ts';
import { checkLabelsInRange } from '../models/labelRange.ts';
import { CompressionSession } from '../compression/compressionSession.ts';
import { CompressionManager } from '../compression/compressionManager.ts';
import { createRangeObserver } from '../compression/rangeObserverFactory.ts';
import { layerErrorsOf } from '../compression/layerReport.ts';
import { restoreSessionState, type SessionCheckpointState } from '../compression/restoreCheckpoint.ts';
import { RunFolder } from '../run/runFolder.ts';
import { readCheckpoint } from '../run/checkpoint.ts';
import { writeSensitivityReport } from '../run/sensitivityFile.ts';
import { measureSensitivity } from '../analysis/sensitivity.ts';
import { sensitivityFileBesideConfig, type SensitivityReport } from '../../contracts/sensitivityReport.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';
import type { Reporter } from './reporter.ts';

export interface SensitivityCommandOptions {
  /** A run folder whose last checkpoint is analysed instead of the config's student. */
  run?: string;
  timeBudgetMinutes?: number;
  /** Checked between evaluations; when it returns true the analysis stops and writes nothing. */
  shouldStop?: () => boolean;
}

export interface SensitivityResult {
  report: SensitivityReport;
  /** Where sensitivity.json was written. */
  file: string;
}

export async function sensitivityFromConfig(loaded: LoadedConfig, reporter: Reporter, options: SensitivityCommandOptions = {}): Promise<SensitivityResult> {
  const started = performance.now();
  const { config } = loaded;
  const resolve = (p: string): string => resolveConfigPath(loaded, p);
  const quantization = effectiveQuantization(config.quantization, loaded.file);
  if (!quantization.enabled) throw new Error(`${loaded.file} turns quantization off (quantization.enabled: false): there is no quantized layer to analyse`);
  // The teacher plays no part: accuracy is measured against the labels.
  const distillation = effectiveDistillation(undefined, false, loaded.file);
  const data = loadData(config.data, resolve);
  const student = bindModelInputs(loadModelForTraining(resolve(config.model.path), config.model.input, config.model.output), data.train, data.description);
  checkLabelsInRange(student, data);
  const run = options.run === undefined ? undefined : RunFolder.open(path.resolve(options.run));
  if (run && !run.hasCheckpoint()) throw new Error(`run folder ${run.folder} has no checkpoint.bin (the run ended before its first epoch did): there are no trained weights to analyse`);
  reporter.log(`sensitivity of ${precisionLabel(quantization.weights.bits, quantization.activations.bits)} ${run ? `run ${path.relative(process.cwd(), run.folder)} (its last checkpoint)` : `${path.relative(process.cwd(), student.path)} (post-training quantization)`}; data ${data.description}`);

  reporter.progress({ phase: 'prepare' });
  const { training } = config;
  const session = await CompressionSession.create({
    student, distillation, quantization, train: data.train, seed: training.seed, threads: training.threads, batchSize: training.batchSize, evalBatchSize: training.evalBatchSize,
    createObserver: () => createRangeObserver(quantization.activations),
  });
  const lock = run?.lock();
  try {
    let source: SensitivityReport['source'] = { kind: 'ptq' };
    if (run) {
      const state = readCheckpoint(run.checkpointPath) as SessionCheckpointState;
      restoreSessionState(session, state, run.checkpointPath);
      source = { kind: 'run', runFolder: run.folder, checkpointEpoch: state.epoch };
    } else {
      reporter.progress({ phase: 'calibrate' });
      await new CompressionManager(session, quantization, data.train).calibrate();
    }
    reporter.progress({ phase: 'analyse' });
    const layers = await layerErrorsOf(session, data.test);
    if (layers.layers.length === 0) throw new Error(`${loaded.file}: no layer of ${student.path} is quantized (quantization.opTypes and quantization.exclude leave none), so there is nothing to analyse`);
    const measurement = await measureSensitivity({
      floatModel: session.currentStudent(),
      plan: session.exportPlan(),
      quantization,
      layers: layers.layers,
      test: data.test,
      inputNames: student.inputNames,
      logits: student.logitsName,
      batchSize: training.evalBatchSize,
      threads: training.threads,
    }, {
      // The budget covers the whole command: loading, calibration and the layers report have spent part of it.
      ...(options.timeBudgetMinutes === undefined ? {} : { timeBudgetSeconds: Math.max(0, 60 * options.timeBudgetMinutes - (performance.now() - started) / 1000) }),
      shouldStop: options.shouldStop,
      log: (line) => reporter.log(line),
      onLayer: (done, total, line) => {
        reporter.progress({ phase: 'sensitivity', step: done, steps: total });
        reporter.log(`[${done}/${total}] ${line}`);
      },
    });
    const report: SensitivityReport = {
      kind: 'sensitivity',
      configPath: loaded.file,
      source,
      bits: { weights: quantization.weights.bits, activations: quantization.activations.bits },
      ...measurement,
      timeBudgetMinutes: options.timeBudgetMinutes ?? null,
      seconds: (performance.now() - started) / 1000,
    };
    let file: string;
    if (run) {
      run.writeSensitivity(report);
      file = run.sensitivityPath;
    } else {
      file = path.join(path.dirname(loaded.file), sensitivityFileBesideConfig(path.basename(loaded.file)));
      writeSensitivityReport(file, report);
    }
    return { report, file };
  } finally {
    lock?.release();
    await session.release();
  }
}
