/**
 * Self-distillation's head warm-up: before joint training, only the auxiliary heads train, on
 * the student's features as they are (the backbone, its activation ranges and any learned
 * scales stay untouched), until the heads' accuracy stops improving or the step budget runs out.
 * Heads attached to a trained student start random; trained jointly from there, their large
 * early losses pull the backbone away from what it already knows.
 */
import type { Dataset } from '../data/dataset.ts';
import { iterateBatches } from '../data/batches.ts';
import type { DistillationConfig } from '../config/distqConfig.ts';
import type { AuxiliaryHeadMetrics, StepMetrics } from '../../contracts/metricsRecord.ts';
import { createOptimizer } from '../training/optim/factory.ts';
import type { ParameterSlot } from '../training/optim/optimizer.ts';
import { globalGradientNorm } from '../training/optim/clipping.ts';
import { TrainingCancelledError } from '../training/trainer.ts';
import type { CompressionSession } from './compressionSession.ts';

/**
 * Adam at 0.05 whatever the run's optimizer: the heads are single linear layers on pooled
 * features, and Adam's step size does not depend on the loss's scale (T²-scaled KL) or the
 * run's learning rate, which is set for fine-tuning the backbone.
 */
const WARMUP_LEARNING_RATE = 0.05;
/** Readings without a gain of at least this much mean accuracy before warm-up stops. */
const PATIENCE = 2;
const MIN_GAIN = 0.002;

export type HeadWarmupSettings = DistillationConfig['headWarmup'];

/** Whether a run warms its heads up: `auto` when the student already does better than twice chance. */
export function warmsUpHeads(settings: HeadWarmupSettings, headCount: number, studentAccuracy: number, classCount: number): boolean {
  if (headCount === 0 || settings.mode === 'off') return false;
  return settings.mode === 'on' || studentAccuracy > 2 / classCount;
}

export interface HeadWarmupOptions {
  session: CompressionSession;
  train: Dataset;
  settings: HeadWarmupSettings;
  batchSize: number;
  seed: number;
  shouldStop?(): boolean;
  onStep?(step: number, steps: number, loss: number): void;
  onMetrics?(record: StepMetrics): void;
}

export interface HeadWarmupResult {
  steps: number;
  /** The last reading of each head, by loss component name. */
  heads: Record<string, AuxiliaryHeadMetrics>;
  stoppedBecause: 'plateau' | 'budget';
}

export async function warmUpHeads(options: HeadWarmupOptions): Promise<HeadWarmupResult> {
  const { session, settings } = options;
  const tally = session.headTally;
  if (!tally) throw new Error('head warm-up needs auxiliary heads');
  const heads = session.plan.auxiliaryHeads;
  const headParameters = new Set(heads.flatMap((h) => h.parameters));
  const parameters = session.step.graph.parameters;
  const optimizer = createOptimizer({ kind: 'adam', learningRate: WARMUP_LEARNING_RATE });
  // Every head learns from its own term at full strength; the backbone's gradients are dropped.
  session.setLossWeights(Object.fromEntries(heads.map((h) => [h.component, 1])));
  tally.take();
  let step = 0;
  let best = -1;
  let readingsWithoutGain = 0;
  let last: Record<string, AuxiliaryHeadMetrics> = {};
  let windowStart = performance.now();
  if (options.train.count === 0) return { steps: 0, heads: {}, stoppedBecause: 'budget' };
  try {
    for (let epoch = 0; ; epoch++) {
      for (const batch of iterateBatches(options.train, { batchSize: options.batchSize, seed: options.seed, epoch, shuffle: true })) {
        if (options.shouldStop?.()) throw new TrainingCancelledError(`stopped during the head warm-up, step ${step + 1}`);
        const result = await session.computeLoss(batch);
        const slots: ParameterSlot[] = [];
        parameters.forEach((name, i) => {
          const gradient = result.gradients[i];
          if (gradient && headParameters.has(name)) slots.push({ name, value: session.step.parameterValues[i]!, gradient, weightDecay: false });
        });
        optimizer.step(slots, WARMUP_LEARNING_RATE);
        const headAccuracies = tally.add(result, batch.labels, batch.size);
        session.headShares?.observe(headAccuracies);
        session.selfTerms?.observe(result.components);
        step += 1;
        options.onStep?.(step, settings.maxSteps, result.totalLoss);
        const budgetSpent = step >= settings.maxSteps;
        if (step % settings.checkEverySteps !== 0 && !budgetSpent) continue;
        last = tally.take();
        const now = performance.now();
        options.onMetrics?.({
          type: 'step', phase: 'headWarmup', epoch: 0, step, globalStep: step, loss: result.totalLoss, losses: result.components,
          learningRate: WARMUP_LEARNING_RATE, gradientNorm: globalGradientNorm(slots), stepMs: (now - windowStart) / settings.checkEverySteps, auxiliaryHeads: last,
        });
        windowStart = now;
        if (budgetSpent) return { steps: step, heads: last, stoppedBecause: 'budget' };
        const accuracies = Object.values(last).map((h) => h.accuracy);
        const mean = accuracies.reduce((a, b) => a + b, 0) / Math.max(1, accuracies.length);
        if (mean >= best + MIN_GAIN) {
          best = mean;
          readingsWithoutGain = 0;
        } else if (++readingsWithoutGain >= PATIENCE) {
          return { steps: step, heads: last, stoppedBecause: 'plateau' };
        }
      }
    }
  } finally {
    session.scheduleLossWeights(0);
  }
}
