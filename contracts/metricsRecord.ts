/** The records of a run's metrics.jsonl, one JSON object per line; the engine also sends them live (run/metrics). */

export interface StepMetrics {
  type: 'step';
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
}

export interface EpochMetrics {
  type: 'epoch';
  epoch: number;
  trainLoss: number;
  /** Test accuracy in [0, 1] per model variant, e.g. `fp32`. */
  accuracy: Record<string, number>;
  seconds: number;
}

export type MetricsRecord = StepMetrics | EpochMetrics;
