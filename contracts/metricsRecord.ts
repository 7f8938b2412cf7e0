/** The records of a run's metrics.jsonl, one JSON object per line; the engine also sends them live (run/metrics). */

/**
 * What training was doing: `headWarmup` trains only self-distillation's auxiliary heads, on the
 * student's frozen features, before `train` (joint training). Records without it are `train`.
 */
export type TrainingPhase = 'headWarmup' | 'train';

/** One auxiliary head of self-distillation, on the training batches since the last record. */
export interface AuxiliaryHeadMetrics {
  /** Its accuracy against the labels, in [0, 1]. */
  accuracy: number;
  /** Its self-distillation loss (unweighted), averaged over the examples. */
  loss: number;
}

export interface StepMetrics {
  type: 'step';
  phase?: TrainingPhase;
  epoch: number;
  step: number;
  globalStep: number;
  loss: number;
  /** Loss components by name (unweighted). */
  losses: Record<string, number>;
  learningRate: number;
  gradientNorm: number;
  /** Mean milliseconds per step since the last record. */
  stepMs: number;
  /** Auxiliary heads by loss component name (self-distillation only). */
  auxiliaryHeads?: Record<string, AuxiliaryHeadMetrics>;
}

export interface EpochMetrics {
  type: 'epoch';
  epoch: number;
  trainLoss: number;
  /** Test accuracy in [0, 1] per model variant, e.g. `fp32`. */
  accuracy: Record<string, number>;
  seconds: number;
  /** Auxiliary heads by loss component name, over the epoch's training batches (self-distillation only). */
  auxiliaryHeads?: Record<string, AuxiliaryHeadMetrics>;
}

export type MetricsRecord = StepMetrics | EpochMetrics;
