/**
 * DistQ's library entry: `prepareCompression(model, [distillationConfig, qatConfig])`
 * returns a compression manager whose callbacks carry Intel Neural Compressor's hook
 * names, so a user's own training loop can drive QAT with distillation; `tuneCompression` tunes the
 * result to an accuracy target with the user's own evaluation function.
 */
import type { DistillationConfig, QuantizationSettings } from './config/distqConfig.ts';
import { effectiveDistillation, effectiveQuantization, TRAINING_DEFAULTS } from './config/effectiveSections.ts';
import type { Dataset } from './data/dataset.ts';
import { bindModelInputs, loadModelForTraining } from './models/loadStudentModel.ts';
import { CompressionSession } from './compression/compressionSession.ts';
import { CompressionManager } from './compression/compressionManager.ts';
import { createRangeObserver } from './compression/rangeObserverFactory.ts';

export { CompressionManager, accuracyMetric, type EvaluationFunction } from './compression/compressionManager.ts';
export { loadMnist } from './data/mnist.ts';
export { iterateBatches, type Batch } from './data/batches.ts';
export { createDataset, createFloatDataset, type Dataset, type DatasetInput } from './data/dataset.ts';
export { createOptimizer } from './training/optim/factory.ts';
export { createLearningRateSchedule } from './training/optim/schedule.ts';
export type { TrainingHooks, StepInfo } from './training/hooks.ts';
export type { EpochSummary } from '../contracts/runFiles.ts';
export type { StepResult } from './training/trainStep.ts';
export { tuneCompression, type CompressionTuningOptions, type CompressionTuningResult } from './tuning/compressionTuner.ts';

/** Distillation settings (the config's `distillation` section) and the teacher model. */
export interface DistillationCompressionConfig extends Partial<DistillationConfig> {
  /** The teacher ONNX file (kd and intermediate kinds). */
  teacher?: string;
  teacherInput?: string;
  teacherOutput?: string;
}

/** Quantization-aware training settings (the config's `quantization` section); fields left out take the config's defaults. */
export type QuantizationAwareTrainingConfig = QuantizationSettings;

export interface PrepareOptions {
  /** Training data: calibration uses its first batches; its class count sizes the losses. */
  train: Dataset;
  input?: string;
  output?: string;
  /** Examples per calibration batch; default: the config's `training.batchSize` default. */
  batchSize?: number;
  /** Default: the config's `training.evalBatchSize` default. */
  evalBatchSize?: number;
  seed?: number;
  threads?: number;
}

export async function prepareCompression(model: string, configs: [DistillationCompressionConfig, QuantizationAwareTrainingConfig], options: PrepareOptions): Promise<CompressionManager> {
  const [{ teacher: teacherPath, teacherInput, teacherOutput, ...distillationSettings }, quantizationSettings] = configs;
  const distillation = effectiveDistillation(distillationSettings, Boolean(teacherPath), 'prepareCompression distillation config');
  const quantization = effectiveQuantization(quantizationSettings, 'prepareCompression quantization config');
  const student = bindModelInputs(loadModelForTraining(model, options.input, options.output), options.train, 'the training data');
  const teacher = teacherPath ? bindModelInputs(loadModelForTraining(teacherPath, teacherInput, teacherOutput), options.train, 'the training data') : undefined;
  const session = await CompressionSession.create({
    student, teacher, distillation, quantization,
    train: options.train,
    seed: options.seed ?? TRAINING_DEFAULTS.seed,
    threads: options.threads ?? TRAINING_DEFAULTS.threads,
    batchSize: options.batchSize ?? TRAINING_DEFAULTS.batchSize,
    evalBatchSize: options.evalBatchSize ?? TRAINING_DEFAULTS.evalBatchSize,
    createObserver: () => createRangeObserver(quantization.activations),
  });
  return new CompressionManager(session, quantization, options.train);
}
