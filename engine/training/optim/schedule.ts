/**
 * Learning-rate schedules: pure functions of the optimizer step. `step` counts optimizer updates
 * from 0 (the learning rate used by the first update is `schedule(0, …)`), `stepsPerEpoch` is the
 * number of updates in one epoch, `totalSteps` the number in the whole run.
 */

export type LearningRateSchedule = (step: number, stepsPerEpoch: number, totalSteps: number) => number;

export type ScheduleConfig =
  | { kind: 'constant' }
  /** Multiplies the rate by `gamma` (default 0.1, as torch's StepLR) every `everyEpochs` epochs. */
  | { kind: 'step'; everyEpochs: number; gamma?: number }
  /** Linear warm-up over `warmupSteps` (default 0), then cosine annealing to `minimumLearningRate` (default 0). */
  | { kind: 'cosine'; warmupSteps?: number; minimumLearningRate?: number };

/** lr(t) = base. */
export function constantSchedule(baseLearningRate: number): LearningRateSchedule {
  checkRate('base learning rate', baseLearningRate);
  return (step) => {
    checkStep(step);
    return baseLearningRate;
  };
}

/**
 * lr(t) = base · γ^⌊e / N⌋ with e = ⌊t / stepsPerEpoch⌋ the epoch of step t: torch's StepLR
 * (step_size N) stepped once per epoch.
 */
export function stepDecaySchedule(baseLearningRate: number, everyEpochs: number, gamma = 0.1): LearningRateSchedule {
  checkRate('base learning rate', baseLearningRate);
  if (!Number.isInteger(everyEpochs) || everyEpochs < 1) throw new RangeError(`step schedule: everyEpochs must be a positive integer, got ${everyEpochs}`);
  if (!(gamma >= 0 && Number.isFinite(gamma))) throw new RangeError(`step schedule: invalid gamma ${gamma}`);
  return (step, stepsPerEpoch) => {
    checkStep(step);
    if (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1) throw new RangeError(`step schedule: stepsPerEpoch must be a positive integer, got ${stepsPerEpoch}`);
    const epoch = Math.floor(step / stepsPerEpoch);
    return baseLearningRate * gamma ** Math.floor(epoch / everyEpochs);
  };
}

/**
 * With W warm-up steps, T total steps, base b and minimum m:
 *   t < W:      lr(t) = b·(t+1)/W                              (reaches b at t = W−1)
 *   W ≤ t < T:  lr(t) = m + (b−m)·(1 + cos(π·(t−W)/(T−W)))/2   (b at t = W, torch's CosineAnnealingLR with T_max = T−W after that)
 *   t ≥ T:      lr(t) = m
 */
export function cosineWarmupSchedule(baseLearningRate: number, minimumLearningRate = 0, warmupSteps = 0): LearningRateSchedule {
  checkRate('base learning rate', baseLearningRate);
  checkRate('minimum learning rate', minimumLearningRate);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) throw new RangeError(`cosine schedule: warmupSteps must be a non-negative integer, got ${warmupSteps}`);
  return (step, _stepsPerEpoch, totalSteps) => {
    checkStep(step);
    if (step < warmupSteps) return (baseLearningRate * (step + 1)) / warmupSteps;
    if (step >= totalSteps) return minimumLearningRate;
    const progress = (step - warmupSteps) / (totalSteps - warmupSteps);
    return minimumLearningRate + ((baseLearningRate - minimumLearningRate) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

export function createLearningRateSchedule(config: ScheduleConfig, baseLearningRate: number): LearningRateSchedule {
  switch (config.kind) {
    case 'constant':
      return constantSchedule(baseLearningRate);
    case 'step':
      return stepDecaySchedule(baseLearningRate, config.everyEpochs, config.gamma);
    case 'cosine':
      return cosineWarmupSchedule(baseLearningRate, config.minimumLearningRate, config.warmupSteps);
    default: {
      const unknown: never = config;
      throw new TypeError(`unknown learning-rate schedule ${JSON.stringify(unknown)}`);
    }
  }
}

function checkRate(what: string, rate: number): void {
  if (!(rate >= 0 && Number.isFinite(rate))) throw new RangeError(`${what} must be a finite non-negative number, got ${rate}`);
}

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`learning-rate schedule: step must be a non-negative integer, got ${step}`);
}
