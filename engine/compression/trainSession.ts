/**
 * QAT + distillation epochs on a compression session: the built-in trainer (trainer.ts) with the
 * session's feeds, its evaluation after each epoch, weight decay where it applies and the
 * compression manager's hooks. `distq run` and the tuner's trials both train through it.
 */
import type { Dataset } from '../data/dataset.ts';
import type { TrainingConfig } from '../config/distqConfig.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { TrainingHooks } from '../training/hooks.ts';
import type { Optimizer } from '../training/optim/optimizer.ts';
import { runTrainingLoop, type TrainLoopResult } from '../training/trainer.ts';
import { takesWeightDecay } from '../training/parameters.ts';
import type { CompressionManager } from './compressionManager.ts';

export interface SessionTrainingOptions {
  manager: CompressionManager;
  train: Dataset;
  /** Evaluated after each epoch: fake-quantized, or in float when quantization is off. */
  test: Dataset;
  /** Its `epochs` is where training ends (the schedule spans them). */
  training: TrainingConfig;
  optimizer: Optimizer;
  /** Epochs already finished (a resumed run). */
  startEpoch?: number;
  shouldStop?: () => boolean;
  /** Called after the manager's hooks. */
  hooks?: TrainingHooks[];
  /** Each record, with the auxiliary heads' readings added to an epoch's. */
  onMetrics?(record: MetricsRecord): void;
}

export function trainSession(options: SessionTrainingOptions): Promise<TrainLoopResult> {
  const { manager, test } = options;
  const { session } = manager;
  const quantized = session.setup.quantization.enabled;
  return runTrainingLoop({
    step: session.step,
    inputNames: session.setup.student.inputNames,
    train: options.train,
    training: options.training,
    decayed: new Set(session.trainable.filter((name) => takesWeightDecay(session.studentModel, name))),
    extraFeeds: (batch) => session.feedsFor(batch),
    evaluate: async (): Promise<Record<string, number>> => (quantized ? { qatFakeQuant: await session.evaluateFakeQuant(test) } : { fp32: await session.evaluateFloat(test) }),
    optimizer: options.optimizer,
    startEpoch: options.startEpoch,
    shouldStop: options.shouldStop,
    hooks: [manager.callbacks, ...(options.hooks ?? [])],
    onMetrics: (record) => {
      // The heads' accuracy and loss over the epoch's batches, beside the student's accuracy.
      const withHeads = record.type === 'epoch' && session.headTally && !session.headTally.isEmpty ? { ...record, auxiliaryHeads: session.headTally.take() } : record;
      options.onMetrics?.(withHeads);
    },
  });
}
