/**
 * The built-in training loop for classifiers. It drives a TrainStepSession with
 * the optimizer, schedule and clipping of the config, calls the compression hooks
 * at the seed's points, evaluates after each epoch and reports metrics.
 */
import type { Dataset } from '../data/dataset.ts';
import { batchCount, iterateBatches, type Batch } from '../data/batches.ts';
import type { TrainingConfig } from '../config/distqConfig.ts';
import { createOptimizer } from './optim/factory.ts';
import { createLearningRateSchedule } from './optim/schedule.ts';
import { clipGradientsByGlobalNorm, globalGradientNorm } from './optim/clipping.ts';
import type { Optimizer, ParameterSlot } from './optim/optimizer.ts';
import { callHooks, type StepInfo, type TrainingHooks } from './hooks.ts';
import type { EpochSummary } from '../../contracts/runFiles.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { TrainStepSession } from './trainStep.ts';
import { int64Tensor } from '../runtime/session.ts';
import { batchFeeds } from '../runtime/inputFeeds.ts';
import type * as ort from 'onnxruntime-node';
import { LABELS_INPUT } from './trainingGraph.ts';
import { optimizerConfigOf, scheduleConfigOf } from './trainingSettings.ts';
import { EARLY_EXPLOSION_FACTOR, EXPLOSION_FACTOR, LossWatch } from './lossWatch.ts';
import { firstNonFiniteParameter } from './finiteParameters.ts';

export class TrainingDivergedError extends Error {}
export class TrainingCancelledError extends Error {}

export interface TrainLoopOptions {
  step: TrainStepSession;
  /** The model inputs that take the dataset's inputs, in the dataset's order. */
  inputNames: readonly string[];
  train: Dataset;
  training: TrainingConfig;
  /** Weight decay applies to these parameters (by name). */
  decayed: ReadonlySet<string>;
  /** Evaluates after each epoch; returns accuracy per variant. */
  evaluate(epoch: number): Promise<Record<string, number>>;
  /** More inputs for a batch (teacher outputs, ranges), keyed by input name. */
  extraFeeds?(batch: Batch): Promise<Record<string, ort.Tensor>>;
  hooks?: TrainingHooks[];
  onMetrics?(record: MetricsRecord): void;
  shouldStop?(): boolean;
  /** Continue from here (resume): epochs already finished and the optimizer state. */
  startEpoch?: number;
  optimizer?: Optimizer;
}

export interface TrainLoopResult {
  history: EpochSummary[];
  optimizer: Optimizer;
  globalStep: number;
}

