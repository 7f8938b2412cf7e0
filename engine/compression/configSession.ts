/**
 * A config's models and data, loaded and checked once, and a compression session built from them
 * with a given quantization section: `distq run` builds one, the tuner one per trial (each trial
 * has its own per-layer precisions).
 */
import type { LoadedConfig } from '../config/loadConfig.ts';
import { resolveConfigPath } from '../config/loadConfig.ts';
import type { DistillationConfig, QuantizationConfig } from '../config/distqConfig.ts';
import { effectiveDistillation, effectiveQuantization } from '../config/effectiveSections.ts';
import { loadData, type TrainTestData } from '../data/loadData.ts';
import { bindModelInputs, loadModelForTraining, type LoadedModel } from '../models/loadStudentModel.ts';
import { checkLabelsInRange } from '../models/labelRange.ts';
import { checkBatchSizes } from '../training/batchLimits.ts';
import { CompressionSession } from './compressionSession.ts';
import { createRangeObserver } from './rangeObserverFactory.ts';

export interface ConfigInputs {
  student: LoadedModel;
  teacher: LoadedModel | undefined;
  data: TrainTestData;
  distillation: DistillationConfig;
  quantization: QuantizationConfig;
}

/** The config's student, teacher and data, bound to each other; the distillation and quantization sections with their defaults. */
export function loadConfigInputs(loaded: LoadedConfig): ConfigInputs {
  const { config } = loaded;
  const resolve = (p: string): string => resolveConfigPath(loaded, p);
  const distillation = effectiveDistillation(config.distillation, config.teacher !== undefined, loaded.file);
  const quantization = effectiveQuantization(config.quantization, loaded.file);
  const studentFile = loadModelForTraining(resolve(config.model.path), config.model.input, config.model.output);
  const teacherFile = config.teacher ? loadModelForTraining(resolve(config.teacher.path), config.teacher.input, config.teacher.output) : undefined;
  const data = loadData(config.data, resolve);
  const student = bindModelInputs(studentFile, data.train, data.description);
  const teacher = teacherFile ? bindModelInputs(teacherFile, data.train, data.description) : undefined;
  checkLabelsInRange(student, data);
  checkBatchSizes(data.train, { 'training.batchSize': config.training.batchSize, 'training.evalBatchSize': config.training.evalBatchSize });
  return { student, teacher, data, distillation, quantization };
}

/** A session for the inputs, quantized as `quantization` says (the config's own section by default). */
export function createConfigSession(loaded: LoadedConfig, inputs: ConfigInputs, quantization: QuantizationConfig = inputs.quantization): Promise<CompressionSession> {
  const { training } = loaded.config;
  return CompressionSession.create({
    student: inputs.student, teacher: inputs.teacher, distillation: inputs.distillation, quantization, train: inputs.data.train,
    seed: training.seed, threads: training.threads, batchSize: training.batchSize, evalBatchSize: training.evalBatchSize,
    createObserver: () => createRangeObserver(quantization.activations),
  });
}