export async function runTrainingLoop(options: TrainLoopOptions): Promise<TrainLoopResult> {
  const { step, training } = options;
  const hooks = options.hooks ?? [];
  const optimizer = options.optimizer ?? createOptimizer(optimizerConfigOf(training.optimizer));
  const schedule = createLearningRateSchedule(scheduleConfigOf(training.schedule, training.epochs), training.optimizer.learningRate);
  const stepsPerEpoch = batchCount(options.train.count, training.batchSize);
  const totalSteps = stepsPerEpoch * training.epochs;
  const slots: ParameterSlot[] = step.graph.parameters.map((name, i) => ({
    name,
    value: step.parameterValues[i]!,
    gradient: new Float32Array(0),
    weightDecay: options.decayed.has(name),
  }));
  const history: EpochSummary[] = [];
  // Uniform predictions cost ln(classes) in cross-entropy: a loss below that is no collapse.
  const lossWatch = new LossWatch(Math.log(options.train.classCount));
  const startEpoch = options.startEpoch ?? 0;
  let globalStep = startEpoch * stepsPerEpoch;

  await callHooks(hooks, 'onTrainBegin');
  for (let epoch = startEpoch; epoch < training.epochs; epoch++) {
    const epochStart = performance.now();
    await callHooks(hooks, 'onEpochBegin', epoch);
    let lossSum = 0;
    let exampleCount = 0;
    let windowStart = performance.now();
    let windowSteps = 0;
    let stepInEpoch = 0;
    for (const batch of iterateBatches(options.train, { batchSize: training.batchSize, seed: training.seed, epoch, shuffle: true })) {
      if (options.shouldStop?.()) throw new TrainingCancelledError(`stopped at epoch ${epoch + 1}, step ${stepInEpoch + 1}`);
      const info: StepInfo = { epoch, step: stepInEpoch, globalStep, batchSize: batch.size, learningRate: schedule(globalStep, stepsPerEpoch, totalSteps), labels: batch.labels };
      await callHooks(hooks, 'onStepBegin', info);
      const feeds: Record<string, ort.Tensor> = {
        ...batchFeeds(options.inputNames, batch.inputs, batch.size),
        [LABELS_INPUT]: int64Tensor(batch.labels, [batch.size]),
        ...(options.extraFeeds ? await options.extraFeeds(batch) : {}),
      };
      const result = await step.run(feeds);
      if (!Number.isFinite(result.totalLoss)) {
        throw new TrainingDivergedError(`the loss became ${result.totalLoss} at epoch ${epoch + 1}, step ${stepInEpoch + 1} (learning rate ${info.learningRate.toPrecision(3)}); lower the learning rate or set training.gradientClipNorm`);
      }
      const first = lossWatch.earlyExplosion(result.totalLoss);
      if (first !== undefined) {
        throw new TrainingDivergedError(`the loss exploded to ${result.totalLoss.toPrecision(3)} (more than ${EARLY_EXPLOSION_FACTOR.toExponential(0)}× the first step's ${first.toPrecision(3)}) at epoch ${epoch + 1}, step ${stepInEpoch + 1}: the learning rate ${info.learningRate.toPrecision(3)} is likely too high; try a smaller one or set training.gradientClipNorm`);
      }
      const typical = lossWatch.observe(result.totalLoss);
      if (typical !== undefined) {
        throw new TrainingDivergedError(`the loss exploded to ${result.totalLoss.toPrecision(3)} (more than ${EXPLOSION_FACTOR}× the recent ${typical.toPrecision(3)}) at epoch ${epoch + 1}, step ${stepInEpoch + 1} (learning rate ${info.learningRate.toPrecision(3)}); lower the learning rate or set training.gradientClipNorm`);
      }
      await callHooks(hooks, 'onAfterComputeLoss', info, result);
      const active: ParameterSlot[] = [];
      slots.forEach((slot, i) => {
        const gradient = result.gradients[i];
        if (gradient) {
          slot.gradient = gradient;
          active.push(slot);
        }
      });
      const gradientNorm = training.gradientClipNorm !== undefined ? clipGradientsByGlobalNorm(active, training.gradientClipNorm).norm : globalGradientNorm(active);
      if (!Number.isFinite(gradientNorm)) {
        throw new TrainingDivergedError(`the gradient norm became ${gradientNorm} at epoch ${epoch + 1}, step ${stepInEpoch + 1}; lower the learning rate or set training.gradientClipNorm`);
      }
      await callHooks(hooks, 'onBeforeOptimizerStep', info, result);
      optimizer.step(active, info.learningRate);
      await callHooks(hooks, 'onStepEnd', info, result);
      lossSum += result.totalLoss * batch.size;
      exampleCount += batch.size;
      windowSteps += 1;
      globalStep += 1;
      stepInEpoch += 1;
      if (globalStep % training.logEverySteps === 0 || stepInEpoch === stepsPerEpoch) {
        const now = performance.now();
        options.onMetrics?.({
          type: 'step', epoch, step: stepInEpoch, globalStep, loss: result.totalLoss, losses: result.components,
          learningRate: info.learningRate, gradientNorm, stepMs: (now - windowStart) / windowSteps,
        });
        windowStart = now;
        windowSteps = 0;
      }
    }
    // Before the epoch's checkpoint is written: a checkpoint of NaN weights is nothing to resume from.
    const bad = firstNonFiniteParameter(step.graph.parameters, step.parameterValues);
    if (bad) throw new TrainingDivergedError(`${bad} at the end of epoch ${epoch + 1} (step ${stepInEpoch}); lower the learning rate or set training.gradientClipNorm`);
    const accuracy = await options.evaluate(epoch);
    const summary: EpochSummary = { epoch, trainLoss: lossSum / Math.max(1, exampleCount), accuracy };
    history.push(summary);
    options.onMetrics?.({ type: 'epoch', epoch, trainLoss: summary.trainLoss, accuracy, seconds: (performance.now() - epochStart) / 1000 });
    await callHooks(hooks, 'onEpochEnd', summary);
  }
  await callHooks(hooks, 'onTrainEnd');
  return { history, optimizer, globalStep };
}
